package goasm.release;

/**
 * A release's goroutine stack rules on linux/amd64 (runtime/stack.go, malloc.go, proc.go and
 * internal/abi): the sizes and guards, the stack pools, how newstack sizes a grown stack and
 * which limit it reports, the adaptive starting size, and the G free-list and goid batches.
 *
 * @param stackMin           _StackMin / stackMin: the smallest goroutine stack
 * @param stackSystem        extra bytes per stack for the OS (0 on linux)
 * @param fixedStack         stackMin + stackSystem rounded up to a power of two
 * @param stackGuard         where stackguard0 sits above stack.lo: the nosplit room + StackSmall + system
 * @param stackSmall         frames up to this size compare SP itself with the guard
 * @param stackBig           frames from this size check for overflow in two steps
 * @param stackNosplit       what shrinkstack counts as used beyond the frames (_StackLimit, later stackNosplit)
 * @param numStackOrders     stack sizes served from the pools: fixedStack << 0 .. numStackOrders-1
 * @param stackCacheSize     bytes of stacks per order in a P's cache, and the pool span size
 * @param stackPreempt       the stackguard0 value that asks for preemption
 * @param stackFork          the stackguard0 value after fork (growth is fatal)
 * @param stackForceMove     the stackguard0 value that forces a same-size move, if the release has it
 * @param maxStackSize       maxstacksize as runtime.main sets it on 64-bit systems
 * @param overflowLimit      which limits newstack checks and names in its message
 * @param growth             how newstack makes sure the new stack fits the new frame
 * @param adaptiveStackStart whether GC sizes new stacks from the average scanned one (GODEBUG adaptivestackstart)
 * @param goidCacheBatch     goids a P takes from sched.goidgen at a time
 * @param gFreeSpillAt       gfput moves Gs to the global lists when a P holds this many
 * @param gFreeKeep          ... down to fewer than this many; gfget refills a P up to this many
 */
public record StackRules(int stackMin, int stackSystem, int fixedStack, int stackGuard, int stackSmall,
                         int stackBig, int stackNosplit, int numStackOrders, int stackCacheSize, long stackPreempt,
                         long stackFork, long stackForceMove, long maxStackSize, OverflowLimit overflowLimit,
                         Growth growth, boolean adaptiveStackStart, int goidCacheBatch, int gFreeSpillAt,
                         int gFreeKeep) {

    /** No stackguard0 value means "force a move" (the release has no stackForceMove). */
    public static final long NO_FORCE_MOVE = 0;

    /** The limit newstack compares a grown stack with. */
    public enum OverflowLimit {
        /** newsize > maxstacksize, reported as that limit (up to 1.18). */
        MAX_STACK_SIZE,
        /**
         * newsize > maxstacksize or > maxstackceiling (2 * maxstacksize unless changed), reported
         * as the smaller (from 1.19).
         */
        MAX_STACK_SIZE_AND_CEILING
    }

    /** How newstack grows past doubling when the frame that asked needs more. */
    public enum Growth {
        /** Doubles while newsize - oldsize < maxSPDelta + stackGuard (up to 1.18). */
        PAST_OLD_SIZE,
        /** Doubles while newsize - used < maxSPDelta + stackGuard, used = hi - sched.sp (from 1.19). */
        PAST_USED
    }

    public static StackRules of(GoRelease release) {
        return switch (release) {
            // No maxstackceiling, no stackForceMove, no adaptive starting size yet.
            case GO1_15 -> common(0, OverflowLimit.MAX_STACK_SIZE, Growth.PAST_OLD_SIZE, false);
            // 1.21 re-expressed _StackGuard as abi.StackNosplitBase (800) + StackSmall: still 928.
            case GO1_19, GO1_21, GO1_22, GO1_23, GO1_24, GO1_26, GO1_27 ->
                    common(-275L, OverflowLimit.MAX_STACK_SIZE_AND_CEILING, Growth.PAST_USED, true);
        };
    }

    /** The values every supported release shares on linux/amd64 without -race. */
    private static StackRules common(long forceMove, OverflowLimit limit, Growth growth, boolean adaptive) {
        int stackMin = 2048;
        int system = 0;
        int nosplit = 800;
        int small = 128;
        return new StackRules(stackMin, system, stackMin + system, nosplit + system + small, small, 4096, nosplit,
                4, 32 * 1024, -1314L, -1234L, forceMove, 1_000_000_000L, limit, growth, adaptive, 16, 64, 32);
    }

    /**
     * Whether a function whose checked prologue takes a frame of this size, entered with sp,
     * calls morestack (the amd64 stack split check): a small frame compares SP itself with
     * stackguard0, a larger one SP less the frame beyond StackSmall, which must not wrap. The
     * preemption request (stackguard0 = stackPreempt) is above every SP, so it always calls.
     */
    public boolean prologueCallsMorestack(long sp, int frame, long stackguard0) {
        if (frame <= stackSmall) {
            return Long.compareUnsigned(sp, stackguard0) <= 0;
        }
        long lowest = sp - (frame - stackSmall);
        return Long.compareUnsigned(lowest, sp) > 0 || Long.compareUnsigned(lowest, stackguard0) <= 0;
    }

    /** Whether stackguard0 asks newstack to move the stack without growing it. */
    public boolean forcesMove(long stackguard0) {
        return stackForceMove != NO_FORCE_MOVE && stackguard0 == stackForceMove;
    }
}
