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
 * Writes are allowed only where Go maps memory writable: data, bss and the heap (stacks), not
 * text or rodata. Direct-mapped caches of page arrays, one for reads and one holding writable
 * pages only, keep the hot path to two array loads, so protection costs nothing per access; pages
 * the runtime releases are dropped from both.
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

    private record Range(long start, long end, boolean writable) {
    }

    private final goasm.runtime.memory.GuestMemory backing;
    private final PageHeap heap;
    private final List<Range> image = new ArrayList<>();
    /** Page number + 1 of each cache slot (0: empty). */
    private final long[] cacheTags = new long[1 << CACHE_BITS];
    private final byte[][] cachePages = new byte[1 << CACHE_BITS][];
    /** The same for writes; a page enters it only if it is writable. */
    private final long[] writeTags = new long[1 << CACHE_BITS];
    private final byte[][] writePages = new byte[1 << CACHE_BITS][];

    public SharedMemory(goasm.runtime.memory.GuestMemory backing, PageHeap heap) {
        this.backing = backing;
        this.heap = heap;
        backing.onPageRemoved(page -> {
            int slot = (int) page & CACHE_MASK;
            if (cacheTags[slot] == page + 1) {
                cacheTags[slot] = 0;
                cachePages[slot] = null;
            }
            if (writeTags[slot] == page + 1) {
                writeTags[slot] = 0;
                writePages[slot] = null;
            }
        });
    }

    /** Makes a range of the program image accessible: readable, and writable if asked. */
    public void mapImage(long start, long length, boolean writable) {
        image.add(new Range(start, start + length, writable));
    }

    boolean isMapped(long addr) {
        return inHeap(addr) || imageRange(addr) != null;
    }

    /** Whether a guest write to addr is allowed: the heap (stacks, g records) and writable image segments. */
    boolean isWritable(long addr) {
        if (inHeap(addr)) {
            return true;
        }
        Range r = imageRange(addr);
        return r != null && r.writable();
    }

    private boolean inHeap(long addr) {
        return Long.compareUnsigned(addr, PageHeap.ARENA_START) >= 0 && Long.compareUnsigned(addr, heap.arenaEnd()) < 0;
    }

    private Range imageRange(long addr) {
        for (Range r : image) {
            if (Long.compareUnsigned(addr, r.start()) >= 0 && Long.compareUnsigned(addr, r.end()) < 0) {
                return r;
            }
        }
        return null;
    }

    private byte[] page(long addr) {
        long number = addr >>> PAGE_SHIFT;
        int slot = (int) number & CACHE_MASK;
        if (cacheTags[slot] == number + 1) {
            return cachePages[slot];
        }
        return missPage(addr, number, slot);
    }

    private byte[] writablePage(long addr) {
        long number = addr >>> PAGE_SHIFT;
        int slot = (int) number & CACHE_MASK;
        if (writeTags[slot] == number + 1) {
            return writePages[slot];
        }
        return missWritablePage(addr, number, slot);
    }

    private byte[] missWritablePage(long addr, long number, int slot) {
        if (!isWritable(addr)) {
            throw new GuestFault(addr, isMapped(addr));
        }
        byte[] p = backing.pageForAccess(number);
        writeTags[slot] = number + 1;
        writePages[slot] = p;
        return p;
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
        writablePage(addr)[(int) addr & PAGE_MASK] = v;
    }

    @Override
    public void write16(long addr, short v) {
        int off = (int) addr & PAGE_MASK;
        if (off <= PAGE_SIZE - 2) {
            SHORT.set(writablePage(addr), off, v);
        } else {
            write8(addr, (byte) v);
            write8(addr + 1, (byte) (v >> 8));
        }
    }

    @Override
    public void write32(long addr, int v) {
        int off = (int) addr & PAGE_MASK;
        if (off <= PAGE_SIZE - 4) {
            INT.set(writablePage(addr), off, v);
        } else {
            write16(addr, (short) v);
            write16(addr + 2, (short) (v >> 16));
        }
    }

    @Override
    public void write64(long addr, long v) {
        int off = (int) addr & PAGE_MASK;
        if (off <= PAGE_SIZE - 8) {
            LONG.set(writablePage(addr), off, v);
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
        Arrays.fill(writeTags, 0);
        Arrays.fill(writePages, null);
    }
}
