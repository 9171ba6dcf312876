package goasm.encode;

import goasm.arch.amd64.Op;
import goasm.arch.amd64.Reg;
import goasm.obj.Addr;
import goasm.obj.AddrType;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Symbol;
import goasm.release.EncoderRules.PcAlign;

import java.util.Arrays;

/**
 * Lays out a function's machine code, as Go's amd64 back end does for assembly input.
 *
 * <pre>{@code
 * new Amd64Encoder(link).assemble(fn);   // fn.func.text: TEXT, then the lowered instructions
 * fn.data, fn.relocs, fn.size            // the code; every Prog has pc and size
 * }</pre>
 *
 * Branches start short; a pass that finds a forward short branch out of reach makes it near and
 * lays the function out again, until nothing changes. Errors go to the link's diagnostics in
 * Go's words.
 */
public final class Amd64Encoder {
    private final Link link;
    private final EncodingTables tables;

    public Amd64Encoder(Link link) {
        this.link = link;
        this.tables = EncodingTables.amd64(link.release().instructionSet().revisions());
        if (link.options().os().tls().baseLoad() == goasm.obj.TlsModel.BaseLoad.PRIVATES) {
            // Any package may reach the process's private data (the TLS base): the back end marks
            // it for the whole run, defined or referred to; the object format decides whether the
            // mark is written (ObjectFormat.asmLinkname).
            link.lookup(goasm.obj.TlsModel.PLAN9_PRIVATES).set(Symbol.Attr.LINKNAME, true);
        }
    }

    /** Encodes every instruction of {@code fn} and stores the code, relocations and size in it. */
    public void assemble(Symbol fn) {
        if (fn.func == null || fn.func.text == null) {
            return;
        }
        Prog text = fn.func.text;
        prepare(text);

        // Marks live on the instructions (Prog.branchState), tagged with this call's owner.
        Object owner = new Object();
        for (Prog p = text; p != null; p = p.link) {
            BranchMarks m = BranchMarks.of(p, owner);
            m.flags = BranchMarks.SHORT; // short branches first
            Prog target = p.to.target();
            if (target != null) {
                BranchMarks t = BranchMarks.of(target, owner);
                if (t.has(BranchMarks.SHORT)) {
                    m.flags |= BranchMarks.BACKWARDS;
                    t.flags |= BranchMarks.LOOP_HEAD;
                }
            }
        }

        int errorsBefore = link.diagnostics().count();
        for (int pass = 1; ; pass++) {
            InstructionAssembler asm = new InstructionAssembler(link, fn, tables,
                    p -> BranchMarks.of(p, owner));
            Code code = new Code();
            boolean again = layout(fn, text, asm, owner, code);
            if (pass > link.release().encoderRules().layoutPasses()) {
                link.diagnostics().passError("span must be looping");
                throw link.diagnostics().fatal("loop");
            }
            if (!again) {
                fn.data = code.bytes();
                fn.size = code.size;
                fn.relocs.clear();
                asm.relocs.forEach(r -> fn.relocs.add(r.toReloc()));
                return;
            }
            if (link.diagnostics().count() > errorsBefore) {
                return;
            }
        }
    }

    /** One pass over the function; true when a branch had to grow and another pass is needed. */
    private boolean layout(Symbol fn, Prog text, InstructionAssembler asm, Object owner, Code code) {
        boolean again = false;
        PcAlign pcAlign = link.release().encoderRules().pcAlign();
        for (Prog p = text; p != null; p = p.link) {
            boolean padding = (p.op == Pseudo.PCALIGN || p.op == Pseudo.PCALIGNMAX) && pcAlign != PcAlign.UNSUPPORTED;
            if (padding && pcAlign != PcAlign.PADS) {
                // These releases place the padding before giving the instruction a pc or
                // settling the forward branches to it.
                if (pcAlign == PcAlign.PADS_UNPATCHED) {
                    p.pc = code.size;
                }
                pad(fn, p, code);
                continue;
            }
            p.pc = code.size;
            BranchMarks m = BranchMarks.of(p, owner);
            // Now that p's address is known, fill in the forward branches to it.
            for (Prog q = m.forwardBranches; q != null; q = BranchMarks.of(q, owner).nextForward) {
                BranchMarks qm = BranchMarks.of(q, owner);
                int v = (int) (p.pc - (q.pc + q.size));
                if (qm.has(BranchMarks.SHORT)) {
                    if (v > 127) {
                        again = true;
                        qm.flags &= ~BranchMarks.SHORT;
                    }
                    int at = (int) q.pc + (q.op == Op.JCXZL || q.op == Op.XBEGIN ? 2 : 1);
                    code.set(at, v);
                } else {
                    code.setInt32((int) (q.pc + q.size - 4), v);
                }
            }
            if (padding) {
                pad(fn, p, code);
                continue;
            }
            m.forwardBranches = null;

            asm.assemble(p);
            p.size = asm.length();
            code.write((int) p.pc, asm.bytes());
        }
        return again;
    }

    /**
     * PCALIGN $n: NOPs up to the next multiple of n, which must be a power of two in [8, 2048];
     * the function is then aligned to at least n. PCALIGNMAX $n, $max pads likewise, but only
     * when that takes at most max bytes (max in [0, n)).
     */
    private void pad(Symbol fn, Prog p, Code code) {
        long alignment = p.from.offset();
        int padding = paddingLength(p, alignment, code.size);
        if (padding >= 0) {
            fn.func.align = Math.max(fn.func.align, (int) alignment);
        } else {
            padding = 0;
        }
        code.write(code.size, NopFill.of(padding));
        p.size = padding;
    }

    /** The padding before the next instruction, or -1 (reported) for an invalid request. */
    private int paddingLength(Prog p, long alignment, int pc) {
        if ((alignment & (alignment - 1)) != 0 || alignment < 8 || alignment > 2048) {
            link.diagnostics().passError("alignment value of an instruction must be a power of two and in the range "
                    + "[8, 2048], got " + alignment);
            return -1;
        }
        int misalignment = (int) (pc & (alignment - 1));
        int toBoundary = misalignment == 0 ? 0 : (int) alignment - misalignment;
        if (p.op != Pseudo.PCALIGNMAX) {
            return toBoundary;
        }
        long max = p.to.offset();
        if (max < 0 || max >= alignment) {
            link.diagnostics().passError("PCALIGNMAX 'amount' " + max + " must be non-negative and smaller than the "
                    + link.release().encoderRules().pcAlignMaxWording().word() + " " + alignment);
            return 0;
        }
        return toBoundary <= max ? toBoundary : 0;
    }

    /** Rewrites done once before layout: self-targets for unresolved branches, ADJSP, retpolines. */
    private void prepare(Prog text) {
        for (Prog p = text; p != null; p = p.link) {
            if (p.to.type() == AddrType.BRANCH && p.to.target() == null) {
                p.to = p.to.withVal(p);
            }
            if (p.op == Op.ADJSP) {
                p.to = Addr.reg(Reg.SP);
                long v = p.from.offset();
                // ADDQ $x or SUBQ $x with x positive, except that $-0x80 is shorter than $0x80.
                if (v == 0) {
                    p.op = Pseudo.NOP;
                } else if (v == 0x80 || (v < 0 && v != -0x80)) {
                    p.op = Op.ADDQ;
                    p.from = p.from.withOffset(-v);
                } else {
                    p.op = Op.SUBQ;
                }
            }
            if (link.options().retpoline() && (p.op == Pseudo.CALL || p.op == Pseudo.JMP)
                    && (p.to.type() == AddrType.REG || p.to.type() == AddrType.MEM)) {
                if (p.to.type() != AddrType.REG) {
                    link.diagnostics().passError("non-retpoline-compatible: " + OperandFormat.withPosition(p));
                    continue;
                }
                Symbol thunk = link.lookup("runtime.retpoline" + p.to.reg().spelling());
                p.to = Addr.branchToSymbol(thunk);
            }
        }
    }

    /** The function's bytes as they are laid out; grows as instructions are written. */
    private static final class Code {
        private byte[] bytes = new byte[256];
        int size;

        void write(int at, byte[] b) {
            ensure(at + b.length);
            System.arraycopy(b, 0, bytes, at, b.length);
            size = Math.max(size, at + b.length);
        }

        void set(int at, int v) {
            ensure(at + 1);
            bytes[at] = (byte) v;
        }

        void setInt32(int at, int v) {
            ensure(at + 4);
            for (int i = 0; i < 4; i++) {
                bytes[at + i] = (byte) (v >> (8 * i));
            }
        }

        private void ensure(int n) {
            if (n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(n, bytes.length * 2));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
