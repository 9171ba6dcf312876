package goasm.emit.goobj;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the encodings Go's object format is made of: little-endian fixed
 * width integers, Go's unsigned/zig-zag varints (pc tables) and DWARF's LEB128 (line programs).
 */
final class ByteSink {
    private byte[] bytes = new byte[256];
    private int length;

    int length() {
        return length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    void u8(int v) {
        ensure(1);
        bytes[length++] = (byte) v;
    }

    void u16(int v) {
        u8(v);
        u8(v >>> 8);
    }

    void u32(long v) {
        for (int i = 0; i < 4; i++) {
            u8((int) (v >>> (8 * i)));
        }
    }

    void u64(long v) {
        for (int i = 0; i < 8; i++) {
            u8((int) (v >>> (8 * i)));
        }
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    void string(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Overwrites a little-endian uint32 already written (header offsets are patched at the end). */
    void patchU32(int at, long v) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** Go's binary.PutUvarint: 7 bits a byte, low first, high bit set on all but the last. */
    void uvarint(long v) {
        while (Long.compareUnsigned(v, 0x80) >= 0) {
            u8((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        u8((int) v);
    }

    /** Go's binary.PutVarint: zig-zag, so small negative values stay short. */
    void varint(long v) {
        long zigzag = v << 1;
        if (v < 0) {
            zigzag = ~zigzag;
        }
        uvarint(zigzag);
    }

    /** DWARF unsigned LEB128 (the same bytes as uvarint). */
    void uleb128(long v) {
        uvarint(v);
    }

    /** DWARF signed LEB128: stops when the remaining bits are all copies of the sign bit. */
    void sleb128(long v) {
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            if (done) {
                u8(b);
                return;
            }
            u8(b | 0x80);
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
