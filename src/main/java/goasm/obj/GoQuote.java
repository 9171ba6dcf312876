package goasm.obj;

import java.nio.charset.StandardCharsets;

/** Go's strconv.Quote (what %q prints) for the strings a listing shows. */
public final class GoQuote {
    private GoQuote() {
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < utf8.length) {
            int b = utf8[i] & 0xff;
            if (b < 0x80) {
                appendAscii(sb, b);
                i++;
                continue;
            }
            int cp = s.codePointAt(s.offsetByCodePoints(0, 0) + charIndex(utf8, i));
            int len = utf8Length(b);
            if (cp == 0xFFFD || !Character.isDefined(cp) || Character.getType(cp) == Character.CONTROL
                    || Character.getType(cp) == Character.FORMAT) {
                sb.append(cp <= 0xFFFF ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
            i += len;
        }
        return sb.append('"').toString();
    }

    private static int charIndex(byte[] utf8, int byteIndex) {
        return new String(utf8, 0, byteIndex, StandardCharsets.UTF_8).length();
    }

    private static int utf8Length(int lead) {
        if (lead >= 0xF0) {
            return 4;
        }
        if (lead >= 0xE0) {
            return 3;
        }
        return 2;
    }

    private static void appendAscii(StringBuilder sb, int c) {
        switch (c) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 11 -> sb.append("\\v");
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    sb.append(String.format("\\x%02x", c));
                } else {
                    sb.append((char) c);
                }
            }
        }
    }
}
