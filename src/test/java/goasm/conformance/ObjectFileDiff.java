package goasm.conformance;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Compares two Go object files byte for byte and, when they differ, says where: the first
 * differing offset and the part of Go's file it falls in (the header line, the object header,
 * or one of the blocks whose offsets Go's header lists).
 */
public final class ObjectFileDiff {
    /** The blocks of a Go 1.16+ object ("go118ld", "go120ld"), in file order (goobj.Blk*). */
    private static final String[] BLOCKS = {"autolib", "package index", "file table", "symbol definitions",
        "short hashed definitions", "hashed definitions", "non-package definitions", "non-package references",
        "reference flags", "short hashes", "hashes", "reloc index", "aux index", "data index", "relocations",
        "aux symbols", "data", "referenced names", "end"};
    /** The blocks of a Go 1.15 object ("go115ld", goobj2.Blk*). */
    private static final String[] BLOCKS_115 = {"autolib", "package index", "DWARF file table", "symbol definitions",
        "non-package definitions", "non-package references", "reloc index", "aux index", "data index", "relocations",
        "aux symbols", "data", "pc data", "referenced names", "end"};
    private static final byte[] MAGIC_START = "\0go1".getBytes(StandardCharsets.ISO_8859_1);
    private static final int MAGIC_LENGTH = "\0go120ld".length();

    private ObjectFileDiff() {
    }

    /** Null when the files are equal; else one line naming the first difference and its section. */
    public static String firstDifference(byte[] go, byte[] goasm) {
        int n = Math.min(go.length, goasm.length);
        int at = 0;
        while (at < n && go[at] == goasm[at]) {
            at++;
        }
        if (at == n && go.length == goasm.length) {
            return null;
        }
        String bytes = at < n ? String.format("Go 0x%02x, goasm 0x%02x", go[at] & 0xff, goasm[at] & 0xff)
                : "Go " + go.length + " bytes, goasm " + goasm.length;
        return "object files differ at byte " + at + " (" + sectionOf(go, at) + "): " + bytes;
    }

    /** The part of Go's object file that holds this offset. */
    static String sectionOf(byte[] object, int offset) {
        int start = indexOf(object, MAGIC_START);
        if (start < 0 || offset < start) {
            return "header line";
        }
        String[] blocks = new String(object, start, Math.min(MAGIC_LENGTH, object.length - start),
                StandardCharsets.ISO_8859_1).equals("\0go115ld") ? BLOCKS_115 : BLOCKS;
        int blockOffsets = start + MAGIC_LENGTH + 8 + 4;
        if (offset < blockOffsets + 4 * blocks.length || object.length < blockOffsets + 4 * blocks.length) {
            return "object header";
        }
        ByteBuffer header = ByteBuffer.wrap(object).order(ByteOrder.LITTLE_ENDIAN);
        int relative = offset - start;
        if (relative < header.getInt(blockOffsets)) {
            return "string table";
        }
        for (int i = blocks.length - 1; i >= 0; i--) {
            if (relative >= header.getInt(blockOffsets + 4 * i)) {
                return blocks[i] + " block, byte " + (relative - header.getInt(blockOffsets + 4 * i));
            }
        }
        return "object header";
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
