package goasm.lex;

import goasm.obj.GoQuote;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Go's strconv.Quote and strconv.Unquote for the quoted forms assembly source uses. */
public final class GoStrings {
    private GoStrings() {
    }

    public static String quote(String s) {
        return GoQuote.quote(s);
    }

    /**
     * The bytes a Go string or rune literal ({@code "a\tb"}, {@code 'x'}) stands for, or null when
     * Go's Unquote rejects it ("invalid syntax"). A rune literal must hold exactly one character.
     */
    public static byte[] unquote(String literal) {
        int n = literal.length();
        if (n < 2) {
            return null;
        }
        char quote = literal.charAt(0);
        if ((quote != '"' && quote != '\'') || literal.charAt(n - 1) != quote) {
            return null;
        }
        String body = literal.substring(1, n - 1);
        if (body.indexOf('\n') >= 0) {
            return null;
        }
        if (quote == '\'' && body.isEmpty()) {
            // Go's Unquote takes '' for the empty string (its fast path decodes no rune and
            // finds nothing amiss).
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        int characters = 0;
        int i = 0;
        while (i < body.length()) {
            int c = body.codePointAt(i);
            if (c == quote) {
                return null;
            }
            characters++;
            if (c != '\\') {
                writeRune(out, c);
                i += Character.charCount(c);
                continue;
            }
            if (i + 1 >= body.length()) {
                return null;
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case '\\' -> out.write('\\');
                case '\'', '"' -> {
                    if (e != quote) {
                        return null;
                    }
                    out.write(e);
                }
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > body.length()) {
                        return null;
                    }
                    long v = 0;
                    for (int k = 0; k < digits; k++) {
                        int d = Character.digit(body.charAt(i + k), 16);
                        if (d < 0) {
                            return null;
                        }
                        v = v * 16 + d;
                    }
                    i += digits;
                    if (e == 'x') {
                        out.write((int) v);
                    } else {
                        if (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) {
                            return null;
                        }
                        writeRune(out, (int) v);
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i + 2 > body.length()) {
                        return null;
                    }
                    int v = e - '0';
                    for (int k = 0; k < 2; k++) {
                        int d = body.charAt(i + k) - '0';
                        if (d < 0 || d > 7) {
                            return null;
                        }
                        v = v * 8 + d;
                    }
                    if (v > 255) {
                        return null;
                    }
                    i += 2;
                    out.write(v);
                }
                default -> {
                    return null;
                }
            }
        }
        if (quote == '\'' && characters != 1) {
            return null;
        }
        return out.toByteArray();
    }

    /** {@link #unquote} as text (UTF-8), or null. */
    public static String unquoteText(String literal) {
        byte[] b = unquote(literal);
        return b == null ? null : keepingBytes(b);
    }

    /**
     * Bytes as a Java string that keeps every byte: valid UTF-8 decoded, each other byte as
     * {@link GoQuote#RAW_BYTE_BASE} + byte ({@link GoQuote#bytes} turns it back).
     */
    public static String keepingBytes(byte[] bytes) {
        return Utf8.toStringKeepingRawBytes(bytes, 0, bytes.length);
    }

    private static void writeRune(ByteArrayOutputStream out, int cp) {
        if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            // A raw byte of invalid UTF-8 in the source: Go's Unquote makes it U+FFFD.
            out.write(0xEF);
            out.write(0xBF);
            out.write(0xBD);
            return;
        }
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }
}
