package goasm.runtime;

/**
 * Go 1.19's stack constants for linux/amd64 (runtime/stack.go, runtime/proc.go,
 * runtime/sizeclasses.go, internal/abi), each with the reasoning that fixes its value here.
 */
public final class StackConstants {
    private StackConstants() {
    }

    /** goos.IsWindows*512*8 + goos.IsPlan9*512 + goos.IsIos*goarch.IsArm64*1024 = 0 on linux. */
    public static final int STACK_SYSTEM = 0;
    /** _StackMin: the smallest goroutine stack. */
    public static final int STACK_MIN = 2048;
    /** _FixedStack: _StackMin + _StackSystem rounded up to a power of two = 2048. */
    public static final int FIXED_STACK = 2048;
    /** _StackBig: functions with bigger frames check for overflow differently. */
    public static final int STACK_BIG = 4096;
    /** _StackGuard: 928*sys.StackGuardMultiplier + _StackSystem; the multiplier is 1 without -race. */
    public static final int STACK_GUARD = 928;
    /** _StackSmall: frames up to this size may use SP directly in the guard comparison. */
    public static final int STACK_SMALL = 128;
    /** _StackLimit = _StackGuard - _StackSystem - _StackSmall = 800. */
    public static final int STACK_LIMIT = STACK_GUARD - STACK_SYSTEM - STACK_SMALL;
    /** _NumStackOrders: 2 KB, 4 KB, 8 KB, 16 KB stacks come from pools (malloc.go, linux). */
    public static final int NUM_STACK_ORDERS = 4;
    /** _StackCacheSize: 32 KB of stacks per order in a P's cache; also the pool span size. */
    public static final int STACK_CACHE_SIZE = 32768;
    /** uintptrMask & -1314: the stackguard0 value that requests preemption. */
    public static final long STACK_PREEMPT = -1314L;
    /** uintptrMask & -1234: stackguard0 after fork; growth then is fatal. */
    public static final long STACK_FORK = -1234L;
    /** uintptrMask & -275: forces a same-size stack move (debugging aid). */
    public static final long STACK_FORCE_MOVE = -275L;
    /** maxstacksize as runtime.main sets it on 64-bit systems. */
    public static final long MAX_STACK_SIZE = 1_000_000_000L;
    /** maxstackceiling = 2 * maxstacksize, set beside it in runtime.main. */
    public static final long MAX_STACK_CEILING = 2 * MAX_STACK_SIZE;
    /** _GoidCacheBatch: goids a P takes from sched.goidgen at a time (proc.go). */
    public static final int GOID_CACHE_BATCH = 16;
    /** gfput moves Gs to the global lists when a P holds this many. */
    public static final int GFREE_SPILL_AT = 64;
    /** ... down to fewer than this many; gfget refills a P up to this many. */
    public static final int GFREE_KEEP = 32;
    /** sys.MinFrameSize on amd64 (no link register slot). */
    public static final int MIN_FRAME_SIZE = 0;
    /** goarch.PtrSize. */
    public static final int PTR_SIZE = 8;
    /** _ArgsSizeUnknown (symtab.go): a function with no declared argument size. */
    public static final int ARGS_SIZE_UNKNOWN = -0x80000000;
}
