package goasm.runtime.memory;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's mheap reduced to what stacks and runtime structures need: 8 KB pages handed out as
 * spans, lowest address first (as Go's page allocator searches by address), from heap arenas
 * that start at Go's first amd64 arena hint 0xc000000000 and grow in 4 MB chunks
 * (pallocChunkPages = 512 pages, mheap.grow).
 */
public final class PageHeap {
    public static final int PAGE_SHIFT = 13; // _PageShift
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    /** Go's first arena hint on linux/amd64: 0x00c0 << 32. */
    public static final long ARENA_START = 0x00c0L << 32;
    /** mheap.grow rounds every request to whole page-allocator chunks of 512 pages (4 MB). */
    public static final long GROW_PAGES = 512;

    private final GuestMemory memory;
    private final TreeMap<Long, Long> freeRuns = new TreeMap<>(); // base -> npages, coalesced
    private final TreeMap<Long, Span> spans = new TreeMap<>(); // allocated spans by base
    private long arenaEnd = ARENA_START;

    private long sys;
    private long inStacks;
    private long inHeap;

    public PageHeap(GuestMemory memory) {
        this.memory = memory;
    }

    public GuestMemory memory() {
        return memory;
    }

    /** mheap.allocManual: a span of npages for manual management (stacks). */
    public Span allocManual(long npages) {
        Span s = allocSpan(npages);
        s.state = SpanState.MANUAL;
        inStacks += s.bytes();
        return s;
    }

    /** mheap.freeManual: returns a manual span's pages to the heap. */
    public void freeManual(Span s) {
        if (s.state != SpanState.MANUAL) {
            throw new IllegalStateException("freeManual of " + s);
        }
        if (s.list != null) {
            throw new IllegalStateException("freeManual of a listed span " + s);
        }
        inStacks -= s.bytes();
        freeSpan(s);
    }

    /** A span for heap objects (mheap.alloc), used for g and m structures. */
    public Span allocHeap(long npages) {
        Span s = allocSpan(npages);
        s.state = SpanState.IN_USE;
        inHeap += s.bytes();
        return s;
    }

    /** The allocated span containing addr, or null (spanOf). */
    public Span spanOf(long addr) {
        Map.Entry<Long, Span> e = spans.floorEntry(addr);
        if (e == null || !e.getValue().contains(addr)) {
            return null;
        }
        return e.getValue();
    }

    /** The end of the arenas mapped so far: [ARENA_START, arenaEnd()) is the heap's address range. */
    public long arenaEnd() {
        return arenaEnd;
    }

    /** Bytes obtained for the heap from the (simulated) OS. */
    public long sysBytes() {
        return sys;
    }

    /** Bytes in manual (stack) spans: Go's heapStats.inStacks, reported as StackInuse. */
    public long stackSpanBytes() {
        return inStacks;
    }

    public long heapSpanBytes() {
        return inHeap;
    }

    public long freeBytes() {
        long n = 0;
        for (long pages : freeRuns.values()) {
            n += pages;
        }
        return n << PAGE_SHIFT;
    }

    /** The allocated spans, lowest address first. */
    public java.util.List<Span> spans() {
        return java.util.List.copyOf(spans.values());
    }

    public int spanCount() {
        return spans.size();
    }

    private Span allocSpan(long npages) {
        if (npages <= 0) {
            throw new IllegalArgumentException("npages " + npages);
        }
        long base = findFit(npages);
        if (base == 0) {
            grow(npages);
            base = findFit(npages);
        }
        Span s = new Span(base, npages);
        spans.put(base, s);
        return s;
    }

    private long findFit(long npages) {
        Iterator<Map.Entry<Long, Long>> it = freeRuns.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Long> run = it.next();
            long have = run.getValue();
            if (have >= npages) {
                long base = run.getKey();
                it.remove();
                if (have > npages) {
                    freeRuns.put(base + (npages << PAGE_SHIFT), have - npages);
                }
                return base;
            }
        }
        return 0;
    }

    private void grow(long npages) {
        long ask = ((npages + GROW_PAGES - 1) / GROW_PAGES) * GROW_PAGES;
        long base = arenaEnd;
        arenaEnd += ask << PAGE_SHIFT;
        sys += ask << PAGE_SHIFT;
        addFree(base, ask);
    }

    private void freeSpan(Span s) {
        spans.remove(s.base());
        s.state = SpanState.DEAD;
        s.clearFree();
        s.allocCount = 0;
        // Freed pages go back to the OS in this model (Go's scavenger does so eventually),
        // which keeps the simulated footprint proportional to live stacks.
        memory.clear(s.base(), s.bytes());
        addFree(s.base(), s.npages());
    }

    private void addFree(long base, long npages) {
        long end = base + (npages << PAGE_SHIFT);
        Map.Entry<Long, Long> below = freeRuns.floorEntry(base);
        if (below != null && below.getKey() + (below.getValue() << PAGE_SHIFT) == base) {
            base = below.getKey();
            npages += below.getValue();
            freeRuns.remove(below.getKey());
        }
        Long above = freeRuns.get(end);
        if (above != null) {
            npages += above;
            freeRuns.remove(end);
        }
        freeRuns.put(base, npages);
    }
}
