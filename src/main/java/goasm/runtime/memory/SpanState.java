package goasm.runtime.memory;

/** Go's mSpanState: what a span of pages is being used for. */
public enum SpanState {
    /** Not allocated (mSpanDead). */
    DEAD,
    /** Holds heap objects (mSpanInUse). */
    IN_USE,
    /** Managed by hand, here: goroutine stacks (mSpanManual). */
    MANUAL
}
