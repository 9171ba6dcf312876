package goasm.parse;

import goasm.obj.GoQuote;

/** Go's strconv number parsing (base 0: 0x, 0o, 0b, leading-0 octal, '_' separators) and its error texts. */
final class GoNumbers {
    private GoNumbers() {
    }

    /** A parse failure carrying Go's error text, e.g. {@code strconv.ParseUint: parsing "09": invalid syntax}. */
    static final class NumberError extends Exception {
        private final long partial;

        NumberError(String message, long partial) {
            super(message, null, false, false);
            this.partial = partial;
        }

        /** The value Go returns alongside the error (the saturated value on overflow, else 0). */
        long partial() {
            return partial;
        }
    }

    /** strconv.ParseUint(s, 0, 64). */
    static long parseUint(String s) throws NumberError {
        return parseUnsigned(s, "ParseUint", s);
    }

    /** strconv.ParseInt(s, 0, 64): the magnitude as ParseUint reads it, then the sign's range. */
    static long parseInt(String s) throws NumberError {
        boolean negative = s.startsWith("-");
        String digits = negative || s.startsWith("+") ? s.substring(1) : s;
        long magnitude;
        try {
            magnitude = parseUnsigned(digits, "ParseInt", s);
        } catch (NumberError e) {
            if (e.partial() != -1L) {
                throw e;
            }
            // Out of range as unsigned: so much more out of range as signed.
            magnitude = -1L;
        }
        long limit = Long.MIN_VALUE; // 1<<63 as an unsigned value
        if (!negative && Long.compareUnsigned(magnitude, limit) >= 0) {
            throw new NumberError(message("ParseInt", s, "value out of range"), Long.MAX_VALUE);
        }
        if (negative && Long.compareUnsigned(magnitude, limit) > 0) {
            throw new NumberError(message("ParseInt", s, "value out of range"), Long.MIN_VALUE);
        }
        return negative ? -magnitude : magnitude;
    }

    /**
     * Reads the digits once, left to right, as strconv does: the first character that is no
     * digit of the base is a syntax error, the first digit that overflows 64 bits a range error
     * (so a literal of a million digits costs a million steps, never a big-number conversion).
     */
    private static long parseUnsigned(String s, String fn, String shown) throws NumberError {
        if (s.isEmpty()) {
            throw new NumberError(message(fn, shown, "invalid syntax"), 0);
        }
        int base = 10;
        int start = 0;
        if (s.charAt(0) == '0') {
            char c = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
            switch (c) {
                case 'x' -> base = 16;
                case 'o' -> base = 8;
                case 'b' -> base = 2;
                default -> {
                    base = 8;
                    start = 1;
                }
            }
            if (start == 0) {
                start = 2;
            }
        }
        long cutoff = Long.divideUnsigned(-1L, base) + 1;
        long n = 0;
        boolean underscores = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            int d;
            if (c == '_') {
                underscores = true;
                continue;
            } else if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (Character.toLowerCase(c) >= 'a' && Character.toLowerCase(c) <= 'z') {
                d = Character.toLowerCase(c) - 'a' + 10;
            } else {
                throw new NumberError(message(fn, shown, "invalid syntax"), 0);
            }
            if (d >= base) {
                throw new NumberError(message(fn, shown, "invalid syntax"), 0);
            }
            if (Long.compareUnsigned(n, cutoff) >= 0) {
                throw new NumberError(message(fn, shown, "value out of range"), -1L);
            }
            n *= base;
            long next = n + d;
            if (Long.compareUnsigned(next, n) < 0) {
                throw new NumberError(message(fn, shown, "value out of range"), -1L);
            }
            n = next;
        }
        if (underscores && !underscoresOk(s)) {
            throw new NumberError(message(fn, shown, "invalid syntax"), 0);
        }
        return n;
    }

    /** strconv.ParseFloat(s, 64) for the literals the scanner accepts. */
    static double parseFloat(String s) throws NumberError {
        String t = s.replace("_", "");
        double v;
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Double.parseDouble(t.contains("p") || t.contains("P") ? t : t + "p0");
            } else {
                v = Double.parseDouble(t);
            }
        } catch (NumberFormatException e) {
            throw new NumberError(message("ParseFloat", s, "invalid syntax"), 0);
        }
        if (Double.isInfinite(v)) {
            throw new NumberError(message("ParseFloat", s, "value out of range"), (long) 0);
        }
        return v;
    }

    /** Go's underscoreOK: '_' only between digits (or after a base prefix). */
    private static boolean underscoresOk(String s) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char c = Character.toLowerCase(s.charAt(1));
            if (c == 'x' || c == 'o' || c == 'b') {
                hex = c == 'x';
                i = 2;
                saw = '0';
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (hex && Character.digit(c, 16) >= 0)) {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }

    private static String message(String fn, String s, String why) {
        return "strconv." + fn + ": parsing " + GoQuote.quote(s) + ": " + why;
    }
}
