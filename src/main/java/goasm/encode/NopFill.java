package goasm.encode;

/**
 * Padding made of NOP instructions as Go's amd64 assembler lays it: the longest of its
 * multi-byte NOPs (up to nine bytes) repeatedly, then one for the rest.
 */
final class NopFill {
    /** The recommended NOP of each length from one to nine bytes (0f 1f /0 with growing addressing). */
    private static final byte[][] BY_LENGTH = {
        bytes(0x90),
        bytes(0x66, 0x90),
        bytes(0x0f, 0x1f, 0x00),
        bytes(0x0f, 0x1f, 0x40, 0x00),
        bytes(0x0f, 0x1f, 0x44, 0x00, 0x00),
        bytes(0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00),
        bytes(0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00),
        bytes(0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00),
        bytes(0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00),
    };

    private NopFill() {
    }

    /** {@code n} bytes of NOPs. */
    static byte[] of(int n) {
        byte[] out = new byte[n];
        int at = 0;
        while (at < n) {
            byte[] nop = BY_LENGTH[Math.min(n - at, BY_LENGTH.length) - 1];
            System.arraycopy(nop, 0, out, at, nop.length);
            at += nop.length;
        }
        return out;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
