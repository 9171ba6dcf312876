package goasm.lex;

/** UTF-8 decoding with Go's rules: any invalid or overlong sequence is U+FFFD of width 1. */
final class Utf8 {
    private Utf8() {
    }

    /** Decodes the rune at {@code i}: the low 32 bits are the code point, the high 32 its byte width. */
    static long decode(byte[] s, int i) {
        int b0 = s[i] & 0xff;
        if (b0 < 0x80) {
            return pack(b0, 1);
        }
        int need;
        int min;
        int cp;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
            min = 0x80;
            cp = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            min = 0x800;
            cp = b0 & 0x0F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            min = 0x10000;
            cp = b0 & 0x07;
        } else {
            return pack(0xFFFD, 1);
        }
        if (i + need >= s.length) {
            return pack(0xFFFD, 1);
        }
        for (int k = 1; k <= need; k++) {
            int b = s[i + k] & 0xff;
            if ((b & 0xC0) != 0x80) {
                return pack(0xFFFD, 1);
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return pack(0xFFFD, 1);
        }
        return pack(cp, need + 1);
    }

    /**
     * Decodes like {@code new String(bytes, UTF_8)} except that each byte of an invalid sequence
     * becomes the lone surrogate U+DC00+byte instead of U+FFFD, so that messages can still show
     * the raw byte as Go does ("\xcc"); see {@link goasm.obj.GoQuote}.
     */
    static String toStringKeepingRawBytes(byte[] s, int from, int to) {
        // Tokens are nearly always ASCII, where every byte is its own character.
        int ascii = from;
        while (ascii < to && s[ascii] >= 0) {
            ascii++;
        }
        if (ascii == to) {
            return new String(s, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            long d = decode(s, i);
            int cp = (int) d;
            int width = (int) (d >>> 32);
            if ((cp == 0xFFFD && width == 1) || i + width > to) {
                sb.append((char) (goasm.obj.GoQuote.RAW_BYTE_BASE + (s[i] & 0xff)));
                i++;
                continue;
            }
            sb.appendCodePoint(cp);
            i += width;
        }
        return sb.toString();
    }

    private static long pack(int cp, int width) {
        return ((long) width << 32) | (cp & 0xFFFFFFFFL);
    }
}
