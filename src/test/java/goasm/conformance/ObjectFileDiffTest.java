package goasm.conformance;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectFileDiffTest {
    /** A header line, then magic, fingerprint, flags and 19 block offsets; blocks start at 100 (string table before). */
    private static byte[] object() {
        byte[] line = "go object x\n!\n".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(line.length + 200).order(ByteOrder.LITTLE_ENDIAN);
        b.put(line).put("\0go118ld".getBytes(StandardCharsets.ISO_8859_1)).putLong(0).putInt(4);
        for (int i = 0; i < 19; i++) {
            b.putInt(100 + 5 * i);
        }
        return b.array();
    }

    /** The same with Go 1.15's magic and its 15 block offsets. */
    private static byte[] object115() {
        byte[] line = "go object x\n!\n".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(line.length + 200).order(ByteOrder.LITTLE_ENDIAN);
        b.put(line).put("\0go115ld".getBytes(StandardCharsets.ISO_8859_1)).putLong(0).putInt(4);
        for (int i = 0; i < 15; i++) {
            b.putInt(100 + 5 * i);
        }
        return b.array();
    }

    @Test
    void namesGo115Blocks() {
        byte[] other = object115();
        int start = "go object x\n!\n".length();
        other[start + 100 + 5 * 12] ^= 1; // block 12: 1.15 keeps pc tables in a block of their own
        assertThat(ObjectFileDiff.firstDifference(object115(), other)).contains("(pc data block, byte 0)");
    }

    @Test
    void equalFilesHaveNoDifference() {
        assertThat(ObjectFileDiff.firstDifference(object(), object())).isNull();
    }

    @Test
    void namesTheBlockOfTheFirstDifference() {
        byte[] other = object();
        int start = "go object x\n!\n".length();
        other[start + 100 + 5 * 3 + 2] ^= 1; // block 3 (symbol definitions), its third byte
        assertThat(ObjectFileDiff.firstDifference(object(), other))
                .isEqualTo("object files differ at byte " + (start + 117)
                        + " (symbol definitions block, byte 2): Go 0x00, goasm 0x01");
    }

    @Test
    void differencesBeforeTheBlocksAreInTheHeaderOrStringTable() {
        byte[] other = object();
        other[0] = 'G';
        assertThat(ObjectFileDiff.firstDifference(object(), other)).contains("(header line)");
        other = object();
        other[14 + 96 + 1] = 'x';
        assertThat(ObjectFileDiff.firstDifference(object(), other)).contains("(string table)");
        assertThat(ObjectFileDiff.firstDifference(object(), java.util.Arrays.copyOf(object(), 20)))
                .contains("Go 214 bytes, goasm 20");
    }
}
