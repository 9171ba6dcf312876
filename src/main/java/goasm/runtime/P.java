package goasm.runtime;

import java.util.ArrayDeque;

/** A processor: its stack cache, its free Gs, its batch of goids and its share of GC stack statistics. */
public final class P {
    private final int id;
    final StackCache stackCache;
    // p.gFree: a LIFO list (gList push/pop at the head).
    final ArrayDeque<G> gFree = new ArrayDeque<>();
    long goidcache;
    long goidcacheend;
    long scannedStackSize;
    long scannedStacks;

    P(int id, int numStackOrders) {
        this.id = id;
        this.stackCache = new StackCache(numStackOrders);
    }

    public int id() {
        return id;
    }

    public StackCache stackCache() {
        return stackCache;
    }

    /** Dead Gs held on this P (p.gFree.n). */
    public int freeGCount() {
        return gFree.size();
    }

    @Override
    public String toString() {
        return "P" + id;
    }
}
