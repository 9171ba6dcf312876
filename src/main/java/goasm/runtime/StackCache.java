package goasm.runtime;

/** A P's mcache.stackcache: per order, a LIFO list of free stacks and their total size. */
public final class StackCache {
    private final long[][] lists;
    private final int[] counts;
    private final long[] sizes;

    /** An empty cache for stacks of numStackOrders orders. */
    StackCache(int numStackOrders) {
        lists = new long[numStackOrders][];
        counts = new int[numStackOrders];
        sizes = new long[numStackOrders];
        for (int order = 0; order < numStackOrders; order++) {
            lists[order] = new long[16];
        }
    }

    /** Stacks of this order held. */
    public int count(int order) {
        return counts[order];
    }

    /** Bytes of stacks of this order held (Go's stackcache[order].size). */
    public long size(int order) {
        return sizes[order];
    }

    boolean isEmpty(int order) {
        return counts[order] == 0;
    }

    void push(int order, long x, long n) {
        if (counts[order] == lists[order].length) {
            lists[order] = java.util.Arrays.copyOf(lists[order], counts[order] * 2);
        }
        lists[order][counts[order]++] = x;
        sizes[order] += n;
    }

    long pop(int order, long n) {
        sizes[order] -= n;
        return lists[order][--counts[order]];
    }

    /** Replaces the list with the given stacks, last one on top; size is set as Go sets it. */
    void set(int order, long[] stacks, int count, long size) {
        if (lists[order].length < count) {
            lists[order] = new long[Math.max(count, 16)];
        }
        System.arraycopy(stacks, 0, lists[order], 0, count);
        counts[order] = count;
        sizes[order] = size;
    }

    /** The list from bottom to top (top = next handed out). */
    long[] snapshot(int order) {
        return java.util.Arrays.copyOf(lists[order], counts[order]);
    }
}
