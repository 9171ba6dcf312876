package goasm.runtime;

/** Go's stack: the guest range [lo, hi) of a goroutine stack. */
public record Stack(long lo, long hi) {
    public static final Stack NONE = new Stack(0, 0);

    public long size() {
        return hi - lo;
    }

    public boolean isNone() {
        return lo == 0;
    }

    @Override
    public String toString() {
        return "[0x" + Long.toHexString(lo) + ", 0x" + Long.toHexString(hi) + ")";
    }
}
