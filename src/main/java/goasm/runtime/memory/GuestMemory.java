package goasm.runtime.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A sparse, little-endian 64-bit guest address space.
 *
 * <p>Pages are committed on first write, so reserving a huge range (a 1 GB stack, a million
 * 2 KB stacks) costs only the pages actually written. Reading an untouched page yields zeros
 * without committing it, which matches fresh anonymous memory on Linux.
 */
public final class GuestMemory {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final long PAGE_MASK = PAGE_SIZE - 1;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    // Open-addressing map from page number to page bytes; page numbers are never -1
    // because the top page of the address space is not used.
    private long[] keys = new long[1024];
    private byte[][] pages = new byte[1024][];
    private int count;

    // Direct-mapped lookup cache: the runtime goes back and forth between a few pages (g
    // records, stacks, the program's data), which a one-entry cache keeps missing.
    private static final int CACHE_SLOTS = 256;
    private final long[] cacheKeys = new long[CACHE_SLOTS];
    private final byte[][] cachePages = new byte[CACHE_SLOTS][];

    // Told the page number of every page released, so a caller holding page arrays can drop them.
    private java.util.function.LongConsumer pageRemoved = page -> {
    };

    public GuestMemory() {
        Arrays.fill(keys, -1);
        Arrays.fill(cacheKeys, -1);
    }

    /**
     * The bytes of page {@code pageNumber}, committing it if needed: for an interpreter that keeps
     * its own page cache over this memory. Such a cache must listen for released pages.
     */
    public byte[] pageForAccess(long pageNumber) {
        return pageForWrite(pageNumber);
    }

    /** Sets the one listener told the number of each page {@link #clear} releases. */
    public void onPageRemoved(java.util.function.LongConsumer listener) {
        pageRemoved = listener;
    }

    /** Bytes of guest memory actually backed by host memory. */
    public long committedBytes() {
        return (long) count * PAGE_SIZE;
    }

    public long read64(long addr) {
        if ((addr & PAGE_MASK) <= PAGE_SIZE - 8) {
            byte[] page = pageOrNull(addr >>> PAGE_SHIFT);
            return page == null ? 0 : (long) LONGS.get(page, (int) (addr & PAGE_MASK));
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | read8(addr + i);
        }
        return v;
    }

    public void write64(long addr, long value) {
        if ((addr & PAGE_MASK) <= PAGE_SIZE - 8) {
            LONGS.set(pageForWrite(addr >>> PAGE_SHIFT), (int) (addr & PAGE_MASK), value);
            return;
        }
        for (int i = 0; i < 8; i++) {
            write8(addr + i, (int) (value >>> (8 * i)));
        }
    }

    public int read32(long addr) {
        if ((addr & PAGE_MASK) <= PAGE_SIZE - 4) {
            byte[] page = pageOrNull(addr >>> PAGE_SHIFT);
            return page == null ? 0 : (int) INTS.get(page, (int) (addr & PAGE_MASK));
        }
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | read8(addr + i);
        }
        return v;
    }

    public void write32(long addr, int value) {
        if ((addr & PAGE_MASK) <= PAGE_SIZE - 4) {
            INTS.set(pageForWrite(addr >>> PAGE_SHIFT), (int) (addr & PAGE_MASK), value);
            return;
        }
        for (int i = 0; i < 4; i++) {
            write8(addr + i, value >>> (8 * i));
        }
    }

    public int read8(long addr) {
        byte[] page = pageOrNull(addr >>> PAGE_SHIFT);
        return page == null ? 0 : page[(int) (addr & PAGE_MASK)] & 0xff;
    }

    public void write8(long addr, int value) {
        pageForWrite(addr >>> PAGE_SHIFT)[(int) (addr & PAGE_MASK)] = (byte) value;
    }

    public byte[] read(long addr, int length) {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long a = addr + done;
            int off = (int) (a & PAGE_MASK);
            int n = Math.min(length - done, PAGE_SIZE - off);
            byte[] page = pageOrNull(a >>> PAGE_SHIFT);
            if (page != null) {
                System.arraycopy(page, off, out, done, n);
            }
            done += n;
        }
        return out;
    }

    public void write(long addr, byte[] bytes) {
        int done = 0;
        while (done < bytes.length) {
            long a = addr + done;
            int off = (int) (a & PAGE_MASK);
            int n = Math.min(bytes.length - done, PAGE_SIZE - off);
            System.arraycopy(bytes, done, pageForWrite(a >>> PAGE_SHIFT), off, n);
            done += n;
        }
    }

    /**
     * Copies {@code length} bytes from {@code src} to {@code dst} (like memmove; the ranges may
     * overlap). Untouched source pages stay uncommitted at the destination when it is untouched too.
     */
    public void move(long dst, long src, long length) {
        if (length <= 0 || dst == src) {
            return;
        }
        boolean backwards = dst > src && dst < src + length;
        long done = 0;
        while (done < length) {
            long remaining = length - done;
            long s, d;
            int n;
            if (backwards) {
                s = src + remaining;
                d = dst + remaining;
                // copy the chunk ending at s/d that does not cross a page boundary of either
                int sIn = (int) (((s - 1) & PAGE_MASK) + 1);
                int dIn = (int) (((d - 1) & PAGE_MASK) + 1);
                n = (int) Math.min(remaining, Math.min(sIn, dIn));
                s -= n;
                d -= n;
            } else {
                s = src + done;
                d = dst + done;
                n = (int) Math.min(remaining,
                        Math.min(PAGE_SIZE - (s & PAGE_MASK), PAGE_SIZE - (d & PAGE_MASK)));
            }
            byte[] from = pageOrNull(s >>> PAGE_SHIFT);
            if (from != null) {
                System.arraycopy(from, (int) (s & PAGE_MASK), pageForWrite(d >>> PAGE_SHIFT), (int) (d & PAGE_MASK), n);
            } else {
                byte[] to = pageOrNull(d >>> PAGE_SHIFT);
                if (to != null) {
                    Arrays.fill(to, (int) (d & PAGE_MASK), (int) (d & PAGE_MASK) + n, (byte) 0);
                }
            }
            done += n;
        }
    }

    /** Zeroes a range; whole pages inside it are released (decommitted). */
    public void clear(long addr, long length) {
        long end = addr + length;
        long a = addr;
        while (a < end) {
            long pageEnd = (a | PAGE_MASK) + 1;
            long n = Math.min(end, pageEnd) - a;
            if (n == PAGE_SIZE) {
                removePage(a >>> PAGE_SHIFT);
            } else {
                byte[] page = pageOrNull(a >>> PAGE_SHIFT);
                if (page != null) {
                    Arrays.fill(page, (int) (a & PAGE_MASK), (int) ((a & PAGE_MASK) + n), (byte) 0);
                }
            }
            a += n;
        }
    }

    private byte[] pageOrNull(long key) {
        int slot = (int) key & (CACHE_SLOTS - 1);
        if (cacheKeys[slot] == key) {
            return cachePages[slot];
        }
        int mask = keys.length - 1;
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                cacheKeys[slot] = key;
                cachePages[slot] = pages[i];
                return pages[i];
            }
            if (k == -1) {
                return null;
            }
        }
    }

    private byte[] pageForWrite(long key) {
        byte[] page = pageOrNull(key);
        if (page != null) {
            return page;
        }
        if ((count + 1) * 2L > keys.length) {
            rehash(keys.length * 2);
        }
        page = new byte[PAGE_SIZE];
        insert(key, page);
        count++;
        int slot = (int) key & (CACHE_SLOTS - 1);
        cacheKeys[slot] = key;
        cachePages[slot] = page;
        return page;
    }

    private void insert(long key, byte[] page) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (keys[i] != -1) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        pages[i] = page;
    }

    private void removePage(long key) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (keys[i] != key) {
            if (keys[i] == -1) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = -1;
        pages[i] = null;
        count--;
        int slot = (int) key & (CACHE_SLOTS - 1);
        if (cacheKeys[slot] == key) {
            cacheKeys[slot] = -1;
            cachePages[slot] = null;
        }
        pageRemoved.accept(key);
        // Re-seat the rest of the probe run so lookups never stop early.
        for (int j = (i + 1) & mask; keys[j] != -1; j = (j + 1) & mask) {
            long k = keys[j];
            byte[] p = pages[j];
            keys[j] = -1;
            pages[j] = null;
            insert(k, p);
        }
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        byte[][] oldPages = pages;
        keys = new long[capacity];
        pages = new byte[capacity][];
        Arrays.fill(keys, -1);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1) {
                insert(oldKeys[i], oldPages[i]);
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
