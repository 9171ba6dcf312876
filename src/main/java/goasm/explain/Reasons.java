package goasm.explain;

import goasm.frame.Insertion;
import goasm.obj.AddrName;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.release.FrameRules;

/** One sentence per recorded rule, with the numbers lowering used. */
final class Reasons {
    private Reasons() {
    }

    static Model.Reason of(Insertion why, Prog p) {
        return new Model.Reason(why.getClass().getSimpleName(), sentence(why, p), why);
    }

    static String sentence(Insertion why, Prog p) {
        return switch (why) {
            case Insertion.FrameSize f -> frameSize(f);
            case Insertion.MadeNosplit n -> "made NOSPLIT: a leaf whose frame " + n.frame() + " < StackSmall "
                    + n.stackSmall() + " fits in the guard area, so it needs no stack check";
            case Insertion.LoadG g -> switch (g.convention()) {
                case STACK_ABI -> "g loaded from thread-local storage into " + g.register()
                        + " for the stack check";
                case REGISTER_ABI -> "g loaded from thread-local storage into " + g.register()
                        + ": ABI0 code is not handed g in R14";
            };
            case Insertion.StackCheck c -> stackCheck(c);
            case Insertion.BranchToMoreStack b -> "to the morestack call at the end when " + b.condition();
            case Insertion.UnsafePoint u -> !u.start() ? "end of the unsafe stretch: preemption allowed again"
                    : switch (u.because()) {
                        case STACK_CHECK ->
                                "PCDATA $0, $-2: unsafe point, no asynchronous preemption while SP and the frame disagree";
                        case TLS_BASE -> "PCDATA $0, $-2: unsafe point, no asynchronous preemption while the TLS base"
                                + " is in a register (on another thread it would be wrong)";
                    };
            case Insertion.MayMoreStack m -> "-d=maymorestack: " + m.function() + " is called before every stack check";
            case Insertion.MoreStackCall m -> moreStack(m, p);
            case Insertion.RetryCheck r -> "back to the start: the stack check runs again on the grown stack";
            case Insertion.BpSave b -> bpSave(b);
            case Insertion.FrameAdjust a -> frameAdjust(a);
            case Insertion.TailCall t -> "RET to a symbol becomes JMP: a tail call";
            case Insertion.FrameOperand o -> frameOperand(o);
            case Insertion.FuncData d -> "FUNCDATA $" + d.index() + " added: " + (d.index() == 0
                    ? "the arguments' pointer map, from the Go declaration (the linker needs one per function)"
                    : "the argument layout printed in tracebacks");
            case Insertion.Edit e -> edit(e);
            case Insertion.WrapperFixup w -> "WRAPPER: if g._panic (" + w.panicOffset()
                    + "(g)) has argp at this frame's arguments, point it at the wrapper's frame, so recover works";
        };
    }

    private static String edit(Insertion.Edit e) {
        String was = "`" + e.before().replace('\t', ' ') + "`";
        return switch (e.rule()) {
            case ADDRESS_AS_LEA -> was + " loads an address: rewritten as LEA";
            case FLOAT_CONSTANT_IN_MEMORY -> was + ": the float constant moves to a read-only $f32./$f64. symbol";
            case ZERO_FLOAT_AS_XOR -> was + ": zero is made with XORPS, no memory needed";
            case PREDICATE_AS_CONSTANT -> was + ": the comparison predicate is a constant";
            case TLS_FORM -> was + ": thread-local storage reached in this system's form";
            case GOT_ACCESS -> was + ": -dynlink takes the global's address from the GOT (R15 as scratch)";
        };
    }

    private static String frameSize(Insertion.FrameSize f) {
        String args = ", arguments and results " + f.argsSize();
        return switch (f.decision()) {
            case FRAME_NOT_EMPTY -> "frame $" + f.declared() + " + " + f.bpSize() + " for the saved BP = $" + f.frame()
                    + args + ": BP saved because the frame is not empty";
            case CALLS_WITH_EMPTY_FRAME -> "frame $0 + " + f.bpSize() + " = $" + f.frame() + args
                    + ": BP saved because the function calls, in a frame of its own";
            case NOFRAME_WRITTEN -> "NOFRAME written: no frame, no saved BP" + args;
            case EMPTY_LEAF -> "frame $" + f.frame() + " without calls: no frame and no saved BP" + args
                    + (f.markedNoFrame() ? " (so the listing says NOFRAME)" : "");
            case EMPTY_NOSPLIT -> "frame $0 and NOSPLIT: this release takes it for a runtime internal and saves"
                    + " no BP even though it calls" + args;
        };
    }

    private static String stackCheck(Insertion.StackCheck c) {
        String guard = "g.stackguard0 (" + c.stackguard0() + "(" + c.gRegister() + "))";
        long over = c.frame() - c.stackSmall();
        return switch (c.shape()) {
            case SMALL -> "stack check, small frame: " + c.frame() + " ≤ StackSmall " + c.stackSmall()
                    + ", so SP is compared with " + guard + " directly";
            case MEDIUM -> "stack check, medium frame: StackSmall " + c.stackSmall() + " < " + c.frame()
                    + " ≤ StackBig " + c.stackBig() + ", so SP-" + over + " (frame - StackSmall) is compared with "
                    + guard;
            case HUGE_BORROW -> "stack check, huge frame: " + c.frame() + " > StackBig " + c.stackBig()
                    + ", so SP-" + over + " is computed first and a borrow (SP < " + over
                    + ") goes to morestack before comparing with " + guard;
            case HUGE_PREEMPT -> "stack check, huge frame: " + c.frame() + " > StackBig " + c.stackBig()
                    + ": a preemption request in " + guard + " goes to morestack at once, else SP+StackGuard "
                    + c.stackGuard() + " - stackguard0 is compared with " + c.frame() + " + "
                    + (c.stackGuard() - c.stackSmall());
        };
    }

    private static String moreStack(Insertion.MoreStackCall m, Prog p) {
        if (p.op == Pseudo.NOP) {
            return "SP as at entry again: the morestack tail runs before the frame is allocated";
        }
        if (p.op == Pseudo.PCDATA) {
            return "PCDATA $1, $-1: no stack map at the call to morestack";
        }
        return "call " + m.function() + ": the runtime moves the goroutine to a stack twice the size, then"
                + " returns here";
    }

    private static String bpSave(Insertion.BpSave b) {
        return switch (b.step()) {
            case SAVE -> switch (b.shape()) {
                case PUSH_BP -> "the caller's BP pushed: it lands at the top of the frame, " + b.slot()
                        + "(SP) once the frame is allocated";
                case SUB_MOVQ_LEAQ -> "the caller's BP saved at the top of the frame, " + b.slot() + "(SP)";
            } + " (" + why(b.decision()) + ")";
            case LINK -> "BP = the address of the saved BP (" + b.slot()
                    + "(SP)): the frame-pointer chain debuggers and profilers follow";
            case RESTORE -> "the caller's BP restored from " + b.slot() + "(SP) before returning";
        };
    }

    private static String why(Insertion.BpDecision d) {
        return switch (d) {
            case FRAME_NOT_EMPTY -> "BP saved because the frame is not empty";
            case CALLS_WITH_EMPTY_FRAME -> "BP saved because the function calls";
            case NOFRAME_WRITTEN, EMPTY_LEAF, EMPTY_NOSPLIT -> "no BP save";
        };
    }

    private static String frameAdjust(Insertion.FrameAdjust a) {
        boolean pushed = a.shape() == FrameRules.BpSave.PUSH_BP && a.bpSize() > 0;
        if (a.bytes() > 0) {
            return pushed
                    ? "the locals allocated: SP -= " + a.bytes() + " (frame " + a.frame() + " less the "
                    + a.bpSize() + " PUSHQ BP took)"
                    : "the frame allocated: SP -= " + a.bytes();
        }
        return pushed
                ? "the locals freed: SP += " + (-a.bytes()) + " (POPQ BP frees the other " + a.bpSize() + ")"
                : "the frame freed: SP += " + (-a.bytes());
    }

    private static String frameOperand(Insertion.FrameOperand o) {
        String name = o.name() == null ? "" : o.name();
        long pushes = o.deltaSp() - o.frame();
        String moved = pushes == 0 ? "" : pushes > 0 ? " + " + pushes + " pushed" : " - " + (-pushes) + " popped";
        if (o.kind() == AddrName.PARAM) {
            return "`" + name + offset(o.written()) + "(FP)` → `" + o.rewritten() + "(SP)`: FP = SP + frame "
                    + o.frame() + moved + " + return address 8";
        }
        return "`" + name + offset(o.written()) + "(SP)` → `" + o.rewritten() + "(SP)`: pseudo-SP = SP + frame "
                + o.frame() + moved + " - saved BP " + o.bpSize();
    }

    private static String offset(long v) {
        return v < 0 ? Long.toString(v) : "+" + v;
    }
}
