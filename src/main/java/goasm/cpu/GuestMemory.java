package goasm.cpu;

/**
 * A byte-addressable 64-bit guest address space, little-endian. Accesses outside what the guest
 * has mapped throw {@link GuestFault}. The interpreter reads and writes only through this
 * interface, so a runtime with its own guest memory can back the CPU.
 */
public interface GuestMemory {
    byte read8(long addr);

    short read16(long addr);

    int read32(long addr);

    long read64(long addr);

    void write8(long addr, byte v);

    void write16(long addr, short v);

    void write32(long addr, int v);

    void write64(long addr, long v);

    /** Copies bytes into guest memory (loading a program image). */
    default void writeBytes(long addr, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            write8(addr + i, bytes[i]);
        }
    }

    /** Copies bytes out of guest memory (printing a string). */
    default byte[] readBytes(long addr, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = read8(addr + i);
        }
        return out;
    }
}
