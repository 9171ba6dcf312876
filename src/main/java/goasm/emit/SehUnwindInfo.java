package goasm.emit;

import goasm.arch.amd64.Op;
import goasm.arch.amd64.Reg;
import goasm.obj.Abi;
import goasm.obj.AddrType;
import goasm.obj.Link;
import goasm.obj.Prog;
import goasm.obj.Reloc;
import goasm.obj.RelocType;
import goasm.obj.SymKind;
import goasm.obj.Symbol;
import goasm.obj.TargetOs;
import goasm.release.SehUnwind;

import java.util.Base64;

/**
 * The windows unwind information of an assembled function: Windows unwinds a frame by replaying
 * its prologue backwards, so each function that pushes BP and points BP at its frame is
 * described by an UNWIND_INFO record (version 1, two unwind codes: BP pushed, BP set to SP).
 * Functions whose records have the same bytes share one symbol, named by its contents
 * ({@code go:sehuw.12.<base64>}).
 *
 * <p>Layout (little-endian): flags and version, prologue size, code count, frame register,
 * then the codes newest first (each the offset after its instruction and the operation with
 * its register), then 4 bytes for the exception handler's address, filled in by a relocation
 * for the functions that have one.
 */
public final class SehUnwindInfo {
    private static final int VERSION = 1;
    private static final int FLAG_EXCEPTION_HANDLER = 1 << 3;
    private static final int OP_PUSH_NONVOLATILE = 0;
    private static final int OP_SET_FRAME_POINTER = 3;
    /** BP's number in the unwind codes. */
    private static final int REG_BP = 5;
    private static final int CODES = 2;
    /** The prologue size and code offsets are single bytes. */
    private static final int MAX_PROLOGUE = 0xff;

    private final Link link;
    private final SehUnwind rules;

    public SehUnwindInfo(Link link) {
        this.link = link;
        this.rules = link.release().sehUnwind();
    }

    /** Whether this run writes unwind information at all (windows, from the release that has it). */
    public boolean applies() {
        return link.options().os() == TargetOs.WINDOWS && rules.placement() != SehUnwind.Placement.NONE;
    }

    /** Attaches the unwind symbol of an encoded function, when it has a frame pointer to describe. */
    public void attach(Symbol fn) {
        if (!applies() || fn.has(Symbol.Attr.NOFRAME)) {
            return;
        }
        Prog push = null;
        for (Prog p = fn.func.text; p != null; p = p.link) {
            if (p.op == Op.PUSHQ && p.from.type() == AddrType.REG && p.from.reg() == Reg.BP) {
                push = p;
                break;
            }
            if (p.prologueEnd) {
                break;
            }
        }
        if (push == null) {
            link.diagnostics().passError("missing frame pointer instruction: PUSHQ BP");
            return;
        }
        Prog setFrame = push.link;
        if (setFrame == null) {
            link.diagnostics().passError("missing frame pointer instruction: MOVQ SP, BP");
            return;
        }
        if (!(setFrame.op == Op.MOVQ && setFrame.from.type() == AddrType.REG && setFrame.from.reg() == Reg.SP
                && setFrame.to.type() == AddrType.REG && setFrame.to.reg() == Reg.BP && setFrame.from.offset() == 0)) {
            link.diagnostics().passError("unexpected frame pointer instruction\n"
                    + goasm.obj.OperandFormat.withPosition(setFrame));
            return;
        }
        long prologueEnd = setFrame.link.pc;
        if (prologueEnd > MAX_PROLOGUE) {
            // Windows cannot describe a longer prologue; Go leaves such functions without one.
            return;
        }
        String handler = rules.exceptionHandlers().get(fn.name());
        byte[] info = new byte[8 + 2 * CODES];
        info[0] = (byte) (VERSION | (handler != null ? FLAG_EXCEPTION_HANDLER : 0));
        info[1] = (byte) prologueEnd;
        info[2] = CODES;
        info[3] = REG_BP;
        info[4] = (byte) prologueEnd;
        info[5] = OP_SET_FRAME_POINTER;
        info[6] = (byte) push.link.pc;
        info[7] = (byte) (REG_BP << 4 | OP_PUSH_NONVOLATILE);
        String name = "go:sehuw." + info.length + "." + Base64.getEncoder().encodeToString(info);
        Symbol s = link.lookup(name, Abi.ABI0);
        if (s.kind == null) {
            s.kind = SymKind.SSEHUNWINDINFO;
            s.data = info;
            s.size = info.length;
            s.align = rules.align();
            s.set(Symbol.Attr.DUPOK, true);
            s.set(Symbol.Attr.LOCAL, true);
            if (handler != null) {
                s.relocs.add(new Reloc(info.length - 4, 4, RelocType.PEIMAGEOFF, link.lookup(handler, Abi.ABI0), 0));
            }
            switch (rules.placement()) {
                case HASHED_DATA -> {
                    s.set(Symbol.Attr.CONTENT_ADDRESSABLE, true);
                    link.addUnwindInfo(s);
                }
                case AFTER_FUNCTION_AUX, NONE -> {
                }
            }
        }
        fn.func.sehUnwind = s;
    }
}
