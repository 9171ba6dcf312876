package goasm.obj;

/** Go's strconv.Quote (what %q prints) for the strings a listing shows. */
public final class GoQuote {
    /**
     * A byte that is not valid UTF-8 travels in Java strings as the lone surrogate
     * RAW_BYTE_BASE + byte (which valid UTF-8 can never produce); quoting shows it as \xNN.
     */
    public static final char RAW_BYTE_BASE = '\uDC00';

    private GoQuote() {
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                appendAscii(sb, cp);
            } else if (cp >= RAW_BYTE_BASE && cp <= RAW_BYTE_BASE + 0xff) {
                sb.append(String.format("\\x%02x", cp - RAW_BYTE_BASE));
            } else if (!Character.isDefined(cp) || Character.getType(cp) == Character.CONTROL
                    || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE) {
                sb.append(cp <= 0xFFFF ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.append('"').toString();
    }



    /** The bytes a string stands for: UTF-8, with each {@link #RAW_BYTE_BASE} + b as the byte b. */
    public static byte[] bytes(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= RAW_BYTE_BASE && cp <= RAW_BYTE_BASE + 0xff) {
                out.write(cp - RAW_BYTE_BASE);
            } else {
                byte[] b = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
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
