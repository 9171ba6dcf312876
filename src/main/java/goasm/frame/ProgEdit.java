package goasm.frame;

import goasm.arch.amd64.Op;
import goasm.arch.amd64.Reg;
import goasm.arch.amd64.RegClass;
import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.Link;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Register;
import goasm.obj.Symbol;
import goasm.obj.SymKind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The per-instruction rewrites Go's amd64 back end makes before frame lowering (obj6.go's
 * progedit) for linux: TLS accesses in their one-instruction form, CALL/JMP/RET to symbols as
 * branches, MOVQ/MOVL $addr as LEAQ/LEAL, and float constants moved to read-only memory.
 */
final class ProgEdit {
    private final Link link;

    ProgEdit(Link link) {
        this.link = link;
    }

    void edit(Prog p) {
        rewriteTls(p);
        if ((p.op == Op.CMPPD || p.op == Op.CMPPS || p.op == Op.CMPSD || p.op == Op.CMPSS)
                && p.to.type() == AddrType.MEM && p.to.name() == AddrName.NONE && p.to.reg() == null
                && p.to.index() == null && p.to.sym() == null) {
            // The tables expect the predicate of CMPPS etc. as a constant.
            p.to = p.to.withType(AddrType.CONST);
        }
        if ((p.op == Pseudo.CALL || p.op == Pseudo.JMP || p.op == Pseudo.RET) && p.to.type() == AddrType.MEM
                && (p.to.name() == AddrName.EXTERN || p.to.name() == AddrName.STATIC) && p.to.sym() != null) {
            p.to = p.to.withType(AddrType.BRANCH);
        }
        if (p.from.type() == AddrType.ADDR) {
            if (p.op == Op.MOVL) {
                p.op = Op.LEAL;
                p.from = p.from.withType(AddrType.MEM);
            } else if (p.op == Op.MOVQ) {
                p.op = Op.LEAQ;
                p.from = p.from.withType(AddrType.MEM);
            }
        }
        moveFloatConstantToMemory(p);
    }

    /**
     * linux/amd64 can address g directly as 0(TLS): "MOVQ TLS, BX" becomes a NOP and
     * "off(BX)(TLS*1)" becomes "off(TLS)".
     */
    private static void rewriteTls(Prog p) {
        if ((p.op == Op.MOVQ || p.op == Op.MOVL) && p.from.type() == AddrType.REG && p.from.reg() == Reg.TLS
                && p.to.type() == AddrType.REG && isGeneral(p.to.reg())) {
            nopOut(p);
        }
        p.from = collapseTlsIndex(p.from);
        p.to = collapseTlsIndex(p.to);
    }

    private static Addr collapseTlsIndex(Addr a) {
        if (a.type() == AddrType.MEM && a.index() == Reg.TLS && isGeneral(a.reg())) {
            return a.withReg(Reg.TLS).withIndex(null, 0);
        }
        return a;
    }

    static boolean isGeneral(Register r) {
        return r instanceof Reg reg && reg.regClass() == RegClass.GP;
    }

    static void nopOut(Prog p) {
        p.op = Pseudo.NOP;
        p.from = Addr.NONE;
        p.restArgs = java.util.List.of();
        p.to = Addr.NONE;
    }

    private void moveFloatConstantToMemory(Prog p) {
        if (p.from.type() != AddrType.FCONST) {
            return;
        }
        double value = (Double) p.from.val();
        if (p.op instanceof Op op) {
            switch (op) {
                case MOVSS, MOVSD -> {
                    if (Double.doubleToRawLongBits(value) == 0 && isLowXmm(p.to)) {
                        // MOVSS/MOVSD $(0.0), Xn is XORPS Xn, Xn.
                        p.op = Op.XORPS;
                        p.from = p.to;
                        return;
                    }
                    p.from = constantSymbol(op == Op.MOVSS, value);
                }
                case FMOVF, FADDF, FSUBF, FSUBRF, FMULF, FDIVF, FDIVRF, FCOMF, FCOMFP, ADDSS, SUBSS, MULSS,
                     DIVSS, COMISS, UCOMISS -> p.from = constantSymbol(true, value);
                case FMOVD, FADDD, FSUBD, FSUBRD, FMULD, FDIVD, FDIVRD, FCOMD, FCOMDP, ADDSD, SUBSD, MULSD,
                     DIVSD, COMISD, UCOMISD -> p.from = constantSymbol(false, value);
                default -> {
                }
            }
        }
    }

    private static boolean isLowXmm(Addr a) {
        return a.type() == AddrType.REG && a.reg() instanceof Reg r && r.regClass() == RegClass.XMM && r.number() < 16;
    }

    /** Go's $f32.xxxxxxxx / $f64.xxxxxxxxxxxxxxxx read-only constants. */
    private Addr constantSymbol(boolean single, double value) {
        String name;
        byte[] bytes;
        if (single) {
            int bits = Float.floatToRawIntBits((float) value);
            name = String.format("$f32.%08x", bits);
            bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bits).array();
        } else {
            long bits = Double.doubleToRawLongBits(value);
            name = String.format("$f64.%016x", bits);
            bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bits).array();
        }
        Symbol s = link.lookup(name);
        if (s.kind == null) {
            s.kind = SymKind.SRODATA;
            s.size = bytes.length;
            s.writeBytes(0, bytes);
            link.addConstant(s);
        }
        return Addr.global(s, 0);
    }
}
