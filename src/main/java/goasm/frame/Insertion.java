package goasm.frame;

import goasm.obj.AddrName;
import goasm.release.FrameRules;

/**
 * Why frame lowering inserted or rewrote an instruction, with the numbers the rule used. Made
 * by {@link FrameLowering} at the moment it applies the rule (never recomputed afterwards) and
 * handed to an {@link InsertionLog}; {@code goasm explain} turns them into sentences.
 */
public sealed interface Insertion {

    /** Why the frame did or did not grow by the saved BP's 8 bytes. */
    enum BpDecision {
        /** The declared frame holds locals: the caller's BP is saved above them. */
        FRAME_NOT_EMPTY,
        /** The declared frame is empty but the function calls: an 8-byte frame holds the saved BP. */
        CALLS_WITH_EMPTY_FRAME,
        /** NOFRAME was written: no frame, no BP save. */
        NOFRAME_WRITTEN,
        /** An empty frame without calls (a leaf): nothing to save. */
        EMPTY_LEAF,
        /** An empty NOSPLIT frame, taken for a runtime internal in this release: no BP save even with calls. */
        EMPTY_NOSPLIT
    }

    /**
     * On the TEXT instruction: the frame as declared and as built.
     *
     * @param declared   the frame size written in TEXT ($n)
     * @param frame      the size actually allocated below the return address
     * @param bpSize     bytes added for the saved BP (0 or 8)
     * @param argsSize   the argument and result bytes written in TEXT ($n-args)
     * @param decision   why the BP is or is not saved
     * @param markedNoFrame whether the release then marks the function NOFRAME in the listing
     */
    record FrameSize(long declared, long frame, int bpSize, int argsSize, BpDecision decision,
                     boolean markedNoFrame) implements Insertion {
    }

    /**
     * On the TEXT instruction: a small function without real calls is made NOSPLIT.
     *
     * @param frame      its frame size
     * @param stackSmall the release's StackSmall: below it the guard area alone has room for it
     */
    record MadeNosplit(long frame, int stackSmall) implements Insertion {
    }

    /**
     * g loaded from thread-local storage for the stack check or the WRAPPER fix-up.
     *
     * @param register   where g goes
     * @param convention the release's register convention (decides the register)
     */
    record LoadG(String register, FrameRules.RegisterConvention convention) implements Insertion {
    }

    /** The three (four) shapes of the stack-split check. */
    enum CheckShape {
        /** frame ≤ StackSmall: compare SP with stackguard0. */
        SMALL,
        /** StackSmall < frame ≤ StackBig: compare SP-(frame-StackSmall) with stackguard0. */
        MEDIUM,
        /** frame > StackBig: subtract first and treat a borrow as overflow. */
        HUGE_BORROW,
        /** frame > StackBig (older releases): skip the arithmetic when preemption is requested. */
        HUGE_PREEMPT
    }

    /**
     * One instruction of the stack-split check.
     *
     * @param shape            which check
     * @param frame            the frame size checked
     * @param stackSmall       StackSmall
     * @param stackBig         StackBig
     * @param stackGuard       StackGuard (used by the preempt-aware huge check)
     * @param stackguard0      g.stackguard0's offset in g
     * @param gRegister        the register holding g
     */
    record StackCheck(CheckShape shape, long frame, int stackSmall, int stackBig, int stackGuard, int stackguard0,
                      String gRegister) implements Insertion {
    }

    /** The branch (JLS, or JCS/JEQ of the huge checks) to the morestack call at the end. */
    record BranchToMoreStack(String condition) implements Insertion {
    }

    /** Why a stretch of code must not be preempted asynchronously. */
    enum UnsafeBecause {
        /** The stack check and the morestack call: SP and the frame disagree. */
        STACK_CHECK,
        /** A TLS base in a register: resumed on another thread, it would be wrong. */
        TLS_BASE
    }

    /**
     * PCDATA $0 (the unsafe-point table) around code that must not be preempted.
     *
     * @param start   whether this starts ($-2) or ends the unsafe stretch
     * @param because why the stretch is unsafe
     */
    record UnsafePoint(boolean start, UnsafeBecause because) implements Insertion {
    }

    /** The -d=maymorestack call before the check (and the DX save around it). */
    record MayMoreStack(String function) implements Insertion {
    }

    /**
     * One instruction of the tail that calls morestack: the NOP restoring the entry SP for the
     * pc/sp table, PCDATA $1 $-1 (no stack map), the CALL.
     *
     * @param function runtime.morestack (closures: NEEDCTXT) or runtime.morestack_noctxt
     */
    record MoreStackCall(String function) implements Insertion {
    }

    /** The JMP from the morestack tail back to the start, where the check runs again. */
    record RetryCheck() implements Insertion {
    }

    /** What a BP instruction of the prologue or epilogue does. */
    enum BpStep {
        /** PUSHQ BP, or MOVQ BP, n-8(SP): the caller's BP stored at the top of the frame. */
        SAVE,
        /** MOVQ SP, BP or LEAQ n-8(SP), BP: BP points at the saved BP (a frame-pointer chain). */
        LINK,
        /** POPQ BP, or MOVQ n-8(SP), BP: the caller's BP restored before returning. */
        RESTORE
    }

    /**
     * Saving, linking or restoring the caller's BP.
     *
     * @param step     which step
     * @param shape    the release's BP save sequence
     * @param slot     the saved BP's offset from the hardware SP once the frame is allocated
     * @param decision why the BP is saved
     */
    record BpSave(BpStep step, FrameRules.BpSave shape, long slot, BpDecision decision) implements Insertion {
    }

    /**
     * ADJSP allocating (positive) or freeing (negative) the frame's locals.
     *
     * @param bytes   the SP change
     * @param frame   the whole frame
     * @param bpSize  the saved BP's part of it, pushed separately when the release pushes BP
     * @param shape   the release's BP save sequence
     */
    record FrameAdjust(long bytes, long frame, int bpSize, FrameRules.BpSave shape) implements Insertion {
    }

    /** A RET to a symbol (or register) becomes a JMP: a tail call. */
    record TailCall() implements Insertion {
    }

    /**
     * A name+off(FP) or name-off(SP) operand made relative to the hardware SP.
     *
     * @param kind      PARAM (FP) or AUTO (SP)
     * @param name      the variable's name, or null
     * @param written   the offset written
     * @param rewritten the offset from the hardware SP
     * @param frame     the frame size
     * @param deltaSp   how far SP had moved from entry at this instruction (frame plus pushes)
     * @param bpSize    the saved BP's bytes
     */
    record FrameOperand(AddrName kind, String name, long written, long rewritten, long frame, long deltaSp,
                        int bpSize) implements Insertion {
    }

    /**
     * FUNCDATA the assembler adds to a function that does not declare it.
     *
     * @param index  the FUNCDATA index (0: argument pointer maps, 5: argument info)
     * @param symbol the symbol it names
     */
    record FuncData(int index, String symbol) implements Insertion {
    }

    /** The per-instruction rewrites made before lowering (obj6.go's progedit). */
    enum EditRule {
        /** MOVQ/MOVL $sym(SB), R loads an address: LEAQ/LEAL. */
        ADDRESS_AS_LEA,
        /** A float constant operand moved to a read-only $f32./$f64. symbol. */
        FLOAT_CONSTANT_IN_MEMORY,
        /** MOVSS/MOVSD $(0.0), X becomes XORPS X, X. */
        ZERO_FLOAT_AS_XOR,
        /** A CMPPS-style predicate written as memory taken as the constant it is. */
        PREDICATE_AS_CONSTANT,
        /** A TLS access in the target system's form (one or two instructions, TLS base variable, scale). */
        TLS_FORM,
        /** -dynlink: a global reached through the GOT, with R15 holding its address. */
        GOT_ACCESS
    }

    /**
     * An instruction rewritten, or inserted, by a per-instruction rule before lowering.
     *
     * @param rule     which rewrite
     * @param before   the instruction as it was written
     * @param inserted whether this instruction was added by the rule (else the written one changed)
     */
    record Edit(EditRule rule, String before, boolean inserted) implements Insertion {
    }

    /** The WRAPPER fix-up of g._panic.argp (releases up to 1.24). */
    record WrapperFixup(int panicOffset) implements Insertion {
    }
}
