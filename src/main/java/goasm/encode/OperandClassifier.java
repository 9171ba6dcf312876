package goasm.encode;

import goasm.arch.amd64.Reg;
import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.Register;
import goasm.obj.TargetOs;

import java.util.function.Consumer;

/** Gives an operand its narrowest {@link OperandClass}. */
final class OperandClassifier {
    private OperandClassifier() {
    }

    /**
     * @param problem receives Go's message for operands that are malformed rather than merely
     *                unencodable (the instruction then also fails to match)
     */
    static OperandClass classify(Addr a, Consumer<String> problem) {
        return classify(a, TargetOs.LINUX, problem);
    }

    /** As {@link #classify(Addr, Consumer)} for {@code os}, whose absolutely addressed symbols are 32-bit constants. */
    static OperandClass classify(Addr a, TargetOs os, Consumer<String> problem) {
        return switch (a.type()) {
            case NONE -> OperandClass.NONE;
            case BRANCH -> OperandClass.BR;
            case TEXTSIZE -> OperandClass.TEXTSIZE;
            case INDIR -> a.name() != AddrName.NONE && a.reg() == null && a.index() == null && a.scale() == 0
                    ? OperandClass.INDIR : OperandClass.INVALID;
            case MEM -> memory(a);
            case ADDR -> address(a, os, problem);
            case CONST -> {
                if (a.sym() != null) {
                    problem.accept("TYPE_CONST with symbol: " + a);
                }
                yield constant(a.offset());
            }
            case REG -> register(a.reg());
            case REGLIST -> registerList(asReg(a.reg()), asReg(a.index()));
            case FCONST, SCONST -> {
                problem.accept("unexpected addr1: type=" + goTypeNumber(a.type()) + " " + a);
                yield OperandClass.INVALID;
            }
        };
    }

    private static int goTypeNumber(AddrType t) {
        return t == AddrType.FCONST ? 5 : 6;
    }

    private static OperandClass memory(Addr a) {
        Reg index = asReg(a.index());
        if (index == Reg.SP || (a.index() != null && index == null)) {
            return OperandClass.INVALID;
        }
        if (index != null) {
            OperandClass vector = vectorIndex(index);
            if (vector != null) {
                return vector;
            }
        }
        switch (a.name()) {
            case EXTERN, STATIC, GOTREF -> {
                // Globals are RIP-relative: no base or index register.
                if (a.reg() != null || a.index() != null || a.scale() != 0) {
                    return OperandClass.INVALID;
                }
            }
            case AUTO, PARAM -> {
                if (a.reg() != null && a.reg() != Reg.SP) {
                    return OperandClass.INVALID;
                }
            }
            case NONE -> {
            }
        }
        return OperandClass.M;
    }

    private static OperandClass vectorIndex(Reg index) {
        int n = index.number();
        return switch (index.regClass()) {
            case XMM -> n < 16 ? OperandClass.XVM : OperandClass.XVM_EVEX;
            case YMM -> n < 16 ? OperandClass.YVM : OperandClass.YVM_EVEX;
            case ZMM -> OperandClass.ZVM;
            default -> null;
        };
    }

    private static OperandClass address(Addr a, TargetOs os, Consumer<String> problem) {
        switch (a.name()) {
            case GOTREF -> {
                problem.accept("unexpected TYPE_ADDR with NAME_GOTREF");
                return OperandClass.INVALID;
            }
            case EXTERN, STATIC -> {
                // Absolutely addressed symbols (solaris' libc_*) fit a 32-bit immediate; others are RIP-relative.
                return os.usesAbsoluteAddress(a.sym()) ? OperandClass.I32 : OperandClass.IAUTO;
            }
            case AUTO, PARAM -> {
                return OperandClass.IAUTO;
            }
            case NONE -> {
            }
        }
        // DUFFZERO/DUFFCOPY take $runtime.duff*(SB)-style addresses as plain 32-bit constants.
        if (a.sym() != null && a.sym().name().startsWith("runtime.duff")) {
            return OperandClass.I32;
        }
        if (a.sym() != null) {
            problem.accept("unexpected addr: " + a);
        }
        if (a.sym() != null) {
            problem.accept("TYPE_CONST with symbol: " + a);
        }
        return constant(a.offset());
    }

    /** [X0-X3]-style lists: four consecutive vector registers of one kind (4FMAPS, 4VNNIW sources). */
    private static OperandClass registerList(Reg low, Reg high) {
        if (low == null || high == null || high.number() - low.number() != 3 || low.regClass() != high.regClass()) {
            return OperandClass.INVALID;
        }
        return switch (low.regClass()) {
            case XMM -> OperandClass.XR_EVEX_MULTI4;
            case YMM -> OperandClass.YR_EVEX_MULTI4;
            case ZMM -> OperandClass.ZR_MULTI4;
            default -> OperandClass.INVALID;
        };
    }

    static OperandClass constant(long v) {
        if (v == 0) {
            return OperandClass.I0;
        }
        if (v == 1) {
            return OperandClass.I1;
        }
        if (v >= 0 && v <= 3) {
            return OperandClass.U2;
        }
        if (v >= 0 && v <= 127) {
            return OperandClass.U7;
        }
        if (v >= 0 && v <= 255) {
            return OperandClass.U8;
        }
        if (v >= -128 && v <= 127) {
            return OperandClass.I8;
        }
        if ((int) v == v) {
            return OperandClass.S32;
        }
        if (v >>> 32 == 0) {
            return OperandClass.I32;
        }
        return OperandClass.I64;
    }

    static OperandClass register(Register register) {
        Reg r = asReg(register);
        if (r == null) {
            return OperandClass.INVALID;
        }
        int n = r.number();
        return switch (r.regClass()) {
            case GP8 -> switch (n) {
                case 0 -> OperandClass.AL;
                case 1 -> OperandClass.CL;
                // SPB is not accepted as an operand (Go's classifier leaves it out).
                case 4 -> OperandClass.INVALID;
                default -> OperandClass.RB;
            };
            case GP8_HIGH -> OperandClass.RB;
            case GP -> switch (n) {
                case 0 -> OperandClass.AX;
                case 1 -> OperandClass.CX;
                case 2, 3 -> OperandClass.RX;
                default -> OperandClass.RL;
            };
            case X87 -> n == 0 ? OperandClass.F0 : OperandClass.RF;
            case MMX -> OperandClass.MR;
            case XMM -> n == 0 ? OperandClass.XR0 : n < 16 ? OperandClass.XR : OperandClass.XR_EVEX;
            case YMM -> n < 16 ? OperandClass.YR : OperandClass.YR_EVEX;
            case ZMM -> OperandClass.ZR;
            case MASK -> n == 0 ? OperandClass.K0 : OperandClass.KNOT0;
            case SEGMENT -> switch (r) {
                case CS -> OperandClass.CS;
                case SS -> OperandClass.SS;
                case DS -> OperandClass.DS;
                case ES -> OperandClass.ES;
                case FS -> OperandClass.FS;
                default -> OperandClass.GS;
            };
            case TLS -> OperandClass.TLS;
            case SYSTEM -> switch (r) {
                case GDTR -> OperandClass.GDTR;
                case IDTR -> OperandClass.IDTR;
                case LDTR -> OperandClass.LDTR;
                case MSW -> OperandClass.MSW;
                default -> OperandClass.TASK;
            };
            case CONTROL -> n <= 8 ? OperandClass.valueOf("CR" + n) : OperandClass.INVALID;
            case DEBUG -> OperandClass.valueOf("DR" + n);
            case TEST -> OperandClass.valueOf("TR" + n);
        };
    }

    static Reg asReg(Register r) {
        return r instanceof Reg reg ? reg : null;
    }
}
