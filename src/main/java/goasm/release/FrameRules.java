package goasm.release;

import java.util.List;
import java.util.Set;

/**
 * How a release's amd64 back end builds a function's frame: where g comes from, how the
 * caller's BP is saved, which functions get no frame pointer, the stack-check sequences and
 * their constants, and the WRAPPER panic fix-up.
 *
 * @param registers                  the register convention of the inserted code
 * @param bpSave                     the shape of the BP save and restore
 * @param framelessNosplitHasNoBp    whether a NOSPLIT function declaring no frame gets no BP
 *                                   save even when it calls (runtime internals, up to Go 1.19)
 * @param marksFramelessNoFrame      whether a function left without a BP save is marked NOFRAME
 *                                   (visible in the listing's TEXT line)
 * @param wrapperFixup               whether WRAPPER functions get the panic-argp fix-up
 * @param hugeFrameCheck             the stack check of a frame above {@link #stackBig}
 * @param zeroArgRuntimeCalls        runtime functions a leaf may call and still be made NOSPLIT
 * @param zeroArgRuntimeCallPrefixes the same, by name prefix
 * @param unbalancedNamesFunction    whether "unbalanced PUSH/POP" is preceded by the function's name
 * @param marksSpWrite               whether a write to SP marks the function SPWRITE
 * @param retToRegisterIsJump        whether {@code RET reg} becomes a JMP, as {@code RET sym(SB)} does
 * @param r15Check                   how -dynlink decides that code uses R15 after a global access
 * @param gotRewriteOperands         which operands the access rewritten through R15 keeps (-dynlink)
 * @param windowsTlsViaVariable      whether windows reads g's TLS slot through runtime.tls_g and GS
 *                                   ({@code MOVQ runtime.tls_g(SB), R; MOVQ (R)(GS*1), R}), as android
 *                                   reads its offset, rather than at a fixed TLS offset; then an
 *                                   off(R)(TLS*2) operand takes its offset as it is, without a TLS_LE
 *                                   relocation
 */
public record FrameRules(RegisterConvention registers, BpSave bpSave, boolean framelessNosplitHasNoBp,
                         boolean marksFramelessNoFrame, boolean wrapperFixup, HugeFrameCheck hugeFrameCheck,
                         Set<String> zeroArgRuntimeCalls, List<String> zeroArgRuntimeCallPrefixes,
                         boolean unbalancedNamesFunction, boolean marksSpWrite, boolean retToRegisterIsJump,
                         R15Check r15Check,
                         GotRewriteOperands gotRewriteOperands, boolean windowsTlsViaVariable) {
    public FrameRules {
        zeroArgRuntimeCalls = Set.copyOf(zeroArgRuntimeCalls);
        zeroArgRuntimeCallPrefixes = List.copyOf(zeroArgRuntimeCallPrefixes);
    }

    public enum RegisterConvention {
        /**
         * Arguments on the stack: g is loaded from TLS into CX by every function that needs it;
         * AX and SI are scratch in the stack check, BX and DI in the WRAPPER fix-up.
         */
        STACK_ABI,
        /**
         * Register ABI: g lives in R14 in ABIInternal functions and ABI0 functions load it from TLS
         * into R14; R12 and R13 are the scratch registers free at entry.
         */
        REGISTER_ABI
    }

    public enum BpSave {
        /** {@code SUBQ $n, SP; MOVQ BP, n-8(SP); LEAQ n-8(SP), BP}, undone by {@code MOVQ n-8(SP), BP; ADDQ $n, SP}. */
        SUB_MOVQ_LEAQ,
        /** {@code PUSHQ BP; MOVQ SP, BP; SUBQ $n-8, SP}, undone by {@code ADDQ $n-8, SP; POPQ BP}. */
        PUSH_BP
    }

    public enum R15Check {
        /** No check (before Go issue 43661 was fixed). */
        NONE,
        /** Any instruction naming R15 uses it, unless it is a MOV/POP or XOR that only overwrites it. */
        MENTION_THEN_OVERWRITE,
        /** Each instruction's reads and writes of R15 decide: a read is a use, a write ends the junk. */
        READ_WRITE_EFFECTS
    }

    public enum GotRewriteOperands {
        /** Only From and To: a three-operand instruction loses its middle operand. */
        FROM_AND_TO,
        /** From, To and the first middle operand (Go issue 58735). */
        FIRST_MIDDLE,
        /** Every operand. */
        ALL
    }

    public enum HugeFrameCheck {
        /**
         * Skip the check when stackguard0 holds the preemption request, else compare
         * SP+guard-stackguard0 with the frame size plus the guard (no wrap-around possible).
         */
        GUARD_DISTANCE_UNLESS_PREEMPT,
        /** Subtract the frame from SP, call morestack on a borrow, else compare with stackguard0. */
        BORROW_THEN_COMPARE
    }

    private static final Set<String> PANIC_CALLS = Set.of("runtime.panicdivide", "runtime.panicwrap",
            "runtime.panicshift");
    private static final List<String> BOUNDS_PANIC_PREFIXES = List.of("runtime.panicIndex", "runtime.panicSlice");

    public static FrameRules of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> new FrameRules(RegisterConvention.STACK_ABI, BpSave.SUB_MOVQ_LEAQ, true, false, true,
                    HugeFrameCheck.GUARD_DISTANCE_UNLESS_PREEMPT, PANIC_CALLS, BOUNDS_PANIC_PREFIXES,
                    false, false, false, R15Check.NONE,
                    GotRewriteOperands.FROM_AND_TO, false);
            case GO1_19 -> new FrameRules(RegisterConvention.REGISTER_ABI, BpSave.SUB_MOVQ_LEAQ, true, false, true,
                    HugeFrameCheck.BORROW_THEN_COMPARE, PANIC_CALLS, BOUNDS_PANIC_PREFIXES,
                    true, true, false, R15Check.MENTION_THEN_OVERWRITE,
                    GotRewriteOperands.FROM_AND_TO, false);
            case GO1_21, GO1_22, GO1_23, GO1_24 -> new FrameRules(RegisterConvention.REGISTER_ABI, BpSave.PUSH_BP,
                    false, true, true, HugeFrameCheck.BORROW_THEN_COMPARE, PANIC_CALLS, BOUNDS_PANIC_PREFIXES,
                    true, true, false, R15Check.READ_WRITE_EFFECTS,
                    GotRewriteOperands.FIRST_MIDDLE, true);
            // Bounds failures became runtime.panicBounds/panicExtend; the WRAPPER fix-up went away.
            case GO1_26 -> new FrameRules(RegisterConvention.REGISTER_ABI, BpSave.PUSH_BP, false, true, false,
                    HugeFrameCheck.BORROW_THEN_COMPARE, withBounds(), List.of(),
                    true, true, false, R15Check.READ_WRITE_EFFECTS,
                    GotRewriteOperands.ALL, true);
            case GO1_27 -> new FrameRules(RegisterConvention.REGISTER_ABI, BpSave.PUSH_BP, false, true, false,
                    HugeFrameCheck.BORROW_THEN_COMPARE, withBounds(), List.of(),
                    true, true, true, R15Check.READ_WRITE_EFFECTS,
                    GotRewriteOperands.ALL, true);
        };
    }

    private static Set<String> withBounds() {
        return Set.of("runtime.panicdivide", "runtime.panicwrap", "runtime.panicshift", "runtime.panicBounds",
                "runtime.panicExtend");
    }

    /** Whether a call to {@code name} leaves a small leaf NOSPLIT (it uses no stack before its own check). */
    public boolean isZeroArgRuntimeCall(String name) {
        return zeroArgRuntimeCalls.contains(name) || zeroArgRuntimeCallPrefixes.stream().anyMatch(name::startsWith);
    }
}
