package goasm.runtime.memory;

/**
 * Go's mspan: a run of 8 KB pages, plus the bookkeeping the stack allocator keeps on it
 * (element size, allocated count and the free list of stacks carved from it).
 */
public final class Span {
    private final long base;
    private final long npages;
    SpanState state;

    /** Size of each stack carved from this span; the whole span for large stacks. */
    public long elemSize;
    /** Stacks of this span currently handed out (pool spans only). */
    public int allocCount;

    // Go threads the free list through the free stacks themselves; a Java array used as a
    // LIFO keeps the same order without touching guest memory.
    private long[] freeStacks = new long[0];
    private int freeCount;

    // mSpanList links
    Span next;
    Span prev;
    SpanList list;

    Span(long base, long npages) {
        this.base = base;
        this.npages = npages;
        this.state = SpanState.DEAD;
    }

    public long base() {
        return base;
    }

    public long npages() {
        return npages;
    }

    public long bytes() {
        return npages << PageHeap.PAGE_SHIFT;
    }

    public long limit() {
        return base + bytes();
    }

    public SpanState state() {
        return state;
    }

    public boolean contains(long addr) {
        return addr >= base && addr < limit();
    }

    /** Pushes x on the span's free-stack list (Go: x.next = s.manualFreeList; s.manualFreeList = x). */
    public void pushFree(long x) {
        if (freeCount == freeStacks.length) {
            freeStacks = java.util.Arrays.copyOf(freeStacks, Math.max(4, freeCount * 2));
        }
        freeStacks[freeCount++] = x;
    }

    /** Pops the most recently freed stack, or 0 when none is free. */
    public long popFree() {
        return freeCount == 0 ? 0 : freeStacks[--freeCount];
    }

    public boolean hasFree() {
        return freeCount > 0;
    }

    public void clearFree() {
        freeCount = 0;
    }

    public int freeCount() {
        return freeCount;
    }

    @Override
    public String toString() {
        return "span[0x" + Long.toHexString(base) + "+" + npages + "p " + state + "]";
    }
}
