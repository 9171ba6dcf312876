package goasm.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A standalone sparse guest memory for testing the CPU without the runtime: 4 KB pages
 * committed on first touch, inside ranges the test has mapped. (Programs run on the runtime's
 * memory through goasm.run.SharedMemory.)
 */
public final class PagedMemory implements GuestMemory {
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int CACHE_BITS = 10;
    private static final int CACHE_MASK = (1 << CACHE_BITS) - 1;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private record Range(long start, long end) {
    }

    private final Map<Long, byte[]> pages = new HashMap<>();
    private final List<Range> mapped = new ArrayList<>();
    /** Page number + 1 of each cache slot (0: empty). */
    private final long[] cacheTags = new long[1 << CACHE_BITS];
    private final byte[][] cachePages = new byte[1 << CACHE_BITS][];

    /** Makes [start, start+length) accessible; its pages appear (zeroed) when first touched. */
    public void map(long start, long length) {
        mapped.add(new Range(start, start + length));
    }

    /** Makes a range inaccessible again and drops its pages (whole pages only). */
    public void unmap(long start, long length) {
        long end = start + length;
        mapped.removeIf(r -> r.start() >= start && r.end() <= end);
        for (long p = start >>> PAGE_SHIFT; p < (end + PAGE_MASK) >>> PAGE_SHIFT; p++) {
            pages.remove(p);
        }
        java.util.Arrays.fill(cacheTags, 0);
        java.util.Arrays.fill(cachePages, null);
    }

    public boolean isMapped(long addr) {
        for (Range r : mapped) {
            if (Long.compareUnsigned(addr, r.start()) >= 0 && Long.compareUnsigned(addr, r.end()) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Pages committed so far (bytes = pages * 4096). */
    public int committedPages() {
        return pages.size();
    }

    private byte[] page(long addr) {
        long number = addr >>> PAGE_SHIFT;
        int slot = (int) number & CACHE_MASK;
        if (cacheTags[slot] == number + 1) {
            return cachePages[slot];
        }
        return missPage(addr, number, slot);
    }

    private byte[] missPage(long addr, long number, int slot) {
        byte[] p = pages.get(number);
        if (p == null) {
            if (!isMapped(addr)) {
                throw new GuestFault(addr);
            }
            p = new byte[PAGE_SIZE];
            pages.put(number, p);
        }
        cacheTags[slot] = number + 1;
        cachePages[slot] = p;
        return p;
    }

    @Override
    public byte read8(long addr) {
        return page(addr)[(int) addr & PAGE_MASK];
    }

    @Override
    public short read16(long addr) {
        int off = (int) addr & PAGE_MASK;
        if (off <= PAGE_SIZE - 2) {
            return (short) SHORT.get(page(addr), off);
        }
        return (short) ((read8(addr) & 0xff) | (read8(addr + 1) << 8));
    }

    @Override
    public int read32(long addr) {
        int off = (int) addr & PAGE_MASK;
        if (off <= PAGE_SIZE - 4) {
            return (int) INT.get(page(addr), off);
        }
        return (read16(addr) & 0xffff) | (read16(addr + 2) << 16);
    }

    @Override
    public long read64(long addr) {
        int off = (int) addr & PAGE_MASK;
        if (off <= PAGE_SIZE - 8) {
            return (long) LONG.get(page(addr), off);
        }
        return (read32(addr) & 0xffffffffL) | ((long) read32(addr + 4) << 32);
    }

    @Override
    public void write8(long addr, byte v) {
        page(addr)[(int) addr & PAGE_MASK] = v;
    }

    @Override
    public void write16(long addr, short v) {
        int off = (int) addr & PAGE_MASK;
        if (off <= PAGE_SIZE - 2) {
            SHORT.set(page(addr), off, v);
        } else {
            write8(addr, (byte) v);
            write8(addr + 1, (byte) (v >> 8));
        }
    }

    @Override
    public void write32(long addr, int v) {
        int off = (int) addr & PAGE_MASK;
        if (off <= PAGE_SIZE - 4) {
            INT.set(page(addr), off, v);
        } else {
            write16(addr, (short) v);
            write16(addr + 2, (short) (v >> 16));
        }
    }

    @Override
    public void write64(long addr, long v) {
        int off = (int) addr & PAGE_MASK;
        if (off <= PAGE_SIZE - 8) {
            LONG.set(page(addr), off, v);
        } else {
            write32(addr, (int) v);
            write32(addr + 4, (int) (v >> 32));
        }
    }
}
