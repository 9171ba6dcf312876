package goasm.runtime;

import goasm.release.StackRules;
import goasm.runtime.memory.PageHeap;
import goasm.runtime.memory.Span;
import goasm.runtime.memory.SpanList;
import goasm.runtime.memory.SpanState;

import java.util.function.Consumer;


/**
 * Go's stack allocator (stack.go): per-order stack pools of 32 KB spans, per-P caches
 * refilled and released half a cache at a time, and stackLarge free lists by log2(pages) for
 * stacks freed during GC. Paths are chosen exactly as stackalloc/stackfree choose them.
 */
public final class StackAllocator {
    /** heapAddrBits - pageShift on amd64: 48 - 13 free lists for large stacks. */
    private static final int LARGE_LISTS = 48 - PageHeap.PAGE_SHIFT;

    private final PageHeap heap;
    /** The release's pool shape: orders, the smallest stack, the cache and span size. */
    private final int numStackOrders;
    private final long fixedStack;
    private final long stackCacheSize;
    private final SpanList[] pool;
    private final SpanList[] large = new SpanList[LARGE_LISTS];
    private boolean gcRunning; // gcphase != _GCoff
    private final Consumer<RuntimeEvent> events;
    final long[][] allocsByOrderAndPath;
    final long[] freesByPath = new long[StackPath.values().length];

    // scratch for refill/release, reused to avoid garbage on the hot path
    private final long[] scratch;

    /** stackinit, with the release's pool shape. */
    StackAllocator(PageHeap heap, StackRules rules, Consumer<RuntimeEvent> events) {
        this.heap = heap;
        this.events = events;
        this.numStackOrders = rules.numStackOrders();
        this.fixedStack = rules.fixedStack();
        this.stackCacheSize = rules.stackCacheSize();
        this.pool = new SpanList[numStackOrders];
        this.allocsByOrderAndPath = new long[numStackOrders + 1][StackPath.values().length];
        this.scratch = new long[(int) (stackCacheSize / fixedStack)];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new SpanList();
        }
        for (int i = 0; i < large.length; i++) {
            large[i] = new SpanList();
        }
    }

    public boolean gcRunning() {
        return gcRunning;
    }

    void setGcRunning(boolean running) {
        gcRunning = running;
    }

    /** The spans of the pool of this order that have free stacks, first first. */
    public java.util.List<Span> poolSpans(int order) {
        return pool[order].toList();
    }

    /** Spans waiting on stackLarge's free list for 2^log2npages pages. */
    public java.util.List<Span> largeSpans(int log2npages) {
        return large[log2npages].toList();
    }

    /** Bytes of stacks free in pool spans (not handed out). */
    long poolFreeBytes() {
        long n = 0;
        for (int order = 0; order < numStackOrders; order++) {
            for (Span s = pool[order].first(); s != null; s = SpanList.next(s)) {
                n += s.freeCount() * (fixedStack << order);
            }
        }
        return n;
    }

    static int stacklog2(long n) {
        int log2 = 0;
        while (n > 1) {
            n >>>= 1;
            log2++;
        }
        return log2;
    }

    /** The pool order for a small stack size, or -1 when the size takes the large path. */
    int orderOf(long n) {
        if (n < (fixedStack << numStackOrders) && n < stackCacheSize) {
            int order = 0;
            for (long n2 = n; n2 > fixedStack; n2 >>>= 1) {
                order++;
            }
            return order;
        }
        return -1;
    }

    /**
     * stackalloc(n). {@code cache} is the P's stackcache, or null when Go would bypass it
     * (no P, m.preemptoff set, or stackNoCache).
     */
    public Stack alloc(long n, StackCache cache) {
        if (n <= 0 || (n & (n - 1)) != 0) {
            throw GoThrow.fatal("stack size not a power of 2");
        }
        int order = orderOf(n);
        long v;
        StackPath path;
        if (order >= 0) {
            if (cache == null) {
                v = poolAlloc(order);
                path = StackPath.POOL;
            } else {
                path = StackPath.CACHE;
                if (cache.isEmpty(order)) {
                    refill(cache, order);
                    path = StackPath.CACHE_REFILL;
                }
                v = cache.pop(order, n);
            }
        } else {
            long npage = n >>> PageHeap.PAGE_SHIFT;
            int log2npage = stacklog2(npage);
            Span s = null;
            if (!large[log2npage].isEmpty()) {
                s = large[log2npage].first();
                large[log2npage].remove(s);
                path = StackPath.LARGE;
            } else {
                path = StackPath.HEAP;
            }
            if (s == null) {
                s = heap.allocManual(npage);
                s.elemSize = n;
            }
            v = s.base();
        }
        allocsByOrderAndPath[order >= 0 ? order : numStackOrders][path.ordinal()]++;
        Stack stk = new Stack(v, v + n);
        if (events != null) {
            events.accept(new RuntimeEvent.StackAlloc(stk, path));
        }
        return stk;
    }

    /** stackfree(stk), with the same meaning of {@code cache} as {@link #alloc}. */
    public void free(Stack stk, StackCache cache) {
        long v = stk.lo();
        long n = stk.hi() - stk.lo();
        if ((n & (n - 1)) != 0) {
            throw GoThrow.fatal("stack not a power of 2");
        }
        int order = orderOf(n);
        StackPath path;
        if (order >= 0) {
            if (cache == null) {
                poolFree(v, order);
                path = StackPath.POOL;
            } else {
                path = StackPath.CACHE;
                if (cache.size(order) >= stackCacheSize) {
                    release(cache, order);
                    path = StackPath.CACHE_RELEASE;
                }
                cache.push(order, v, n);
            }
        } else {
            Span s = heap.spanOf(v);
            if (s == null || s.state() != SpanState.MANUAL) {
                throw GoThrow.fatal("runtime: bad span state\n", "bad span state");
            }
            if (!gcRunning) {
                heap.freeManual(s);
                path = StackPath.HEAP;
            } else {
                // The GC may be scanning this stack's span as a stack: keep it out of the
                // heap until freeStackSpans at the end of the cycle.
                large[stacklog2(s.npages())].insert(s);
                path = StackPath.LARGE;
            }
        }
        freesByPath[path.ordinal()]++;
        if (events != null) {
            events.accept(new RuntimeEvent.StackFree(stk, path));
        }
    }

    /** stackpoolalloc: a stack from the first pool span with a free one, carving a new span if none. */
    private long poolAlloc(int order) {
        SpanList list = pool[order];
        Span s = list.first();
        if (s == null) {
            s = heap.allocManual(stackCacheSize >>> PageHeap.PAGE_SHIFT);
            s.elemSize = fixedStack << order;
            // Pushed lowest first, so the highest stack of the span is handed out first, as in Go.
            for (long i = 0; i < stackCacheSize; i += s.elemSize) {
                s.pushFree(s.base() + i);
            }
            list.insert(s);
        }
        long x = s.popFree();
        s.allocCount++;
        if (!s.hasFree()) {
            list.remove(s);
        }
        return x;
    }

    /** stackpoolfree: a span whose stacks are all free goes back to the heap, unless GC is running. */
    private void poolFree(long x, int order) {
        Span s = heap.spanOf(x);
        if (s == null || s.state() != SpanState.MANUAL) {
            throw GoThrow.fatal("freeing stack not in a stack span");
        }
        if (!s.hasFree()) {
            pool[order].insert(s);
        }
        s.pushFree(x);
        s.allocCount--;
        if (!gcRunning && s.allocCount == 0) {
            pool[order].remove(s);
            s.clearFree();
            heap.freeManual(s);
        }
    }

    /** stackcacherefill: half a cache's worth from the pool; the last one taken is handed out first. */
    private void refill(StackCache c, int order) {
        long elem = fixedStack << order;
        int count = 0;
        long size = 0;
        while (size < stackCacheSize / 2) {
            scratch[count++] = poolAlloc(order);
            size += elem;
        }
        c.set(order, scratch, count, size);
    }

    /** stackcacherelease: frees from the top of the cache until half a cache remains. */
    private void release(StackCache c, int order) {
        long elem = fixedStack << order;
        long size = c.size(order);
        while (size > stackCacheSize / 2) {
            poolFree(c.pop(order, elem), order);
            size -= elem;
        }
    }

    /** stackcache_clear: everything in the cache goes back to the pools. */
    void cacheClear(StackCache c) {
        for (int order = 0; order < numStackOrders; order++) {
            long elem = fixedStack << order;
            while (!c.isEmpty(order)) {
                poolFree(c.pop(order, elem), order);
            }
        }
    }

    /** freeStackSpans: at the end of GC, wholly free pool spans and all stackLarge spans go back to the heap. */
    void freeStackSpans() {
        for (int order = 0; order < numStackOrders; order++) {
            SpanList list = pool[order];
            for (Span s = list.first(); s != null; ) {
                Span next = SpanList.next(s);
                if (s.allocCount == 0) {
                    list.remove(s);
                    s.clearFree();
                    heap.freeManual(s);
                }
                s = next;
            }
        }
        for (SpanList list : large) {
            for (Span s = list.first(); s != null; ) {
                Span next = SpanList.next(s);
                list.remove(s);
                heap.freeManual(s);
                s = next;
            }
        }
    }
}
