package goasm.frame;

import goasm.arch.amd64.Op;
import goasm.arch.amd64.Reg;
import goasm.obj.Abi;
import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Symbol;
import goasm.release.FrameRules;
import goasm.release.StackRules;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a function as written into the function that runs, as the followed release's amd64
 * back end does (obj6.go's preprocess and stacksplit): frame size grown for the saved BP, small
 * leaves made NOSPLIT, the stack-split prologue and its morestack tail, WRAPPER's panic-argp
 * fix-up, the frame allocation with BP save, every RET expanded into the epilogue, and
 * name+off(FP) / name-off(SP) offsets rewritten relative to the hardware SP. What differs between
 * releases (g's register, the BP save shape, which functions get a frame pointer, the stack-check
 * constants) comes from {@link FrameRules}.
 */
public final class FrameLowering {
    /** g's register under the register ABI. */
    private static final Reg REG_G = Reg.R14;
    /** Scratch registers free at function entry under the register ABI, used by inserted code. */
    private static final Reg ENTRY_TMP0 = Reg.R12;
    private static final Reg ENTRY_TMP1 = Reg.R13;

    private final Link link;
    private final FrameRules rules;
    /** StackSmall, StackBig, the guard and the preemption marker: the runtime's numbers. */
    private final StackRules stack;
    private final ProgEdit progEdit;
    /** -d=maymorestack=sym: a function called before every stack check, or null. */
    private final String mayMoreStack;
    /** Where the reasons for inserted and rewritten instructions go ({@link InsertionLog#NONE} unless explaining). */
    private final InsertionLog log;
    private final boolean recording;

    public FrameLowering(Link link, String mayMoreStack) {
        this(link, mayMoreStack, InsertionLog.NONE);
    }

    public FrameLowering(Link link, String mayMoreStack, InsertionLog log) {
        this.link = link;
        this.log = log;
        this.recording = log.recording();
        this.rules = link.release().frame();
        this.stack = link.release().stackRules();
        this.progEdit = new ProgEdit(link, log);
        this.mayMoreStack = mayMoreStack;
    }

    /**
     * Per-instruction rewrites, resolution of numeric branch targets, and branches to a JMP
     * sent straight to where the JMPs lead (Go's linkpatch with progedit); runs before
     * {@link #lower}.
     */
    public void edit(Symbol fn) {
        for (Prog p = fn.func.text; p != null; p = p.link) {
            progEdit.edit(p);
            if (p.to.type() == AddrType.BRANCH && p.to.val() == null && p.to.sym() == null) {
                resolveNumericBranch(fn, p);
            }
        }
        for (Prog p = fn.func.text; p != null; p = p.link) {
            if (p.to.target() != null) {
                Prog end = finalDestination(p.to.target());
                p.to = p.to.withVal(end);
                if (end != null && p.to.type() == AddrType.BRANCH) {
                    p.to = p.to.withOffset(end.pc);
                }
            }
        }
    }

    /** Go gives up on a chain of jumps this long: it is taken for a loop of JMPs. */
    private static final int JUMP_CHAIN_LIMIT = 5000;

    /**
     * Where a series of unconditional jumps starting at {@code p} ends (Go's brloop): the first
     * instruction that is not a JMP with a target, or null for a loop of JMPs.
     */
    private static Prog finalDestination(Prog p) {
        int jumps = 0;
        for (Prog q = p; q != null; q = q.to.target()) {
            if (q.op != Pseudo.JMP || q.to.target() == null) {
                return q;
            }
            if (++jumps >= JUMP_CHAIN_LIMIT) {
                return null;
            }
        }
        return null;
    }

    /**
     * A branch written n(PC) arrives holding the instruction number it goes to; find that
     * instruction (the parser numbered them in Prog.pc).
     */
    private void resolveNumericBranch(Symbol fn, Prog p) {
        for (Prog q = fn.func.text; q != null; q = q.link) {
            if (q.pc == p.to.offset()) {
                p.to = p.to.withVal(q);
                return;
            }
        }
        link.diagnostics().passError(String.format("branch out of range (%#x)%n%s [<nil>]",
                p.to.offset() & 0xffffffffL, OperandFormat.withPosition(p)));
        p.to = Addr.NONE;
    }

    /** The frame transformation proper. */
    public void lower(Symbol fn) {
        Prog text = fn.func.text;
        if (text == null || text.link == null) {
            return;
        }
        // Go keeps the frame size in an int32: a larger one is truncated, and adding the BP slot wraps.
        int frame = Math.max(0, (int) text.to.offset());

        boolean hasCall = false;
        for (Prog q = text; q != null; q = q.link) {
            if (q.op == Pseudo.CALL || q.op == Pseudo.DUFFCOPY || q.op == Pseudo.DUFFZERO) {
                hasCall = true;
                break;
            }
        }

        // Room to save the caller's BP, except for NOFRAME functions, frameless leaves and (in
        // older releases) frameless NOSPLIT functions, taken to be runtime internals.
        int bpSize = 0;
        long declared = frame;
        boolean runtimeInternal = rules.framelessNosplitHasNoBp() && frame == 0 && fn.has(Symbol.Attr.NOSPLIT);
        boolean markedNoFrame = false;
        if (!fn.has(Symbol.Attr.NOFRAME) && !runtimeInternal && !(frame == 0 && !hasCall)) {
            bpSize = StackLayout.PTR_SIZE;
            frame += bpSize;
            text.to = text.to.withOffset(text.to.offset() + bpSize);
        } else if (rules.marksFramelessNoFrame()) {
            markedNoFrame = !fn.has(Symbol.Attr.NOFRAME);
            fn.set(Symbol.Attr.NOFRAME, true);
        }
        final long autoffset = frame;
        Insertion.BpDecision bpDecision = null;
        if (recording) {
            bpDecision = bpSize > 0
                    ? (declared > 0 ? Insertion.BpDecision.FRAME_NOT_EMPTY : Insertion.BpDecision.CALLS_WITH_EMPTY_FRAME)
                    : fn.has(Symbol.Attr.NOFRAME) && !markedNoFrame ? Insertion.BpDecision.NOFRAME_WRITTEN
                    : runtimeInternal ? Insertion.BpDecision.EMPTY_NOSPLIT : Insertion.BpDecision.EMPTY_LEAF;
            log.note(text, new Insertion.FrameSize(declared, autoffset, bpSize, text.to.argsSize(), bpDecision,
                    markedNoFrame));
        }

        fn.func.args = text.to.argsSize();
        fn.func.locals = (int) text.to.offset();

        if (autoffset < stack.stackSmall() && !fn.has(Symbol.Attr.NOSPLIT) && isLeaf(text, autoffset)) {
            fn.set(Symbol.Attr.NOSPLIT, true);
            if (recording) {
                log.note(text, new Insertion.MadeNosplit(autoffset, stack.stackSmall()));
            }
        }

        Prog p = text;
        Reg regG = null;
        switch (rules.registers()) {
            case STACK_ABI -> {
                // g goes to CX before anything else needs it.
                if (!fn.has(Symbol.Attr.NOSPLIT) || fn.has(Symbol.Attr.WRAPPER)) {
                    LoadedG g = loadG(fn, p);
                    p = g.last();
                    regG = g.reg();
                }
                if (!fn.has(Symbol.Attr.NOSPLIT)) {
                    p = stackSplit(fn, p, (int) autoffset, regG).last();
                }
            }
            case REGISTER_ABI -> {
                if (!fn.has(Symbol.Attr.NOSPLIT)) {
                    StackCheck check = stackSplit(fn, p, (int) autoffset, null);
                    p = check.last();
                    regG = check.regG();
                } else if (fn.has(Symbol.Attr.WRAPPER) && rules.wrapperFixup()) {
                    LoadedG g = loadG(fn, p);
                    p = g.last();
                    regG = g.reg();
                }
            }
        }

        if (autoffset % StackLayout.PTR_SIZE != 0) {
            link.diagnostics().passError("unaligned stack size " + autoffset);
        }
        switch (rules.bpSave()) {
            case SUB_MOVQ_LEAQ -> {
                if (autoffset != 0) {
                    p = p.append(Op.ADJSP);
                    p.from = Addr.constant(autoffset);
                    p.spadj = (int) autoffset;
                    p.prologueEnd = true;
                    if (recording) {
                        log.note(p, new Insertion.FrameAdjust(autoffset, autoffset, bpSize, rules.bpSave()));
                    }
                }
                if (bpSize > 0) {
                    p = p.append(Op.MOVQ);
                    p.from = Addr.reg(Reg.BP);
                    p.to = spOffset(autoffset - bpSize);
                    p.prologueEnd = autoffset == 0;
                    noteBp(p, Insertion.BpStep.SAVE, autoffset - bpSize, bpDecision);
                    p = p.append(Op.LEAQ);
                    p.from = spOffset(autoffset - bpSize);
                    p.to = Addr.reg(Reg.BP);
                    noteBp(p, Insertion.BpStep.LINK, autoffset - bpSize, bpDecision);
                }
            }
            case PUSH_BP -> {
                if (bpSize > 0) {
                    p = p.append(Op.PUSHQ);
                    p.from = Addr.reg(Reg.BP);
                    noteBp(p, Insertion.BpStep.SAVE, autoffset - bpSize, bpDecision);
                    p = p.append(Op.MOVQ);
                    p.from = Addr.reg(Reg.SP);
                    p.to = Addr.reg(Reg.BP);
                    noteBp(p, Insertion.BpStep.LINK, autoffset - bpSize, bpDecision);
                }
                long localSize = autoffset - bpSize;
                if (localSize != 0) {
                    p = p.append(Op.ADJSP);
                    p.from = Addr.constant(localSize);
                    p.spadj = (int) localSize;
                    if (recording) {
                        log.note(p, new Insertion.FrameAdjust(localSize, autoffset, bpSize, rules.bpSave()));
                    }
                }
                if (autoffset != 0) {
                    p.prologueEnd = true;
                }
            }
        }

        if (fn.has(Symbol.Attr.WRAPPER) && rules.wrapperFixup()) {
            insertPanicArgpFixup(p, regG, autoffset);
        }

        rewriteFrameOffsetsAndReturns(fn, autoffset, bpSize, bpDecision);
    }

    private void noteBp(Prog p, Insertion.BpStep step, long slot, Insertion.BpDecision decision) {
        if (recording) {
            log.note(p, new Insertion.BpSave(step, rules.bpSave(), slot, decision));
        }
    }

    /** Records the same reason for every instruction after {@code before} up to and including {@code last}. */
    private void noteRange(Prog before, Prog last, Insertion why) {
        if (!recording) {
            return;
        }
        for (Prog q = before.link; q != null; q = q.link) {
            log.note(q, why);
            if (q == last) {
                return;
            }
        }
    }

    /** A small frame without real calls cannot overflow the guard area: no check needed. */
    private boolean isLeaf(Prog text, long autoffset) {
        for (Prog q = text; q != null; q = q.link) {
            if (q.op == Pseudo.CALL) {
                if (q.to.sym() == null || !rules.isZeroArgRuntimeCall(q.to.sym().name())) {
                    return false;
                }
                if (autoffset >= stack.stackSmall() - 8) {
                    return false;
                }
            } else if (q.op == Pseudo.DUFFCOPY || q.op == Pseudo.DUFFZERO) {
                if (autoffset >= stack.stackSmall() - 8) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Addr spOffset(long off) {
        return Addr.mem(Reg.SP, off).withIndex(null, 1);
    }

    private record LoadedG(Prog last, Reg reg) {
    }

    private record StackCheck(Prog last, Reg regG) {
    }

    /** The register g is kept in by inserted code. */
    private Reg gRegister() {
        return switch (rules.registers()) {
            case STACK_ABI -> Reg.CX;
            case REGISTER_ABI -> Reg.R14;
        };
    }

    /** The first scratch register of inserted code. */
    private Reg scratch0() {
        return switch (rules.registers()) {
            case STACK_ABI -> Reg.AX;
            case REGISTER_ABI -> ENTRY_TMP0;
        };
    }

    /** g is in R14 already under ABIInternal; otherwise it is loaded from TLS. */
    private LoadedG loadG(Symbol fn, Prog p) {
        if (rules.registers() == FrameRules.RegisterConvention.REGISTER_ABI && fn.abi() == Abi.ABIInternal) {
            return new LoadedG(p, REG_G);
        }
        Reg g = gRegister();
        Prog before = p;
        p = p.append(Op.MOVQ);
        p.from = Addr.mem(Reg.TLS, 0);
        p.to = Addr.reg(g);
        Prog next = p.link;
        progEdit.edit(p);
        while (p.link != next) {
            p = p.link;
            progEdit.edit(p);
        }
        noteRange(before, p, recording ? new Insertion.LoadG(g.toString(), rules.registers()) : null);
        return new LoadedG(p, g);
    }

    /** @param loadedG g's register when already loaded (STACK_ABI), null to load it here */
    private StackCheck stackSplit(Symbol fn, Prog p, int frame, Reg loadedG) {
        if (mayMoreStack != null) {
            Prog before = p;
            boolean ctxt = fn.has(Symbol.Attr.NEEDCTXT);
            if (ctxt) {
                p = p.append(Op.PUSHQ);
                p.from = Addr.reg(Reg.DX);
            }
            p = p.append(Pseudo.CALL);
            p.to = Addr.branchToSymbol(link.lookup(mayMoreStack, fn.abi()));
            if (ctxt) {
                p = p.append(Op.POPQ);
                p.to = Addr.reg(Reg.DX);
            }
            noteRange(before, p, recording ? new Insertion.MayMoreStack(mayMoreStack) : null);
        }
        // morestack returns to the g load (after any maymorestack call).
        Prog startPred = loadedG == null ? p : fn.func.text;
        Reg rg = loadedG;
        if (rg == null) {
            LoadedG g = loadG(fn, p);
            p = g.last();
            rg = g.reg();
        }
        int stackguard0 = link.release().runtimeLayout().g().stackguard0();
        Addr stackguard = Addr.mem(rg, stackguard0);
        Reg tmp = scratch0();
        Prog checkStart = p;
        Insertion.CheckShape shape = frame <= stack.stackSmall() ? Insertion.CheckShape.SMALL
                : frame <= stack.stackBig() ? Insertion.CheckShape.MEDIUM
                : switch (rules.hugeFrameCheck()) {
                    case BORROW_THEN_COMPARE -> Insertion.CheckShape.HUGE_BORROW;
                    case GUARD_DISTANCE_UNLESS_PREEMPT -> Insertion.CheckShape.HUGE_PREEMPT;
                };

        Prog preemptJump = null;
        if (frame <= stack.stackSmall()) {
            // SP <= stackguard0
            p = p.append(Op.CMPQ);
            p.from = Addr.reg(Reg.SP);
            p.to = stackguard;
            p = startUnsafePoint(p);
        } else if (frame <= stack.stackBig()) {
            // SP-framesize <= stackguard0-StackSmall
            p = p.append(Op.LEAQ);
            p.from = Addr.mem(Reg.SP, -(frame - stack.stackSmall()));
            p.to = Addr.reg(tmp);
            p = p.append(Op.CMPQ);
            p.from = Addr.reg(tmp);
            p.to = stackguard;
            p = startUnsafePoint(p);
        } else {
            switch (rules.hugeFrameCheck()) {
                case BORROW_THEN_COMPARE -> {
                    // SP-framesize could wrap around below zero: check the subtraction's carry first.
                    p = p.append(Op.MOVQ);
                    p.from = Addr.reg(Reg.SP);
                    p.to = Addr.reg(tmp);
                    p = startUnsafePoint(p);
                    p = p.append(Op.SUBQ);
                    p.from = Addr.constant(frame - stack.stackSmall());
                    p.to = Addr.reg(tmp);
                    p = p.append(Op.JCS);
                    preemptJump = p;
                    p = p.append(Op.CMPQ);
                    p.from = Addr.reg(tmp);
                    p.to = stackguard;
                }
                case GUARD_DISTANCE_UNLESS_PREEMPT -> {
                    // A preemption request makes stackguard0 huge: go to morestack at once;
                    // else compare the distance from SP+guard down to stackguard0 with the frame.
                    p = p.append(Op.MOVQ);
                    p.from = stackguard;
                    p.to = Addr.reg(Reg.SI);
                    p = startUnsafePoint(p);
                    p = p.append(Op.CMPQ);
                    p.from = Addr.reg(Reg.SI);
                    p.to = Addr.constant(stack.stackPreempt());
                    p = p.append(Op.JEQ);
                    preemptJump = p;
                    p = p.append(Op.LEAQ);
                    p.from = Addr.mem(Reg.SP, stack.stackGuard());
                    p.to = Addr.reg(tmp);
                    p = p.append(Op.SUBQ);
                    p.from = Addr.reg(Reg.SI);
                    p.to = Addr.reg(tmp);
                    p = p.append(Op.CMPQ);
                    p.from = Addr.reg(tmp);
                    p.to = Addr.constant(frame + (stack.stackGuard() - stack.stackSmall()));
                }
            }
        }

        if (recording) {
            Insertion check = new Insertion.StackCheck(shape, frame, stack.stackSmall(), stack.stackBig(),
                    stack.stackGuard(), stackguard0, rg.toString());
            for (Prog q = checkStart.link; q != null; q = q.link) {
                log.note(q, q.op == Pseudo.PCDATA ? new Insertion.UnsafePoint(true, Insertion.UnsafeBecause.STACK_CHECK)
                        : q == preemptJump ? new Insertion.BranchToMoreStack(q.op == Op.JCS
                                ? "the subtraction borrowed: SP is below the frame size" : "preemption requested")
                        : check);
                if (q == p) {
                    break;
                }
            }
        }
        Prog jls = p.append(Op.JLS);
        Prog end = endUnsafePoint(jls);
        if (recording) {
            log.note(jls, new Insertion.BranchToMoreStack("at or below the guard"));
        }
        if (recording) {
            log.note(end, new Insertion.UnsafePoint(false, Insertion.UnsafeBecause.STACK_CHECK));
        }

        Prog last = fn.func.text;
        while (last.link != null) {
            last = last.link;
        }
        // Logically still the prologue: SP is as at entry.
        Prog spfix = last.append(Pseudo.NOP);
        spfix.spadj = -frame;

        Prog pcdata = spfix.append(Pseudo.PCDATA);
        pcdata.pos = fn.func.text.pos;
        pcdata.from = Addr.constant(StackLayout.PCDATA_STACK_MAP_INDEX);
        pcdata.to = Addr.constant(-1);
        Prog spill = startUnsafePoint(pcdata);
        String morestack = fn.has(Symbol.Attr.NEEDCTXT) ? "runtime.morestack" : "runtime.morestack_noctxt";
        if (recording) {
            Insertion tail = new Insertion.MoreStackCall(morestack);
            log.note(spfix, tail);
            log.note(pcdata, tail);
            log.note(spill, new Insertion.UnsafePoint(true, Insertion.UnsafeBecause.STACK_CHECK));
        }

        Prog call = spill.append(Pseudo.CALL);
        call.pos = fn.func.text.pos;
        call.to = Addr.branchToSymbol(link.lookup(morestack));
        progEdit.edit(call);
        Prog callEnd = call;
        while (callEnd.link != null) {
            callEnd = callEnd.link;
            progEdit.edit(callEnd);
        }
        noteRange(spill, callEnd, recording ? new Insertion.MoreStackCall(morestack) : null);
        Prog after = endUnsafePoint(callEnd);

        Prog jmp = after.append(Pseudo.JMP);
        jmp.to = Addr.branchTo(startPred.link);
        jmp.spadj = frame;
        if (recording) {
            log.note(after, new Insertion.UnsafePoint(false, Insertion.UnsafeBecause.STACK_CHECK));
        }
        if (recording) {
            log.note(jmp, new Insertion.RetryCheck());
        }

        jls.to = Addr.branchTo(spill);
        if (preemptJump != null) {
            preemptJump.to = Addr.branchTo(spill);
        }
        return new StackCheck(end, rg);
    }
    private static Prog startUnsafePoint(Prog p) {
        Prog q = p.append(Pseudo.PCDATA);
        q.from = Addr.constant(StackLayout.PCDATA_UNSAFE_POINT);
        q.to = Addr.constant(StackLayout.PCDATA_UNSAFE_POINT_UNSAFE);
        return q;
    }

    private static Prog endUnsafePoint(Prog p) {
        Prog q = p.append(Pseudo.PCDATA);
        q.from = Addr.constant(StackLayout.PCDATA_UNSAFE_POINT);
        q.to = Addr.constant(-1);
        return q;
    }

    /**
     * if g._panic != nil && g._panic.argp == FP { g._panic.argp = bottom-of-frame }, laid out so
     * that both unlikely branches jump forward to a tail placed after the function body.
     */
    private void insertPanicArgpFixup(Prog p, Reg regG, long autoffset) {
        Reg tmp0 = switch (rules.registers()) {
            case STACK_ABI -> Reg.BX;
            case REGISTER_ABI -> ENTRY_TMP0;
        };
        Reg tmp1 = switch (rules.registers()) {
            case STACK_ABI -> Reg.DI;
            case REGISTER_ABI -> ENTRY_TMP1;
        };
        Prog fixupStart = p;
        p = p.append(Op.MOVQ);
        p.from = Addr.mem(regG, link.release().runtimeLayout().g().panic());
        p.to = Addr.reg(tmp0);
        p = p.append(Op.TESTQ);
        p.from = Addr.reg(tmp0);
        p.to = Addr.reg(tmp0);
        Prog jne = p.append(Op.JNE);
        // A NOP that encodes to nothing, for the jumps to land on.
        Prog end = jne.append(Pseudo.NOP);

        Prog last = end;
        while (last.link != null) {
            last = last.link;
        }
        Prog q = last.append(Op.LEAQ);
        q.from = Addr.mem(Reg.SP, autoffset + StackLayout.PTR_SIZE);
        q.to = Addr.reg(tmp1);
        jne.to = Addr.branchTo(q);
        q = q.append(Op.CMPQ);
        q.from = Addr.mem(tmp0, StackLayout.PANIC_ARGP);
        q.to = Addr.reg(tmp1);
        q = q.append(Op.JNE);
        q.to = Addr.branchTo(end);
        q = q.append(Op.MOVQ);
        q.from = Addr.reg(Reg.SP);
        q.to = Addr.mem(tmp0, StackLayout.PANIC_ARGP);
        q = q.append(Pseudo.JMP);
        q.to = Addr.branchTo(end);
        if (recording) {
            Insertion fixup = new Insertion.WrapperFixup(link.release().runtimeLayout().g().panic());
            noteRange(fixupStart, end, fixup);
            noteRange(last, q, fixup);
        }
    }

    /**
     * Walks the body tracking how far SP has moved (PUSH/POP/ADJSP), rewrites FP/SP-named
     * operands to hardware-SP offsets, and expands each RET into BP restore + frame free + RET.
     */
    private void rewriteFrameOffsetsAndReturns(Symbol fn, long autoffset, int bpSize,
                                               Insertion.BpDecision bpDecision) {
        long deltaSp = 0;
        for (Prog p = fn.func.text; p != null; p = p.link) {
            if (recording) {
                noteFrameOperand(p, p.from, deltaSp, autoffset, bpSize);
                if (!p.restArgs.isEmpty()) {
                    noteFrameOperand(p, p.restArgs.get(0), deltaSp, autoffset, bpSize);
                }
                noteFrameOperand(p, p.to, deltaSp, autoffset, bpSize);
            }
            p.from = adjustFrameName(p.from, deltaSp, bpSize);
            if (!p.restArgs.isEmpty()) {
                Addr first = adjustFrameName(p.restArgs.get(0), deltaSp, bpSize);
                // Most operands name no frame slot and come back unchanged: no new list for them.
                if (first != p.restArgs.get(0)) {
                    List<Addr> rest = new ArrayList<>(p.restArgs);
                    rest.set(0, first);
                    p.restArgs = List.copyOf(rest);
                }
            }
            p.to = adjustFrameName(p.to, deltaSp, bpSize);

            int spAdjust = pushPopAdjust(p);
            if (spAdjust != 0) {
                deltaSp += spAdjust;
                p.spadj = spAdjust;
                continue;
            }
            if (p.op == Op.ADJSP) {
                p.spadj = (int) p.from.offset();
                deltaSp += p.from.offset();
                continue;
            }
            if (p.op != Pseudo.RET) {
                if (rules.marksSpWrite() && p.to.isReg(Reg.SP) && p.op != Op.CMPL && p.op != Op.CMPQ
                        && !fn.func.spWrite) {
                    // The function writes SP itself: tracebacks must stop here.
                    fn.func.spWrite = true;
                    link.logVerbose("auto-SPWRITE: " + fn.name() + " " + OperandFormat.withPosition(p));
                }
                continue;
            }

            if (autoffset != deltaSp) {
                link.diagnostics().passError(
                        (rules.unbalancedNamesFunction() ? fn.name() + ": " : "") + "unbalanced PUSH/POP");
            }
            if (autoffset != 0) {
                Addr retTarget = p.to;
                p.to = Addr.NONE;
                Prog first = p;
                p = switch (rules.bpSave()) {
                    case SUB_MOVQ_LEAQ -> restoreThenFree(p, autoffset, bpSize);
                    case PUSH_BP -> freeThenPop(p, autoffset, bpSize);
                };
                if (recording) {
                    for (Prog q = first; q != p; q = q.link) {
                        log.note(q, q.op == Op.ADJSP
                                ? new Insertion.FrameAdjust(q.from.offset(), autoffset, bpSize, rules.bpSave())
                                : new Insertion.BpSave(Insertion.BpStep.RESTORE, rules.bpSave(), autoffset - bpSize,
                                        bpDecision));
                    }
                }
                p.op = Pseudo.RET;
                p.from = Addr.NONE;
                p.to = retTarget;
                // Code after this RET is reached by branches with the frame still allocated.
                p.spadj = (int) autoffset;
            }
            if (p.to.sym() != null || (rules.retToRegisterIsJump() && p.to.type() == AddrType.REG)) {
                // RET sym(SB) is a tail call.
                p.op = Pseudo.JMP;
                if (recording) {
                    log.note(p, new Insertion.TailCall());
                }
            }
        }
    }

    /**
     * MOVQ n-8(SP), BP; ADJSP $-n in place of a RET; returns the instruction appended for the
     * RET itself.
     */
    private static Prog restoreThenFree(Prog p, long autoffset, int bpSize) {
        if (bpSize > 0) {
            p.op = Op.MOVQ;
            p.from = spOffset(autoffset - bpSize);
            p.to = Addr.reg(Reg.BP);
            p = p.append(Op.ADJSP);
        }
        p.op = Op.ADJSP;
        p.from = Addr.constant(-autoffset);
        p.to = Addr.NONE;
        p.spadj = (int) -autoffset;
        return p.append(Pseudo.RET);
    }

    /** ADJSP $-(n-8); POPQ BP in place of a RET; returns the instruction appended for the RET itself. */
    private static Prog freeThenPop(Prog p, long autoffset, int bpSize) {
        long localSize = autoffset - bpSize;
        if (localSize != 0) {
            p.op = Op.ADJSP;
            p.from = Addr.constant(-localSize);
            p.to = Addr.NONE;
            p.spadj = (int) -localSize;
            p = p.append(Pseudo.RET);
        }
        if (bpSize > 0) {
            p.op = Op.POPQ;
            p.from = Addr.NONE;
            p.to = Addr.reg(Reg.BP);
            p.spadj = -bpSize;
            p = p.append(Pseudo.RET);
        }
        return p;
    }

    private void noteFrameOperand(Prog p, Addr a, long deltaSp, long autoffset, int bpSize) {
        if (a.name() == AddrName.AUTO || a.name() == AddrName.PARAM) {
            log.note(p, new Insertion.FrameOperand(a.name(), a.localName(), a.offset(),
                    adjustFrameName(a, deltaSp, bpSize).offset(), autoffset, deltaSp, bpSize));
        }
    }

    private static Addr adjustFrameName(Addr a, long deltaSp, int bpSize) {
        if (a.name() == AddrName.AUTO) {
            return a.withOffset(a.offset() + deltaSp - bpSize);
        }
        if (a.name() == AddrName.PARAM) {
            return a.withOffset(a.offset() + deltaSp + StackLayout.PTR_SIZE);
        }
        return a;
    }

    private static int pushPopAdjust(Prog p) {
        if (!(p.op instanceof Op op)) {
            return 0;
        }
        return switch (op) {
            case PUSHL, PUSHFL -> 4;
            case PUSHQ, PUSHFQ -> 8;
            case PUSHW, PUSHFW -> 2;
            case POPL, POPFL -> -4;
            case POPQ, POPFQ -> -8;
            case POPW, POPFW -> -2;
            default -> 0;
        };
    }

    /**
     * Go's encoder turns the ADJSP pseudo-instruction into SUBQ/ADDQ $n, SP (preferring the
     * shorter $-0x80 immediate), or into nothing for 0.
     */
    public static void expandAdjsp(Symbol fn) {
        for (Prog p = fn.func.text; p != null; p = p.link) {
            if (p.op != Op.ADJSP) {
                continue;
            }
            long v = p.from.offset();
            p.to = Addr.reg(Reg.SP);
            if (v == 0) {
                p.op = Pseudo.NOP;
            } else if (v == 0x80 || (v < 0 && v != -0x80)) {
                p.op = Op.ADDQ;
                p.from = Addr.constant(-v);
            } else {
                p.op = Op.SUBQ;
            }
        }
    }

    /** For diagnostics. */
    static String describe(Prog p) {
        return OperandFormat.withPosition(p);
    }

    static boolean isMemory(Addr a) {
        return a.type() == AddrType.MEM;
    }
}
