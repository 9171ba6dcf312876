package goasm.emit.goobj;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The encodings, with values worked out by hand from their definitions. */
class ByteSinkTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void littleEndianIntegers() {
        ByteSink s = new ByteSink();
        s.u16(0x0102);
        s.u32(0x03040506L);
        s.u64(0x0708090a0b0c0d0eL);
        assertThat(s.toByteArray()).isEqualTo(bytes(2, 1, 6, 5, 4, 3, 0x0e, 0x0d, 0x0c, 0x0b, 0x0a, 9, 8, 7));
    }

    @Test
    void uvarintPutsSevenBitsPerByteLowFirst() {
        ByteSink s = new ByteSink();
        s.uvarint(0x7f);  // fits in one byte
        s.uvarint(0x80);  // 0000001 0000000 -> 0x80 0x01
        s.uvarint(300);   // 0000010 0101100 -> 0xac 0x02
        assertThat(s.toByteArray()).isEqualTo(bytes(0x7f, 0x80, 0x01, 0xac, 0x02));
    }

    @Test
    void varintIsZigZag() {
        ByteSink s = new ByteSink();
        s.varint(0);   // 0
        s.varint(-1);  // 1
        s.varint(1);   // 2
        s.varint(-2);  // 3
        s.varint(64);  // 128 -> 0x80 0x01
        assertThat(s.toByteArray()).isEqualTo(bytes(0, 1, 2, 3, 0x80, 0x01));
    }

    @Test
    void signedLeb128StopsAtTheSignBit() {
        ByteSink s = new ByteSink();
        s.sleb128(2);    // 0x02
        s.sleb128(-1);   // 0x7f: all ones, sign bit (0x40) set
        s.sleb128(63);   // 0x3f
        s.sleb128(64);   // 0x40 has the sign bit set, so a second byte: 0xc0 0x00
        s.sleb128(-65);  // ...1011 1111 -> 0xbf 0x7f
        assertThat(s.toByteArray()).isEqualTo(bytes(0x02, 0x7f, 0x3f, 0xc0, 0x00, 0xbf, 0x7f));
    }

    @Test
    void patchRewritesAWrittenWord() {
        ByteSink s = new ByteSink();
        s.u8(9);
        s.u32(0);
        s.patchU32(1, 0xdeadbeefL);
        assertThat(s.toByteArray()).isEqualTo(bytes(9, 0xef, 0xbe, 0xad, 0xde));
    }
}
