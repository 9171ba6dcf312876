package goasm.parse;

import goasm.obj.GoQuote;

import java.math.BigInteger;

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
        BigInteger v = parseMagnitude(s, "ParseUint");
        if (v.bitLength() > 64) {
            throw new NumberError(message("ParseUint", s, "value out of range"), -1L);
        }
        return v.longValue();
    }

    /** strconv.ParseInt(s, 0, 64). */
    static long parseInt(String s) throws NumberError {
        boolean negative = s.startsWith("-");
        String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        BigInteger v = parseMagnitude(digits, "ParseInt", s);
        if (negative) {
            v = v.negate();
        }
        if (v.bitLength() > 63) {
            throw new NumberError(message("ParseInt", s, "value out of range"),
                    negative ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
        return v.longValue();
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

    private static BigInteger parseMagnitude(String s, String fn) throws NumberError {
        return parseMagnitude(s, fn, s);
    }

    private static BigInteger parseMagnitude(String s, String fn, String shown) throws NumberError {
        int base = 10;
        String digits = s;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char c = Character.toLowerCase(s.charAt(1));
            if (c == 'x') {
                base = 16;
                digits = s.substring(2);
            } else if (c == 'o') {
                base = 8;
                digits = s.substring(2);
            } else if (c == 'b') {
                base = 2;
                digits = s.substring(2);
            } else {
                base = 8;
                digits = s.substring(1);
            }
        }
        boolean hasPrefix = digits != s;
        if (digits.contains("_")) {
            if (!underscoresOk(s)) {
                throw new NumberError(message(fn, shown, "invalid syntax"), 0);
            }
            digits = digits.replace("_", "");
        }
        if (digits.isEmpty()) {
            if (hasPrefix && base == 8 && s.length() == 1) {
                return BigInteger.ZERO;
            }
            throw new NumberError(message(fn, shown, "invalid syntax"), 0);
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), base) < 0) {
                throw new NumberError(message(fn, shown, "invalid syntax"), 0);
            }
        }
        return new BigInteger(digits, base);
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
