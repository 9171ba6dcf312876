package goasm.run;

import goasm.cpu.GuestFault;
import goasm.cpu.GuestMemory;
import goasm.runtime.memory.PageHeap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The interpreter's view of the runtime's guest memory: one address space for the program image,
 * the g records and the goroutine stacks. Accesses are allowed inside the image's segments and the
 * heap arenas mapped so far; anything else (the zero page above all) is the emulated SIGSEGV.
 * A direct-mapped cache of page arrays keeps the hot path to two array loads; pages the runtime
 * releases are dropped from it.
 */
public final class SharedMemory implements GuestMemory {
    private static final int PAGE_SHIFT = goasm.runtime.memory.GuestMemory.PAGE_SHIFT;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int CACHE_BITS = 10;
    private static final int CACHE_MASK = (1 << CACHE_BITS) - 1;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private record Range(long start, long end) {
    }

    private final goasm.runtime.memory.GuestMemory backing;
    private final PageHeap heap;
    private final List<Range> image = new ArrayList<>();
    /** Page number + 1 of each cache slot (0: empty). */
    private final long[] cacheTags = new long[1 << CACHE_BITS];
    private final byte[][] cachePages = new byte[1 << CACHE_BITS][];

    public SharedMemory(goasm.runtime.memory.GuestMemory backing, PageHeap heap) {
        this.backing = backing;
        this.heap = heap;
        backing.onPageRemoved(page -> {
            int slot = (int) page & CACHE_MASK;
            if (cacheTags[slot] == page + 1) {
                cacheTags[slot] = 0;
                cachePages[slot] = null;
            }
        });
    }

    /** Makes a range of the program image accessible. */
    public void mapImage(long start, long length) {
        image.add(new Range(start, start + length));
    }

    boolean isMapped(long addr) {
        if (Long.compareUnsigned(addr, PageHeap.ARENA_START) >= 0 && Long.compareUnsigned(addr, heap.arenaEnd()) < 0) {
            return true;
        }
        for (Range r : image) {
            if (Long.compareUnsigned(addr, r.start()) >= 0 && Long.compareUnsigned(addr, r.end()) < 0) {
                return true;
            }
        }
        return false;
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
        if (!isMapped(addr)) {
            throw new GuestFault(addr);
        }
        byte[] p = backing.pageForAccess(number);
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

    /** Bytes of guest memory backed by host memory. */
    long committedBytes() {
        return backing.committedBytes();
    }

    void dropCache() {
        Arrays.fill(cacheTags, 0);
        Arrays.fill(cachePages, null);
    }
}
