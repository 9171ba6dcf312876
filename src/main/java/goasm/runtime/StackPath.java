package goasm.runtime;

/** Where stackalloc found a stack, or where stackfree put it (the branches of Go's stack.go). */
public enum StackPath {
    /** The P's stackcache had one (or took it back below _StackCacheSize). */
    CACHE,
    /** The P's stackcache was empty and was refilled from the pool first (stackcacherefill). */
    CACHE_REFILL,
    /** The P's stackcache was full and half of it went back to the pool first (stackcacherelease). */
    CACHE_RELEASE,
    /** No P cache usable (no P, m.preemptoff, stackNoCache): straight from/to stackpool. */
    POOL,
    /** Large stack reused from, or freed during GC to, the stackLarge free lists. */
    LARGE,
    /** Large stack allocated from, or returned to, the page heap. */
    HEAP
}
