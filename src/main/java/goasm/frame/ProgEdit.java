package goasm.frame;

import goasm.arch.amd64.Op;
import goasm.arch.amd64.Reg;
import goasm.arch.amd64.RegClass;
import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Register;
import goasm.obj.Symbol;
import goasm.release.FrameRules;
import goasm.obj.SymKind;
import goasm.obj.TlsModel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The per-instruction rewrites Go's amd64 back end makes before frame lowering (obj6.go's
 * progedit): TLS accesses in the target system's form (its {@link TlsModel}), CALL/JMP/RET to symbols as
 * branches, MOVQ/MOVL $addr as LEAQ/LEAL, and float constants moved to read-only memory.
 */
final class ProgEdit {
    private final Link link;
    /** Told which rule rewrote an instruction (goasm explain); nothing is built otherwise. */
    private final InsertionLog log;
    private final boolean recording;

    ProgEdit(Link link, InsertionLog log) {
        this.link = link;
        this.log = log;
        this.recording = log.recording();
    }

    void edit(Prog p) {
        Prog next = p.link;
        Snapshot before = recording ? snapshot(p, next) : null;
        rewriteTls(p);
        before = noteChange(p, next, Insertion.EditRule.TLS_FORM, before);
        if ((p.op == Op.CMPPD || p.op == Op.CMPPS || p.op == Op.CMPSD || p.op == Op.CMPSS)
                && p.to.type() == AddrType.MEM && p.to.name() == AddrName.NONE && p.to.reg() == null
                && p.to.index() == null && p.to.sym() == null) {
            // The tables expect the predicate of CMPPS etc. as a constant.
            p.to = p.to.withType(AddrType.CONST);
            before = noteChange(p, next, Insertion.EditRule.PREDICATE_AS_CONSTANT, before);
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
            before = noteChange(p, next, Insertion.EditRule.ADDRESS_AS_LEA, before);
        }
        boolean zero = p.op == Op.MOVSS || p.op == Op.MOVSD;
        moveFloatConstantToMemory(p);
        before = noteChange(p, next, zero && p.op == Op.XORPS ? Insertion.EditRule.ZERO_FLOAT_AS_XOR
                : Insertion.EditRule.FLOAT_CONSTANT_IN_MEMORY, before);
        if (link.options().dynlink()) {
            rewriteToUseGot(p);
            noteChange(p, next, Insertion.EditRule.GOT_ACCESS, before);
        }
    }

    /** An instruction's text and how many instructions follow it up to the next original one. */
    private record Snapshot(String text, int inserted) {
    }

    private static Snapshot snapshot(Prog p, Prog next) {
        int inserted = 0;
        for (Prog q = p.link; q != next && q != null; q = q.link) {
            inserted++;
        }
        return new Snapshot(OperandFormat.instruction(p), inserted);
    }

    /**
     * When recording: notes {@code rule} on {@code p} if it changed since {@code before}, and on
     * every instruction inserted after it (up to {@code next}); returns the state now.
     */
    private Snapshot noteChange(Prog p, Prog next, Insertion.EditRule rule, Snapshot before) {
        if (!recording) {
            return null;
        }
        Snapshot now = snapshot(p, next);
        if (!now.equals(before)) {
            log.note(p, new Insertion.Edit(rule, before.text(), false));
            Insertion.Edit added = new Insertion.Edit(rule, before.text(), true);
            for (Prog q = p.link; q != next && q != null; q = q.link) {
                log.note(q, added);
            }
        }
        return now;
    }

    /** A global that -dynlink code must reach through the GOT: a Go-sense global not known to be local. */
    private static boolean isDynamicGlobal(Addr a) {
        return a.name() == AddrName.EXTERN && a.sym() != null && !a.sym().has(Symbol.Attr.LOCAL);
    }

    /**
     * -dynlink: globals may live in another shared library, so every access goes through the
     * GOT, using R15 as scratch: "MOVQ sym, AX" becomes "MOVQ sym@GOT(SB), R15; MOVQ (R15), AX",
     * "LEAQ sym+8, AX" becomes "MOVQ sym@GOT(SB), AX; LEAQ 8(AX), AX", DUFFZERO/DUFFCOPY call
     * through a register.
     */
    private void rewriteToUseGot(Prog p) {
        if (p.op == Pseudo.DUFFCOPY || p.op == Pseudo.DUFFZERO) {
            Symbol duff = link.lookup(p.op == Pseudo.DUFFZERO ? "runtime.duffzero" : "runtime.duffcopy",
                    goasm.obj.Abi.ABIInternal);
            long offset = p.to.offset();
            p.op = Op.MOVQ;
            // Only the kind, name and symbol change; whatever else the operand held stays (as in Go).
            p.from = p.from.withType(AddrType.MEM).withName(AddrName.GOTREF).withSym(duff);
            p.to = Addr.reg(Reg.R15);
            Prog lea = p.append(Op.LEAQ);
            lea.from = Addr.mem(Reg.R15, offset);
            lea.to = Addr.reg(Reg.R15);
            Prog call = lea.append(Pseudo.CALL);
            call.to = Addr.reg(Reg.R15);
        }
        if (p.op == Op.LEAQ && p.from.type() == AddrType.MEM && isDynamicGlobal(p.from)) {
            p.op = Op.MOVQ;
            p.from = p.from.withType(AddrType.ADDR);
        }
        if (p.from.type() == AddrType.ADDR && isDynamicGlobal(p.from)) {
            if (p.to.type() != AddrType.REG || p.op != Op.MOVQ) {
                link.diagnostics().passError("do not know how to handle LEA-type insn to non-register in "
                        + OperandFormat.withPosition(p) + " with -dynlink");
                p.op = Op.MOVQ;
                p.to = Addr.reg(Reg.R15);
            }
            long offset = p.from.offset();
            p.from = new Addr(AddrType.MEM, p.from.reg(), p.from.index(), p.from.scale(), AddrName.GOTREF, 0,
                    p.from.sym(), null, null);
            if (offset != 0) {
                Prog q = p.append(Op.LEAQ);
                q.from = Addr.mem(p.to.reg(), offset);
                q.to = p.to;
            }
        }
        FrameRules.GotRewriteOperands operands = link.release().frame().gotRewriteOperands();
        Addr from3 = p.restArgs.isEmpty() ? null : p.restArgs.get(0);
        boolean middleGlobal = false;
        switch (operands) {
            case FROM_AND_TO, FIRST_MIDDLE -> {
                if (from3 != null && from3.name() == AddrName.EXTERN) {
                    link.diagnostics().passError("don't know how to handle " + OperandFormat.withPosition(p)
                            + " with -dynlink");
                }
            }
            case ALL -> {
                // The first middle operand may be the global; any later one may not.
                for (int i = 1; i < p.restArgs.size(); i++) {
                    if (isDynamicGlobal(p.restArgs.get(i))) {
                        link.diagnostics().passError("don't know how to handle " + OperandFormat.withPosition(p)
                                + " with -dynlink");
                    }
                }
                middleGlobal = from3 != null && isDynamicGlobal(from3);
            }
        }
        boolean fromGlobal = isDynamicGlobal(p.from);
        boolean toGlobal = isDynamicGlobal(p.to);
        if (!fromGlobal && !toGlobal && !middleGlobal) {
            return;
        }
        if (fromGlobal && toGlobal) {
            link.diagnostics().passError("cannot handle NAME_EXTERN on both sides in "
                    + OperandFormat.withPosition(p) + " with -dynlink");
        }
        if ((fromGlobal || toGlobal) && middleGlobal) {
            link.diagnostics().passError("cannot handle NAME_EXTERN on multiple operands in "
                    + OperandFormat.withPosition(p) + " with -dynlink");
        }
        Addr source = fromGlobal ? p.from : toGlobal ? p.to : from3;
        if (p.op == Pseudo.CALL || p.op == Pseudo.TEXT || p.op == Pseudo.FUNCDATA || p.op == Pseudo.RET
                || p.op == Pseudo.JMP) {
            return;
        }
        if (source.type() != AddrType.MEM) {
            link.diagnostics().passError("don't know how to handle " + OperandFormat.withPosition(p) + " with -dynlink");
        }
        Prog load = p.append(Op.MOVQ);
        load.from = new Addr(AddrType.MEM, null, null, 0, AddrName.GOTREF, 0, source.sym(), null, null);
        load.to = Addr.reg(Reg.R15);
        Prog access = load.append(p.op);
        access.from = fromGlobal ? viaR15(p.from) : p.from;
        access.to = toGlobal && !fromGlobal ? viaR15(p.to) : p.to;
        access.restArgs = switch (operands) {
            case FROM_AND_TO -> java.util.List.of();
            case FIRST_MIDDLE -> from3 == null ? java.util.List.of() : java.util.List.of(from3);
            case ALL -> {
                if (fromGlobal || toGlobal || !middleGlobal) {
                    yield p.restArgs;
                }
                java.util.List<Addr> rest = new java.util.ArrayList<>(p.restArgs);
                rest.set(0, viaR15(from3));
                yield java.util.List.copyOf(rest);
            }
        };
        nopOut(p);
    }

    /** The same memory operand, now relative to R15 which holds the global's address. */
    private static Addr viaR15(Addr a) {
        return new Addr(a.type(), Reg.R15, a.index(), a.scale(), AddrName.NONE, a.offset(), null, null, a.val());
    }

    /**
     * Whether g can be loaded with one instruction, MOVQ 0(TLS), R (local exec): on linux and
     * freebsd unless -shared, never on android, windows and plan9, always elsewhere.
     */
    boolean oneInstructionTls() {
        return link.options().os().tls().sequence().oneInstruction(link.options().shared());
    }

    /**
     * One-instruction TLS: "MOVQ TLS, BX" becomes a NOP (not on solaris) and "off(BX)(TLS*1)"
     * becomes "off(TLS)". Two-instruction TLS: "MOVQ 0(TLS), BX" becomes "MOVQ TLS, BX;
     * MOVQ 0(BX)(TLS*2), BX". Then android reads the TLS base from a variable, and windows and
     * plan9 write (TLS*1) as (TLS*2).
     */
    private void rewriteTls(Prog p) {
        TlsModel tls = link.options().os().tls();
        if (oneInstructionTls()) {
            if (loadsTlsBase(p) && !tls.keepsBaseLoad()) {
                nopOut(p);
            }
            p.from = collapseTlsIndex(p.from);
            p.to = collapseTlsIndex(p.to);
        } else if ((p.op == Op.MOVQ || p.op == Op.MOVL) && p.from.type() == AddrType.MEM && p.from.reg() == Reg.TLS
                && p.to.type() == AddrType.REG && isGeneral(p.to.reg())) {
            Prog q = p.append(p.op);
            q.from = p.from.withReg(p.to.reg()).withIndex(Reg.TLS, 2);
            q.to = p.to;
            p.from = new Addr(AddrType.REG, Reg.TLS, null, 0, p.from.name(), 0, p.from.sym(), p.from.localName(),
                    p.from.val());
        }
        boolean windowsViaVariable = link.options().os() == goasm.obj.TargetOs.WINDOWS
                && link.release().frame().windowsTlsViaVariable();
        if ((tls.baseSymbol() != null || windowsViaVariable) && loadsTlsBase(p)) {
            String base = windowsViaVariable ? "runtime.tls_g" : tls.baseSymbol();
            p.from = new Addr(AddrType.MEM, null, null, p.from.scale(), AddrName.EXTERN, p.from.offset(),
                    link.lookup(base), null, p.from.val());
            if (windowsViaVariable) {
                // runtime.tls_g holds the slot's offset from GS: one more load.
                Prog q = p.append(p.op);
                q.from = Addr.mem(p.to.reg(), 0).withIndex(Reg.GS, 1);
                q.to = p.to;
            }
        }
        if (tls.indexScaleTwo()) {
            p.from = tlsIndexScaleTwo(p.from);
            p.to = tlsIndexScaleTwo(p.to);
        }
    }

    /** MOVQ/MOVL TLS, R: the load of the TLS base into a general register. */
    private static boolean loadsTlsBase(Prog p) {
        return (p.op == Op.MOVQ || p.op == Op.MOVL) && p.from.type() == AddrType.REG && p.from.reg() == Reg.TLS
                && p.to.type() == AddrType.REG && isGeneral(p.to.reg());
    }

    private static Addr tlsIndexScaleTwo(Addr a) {
        return a.scale() == 1 && a.index() == Reg.TLS ? a.withIndex(Reg.TLS, 2) : a;
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
            s.set(Symbol.Attr.LOCAL, true);
            s.set(Symbol.Attr.CONTENT_ADDRESSABLE, true);
            s.size = bytes.length;
            s.align = single ? 4 : 8;
            s.writeBytes(0, bytes);
            link.addConstant(s);
        }
        return Addr.global(s, 0);
    }
}
