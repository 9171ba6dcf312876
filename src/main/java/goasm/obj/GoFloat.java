package goasm.obj;

import java.math.BigDecimal;
import java.math.MathContext;

/** Go's "%.17g" for float64 with ".0" added to integral values, as listings print $(1.5). */
public final class GoFloat {
    private GoFloat() {
    }

    public static String format(double v) {
        String s;
        if (Double.isNaN(v)) {
            s = "NaN";
        } else if (Double.isInfinite(v)) {
            s = v > 0 ? "+Inf" : "-Inf";
        } else {
            s = formatG17(v);
        }
        if (s.indexOf('.') < 0 && s.indexOf('e') < 0) {
            s += ".0";
        }
        return s;
    }

    /**
     * Go's %v for a float64: the shortest digits that read back as the value, in exponent form
     * when the exponent is below -4 or at least 21 ("1.5", "-0", "1e+21", "+Inf").
     */
    public static String formatV(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        // Java's Double.toString gives the shortest digits that round-trip.
        BigDecimal bd = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - bd.scale() - 1;
        String sign = bd.signum() < 0 ? "-" : "";
        if (exp < -4 || exp >= 21) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String es = Math.abs(exp) < 10 ? "0" + Math.abs(exp) : Integer.toString(Math.abs(exp));
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + es;
        }
        return sign + bd.abs().toPlainString();
    }

    /** C-style %.17g: 17 significant digits, exponent form when exp < -4 or exp >= 17, zeros trimmed. */
    static String formatG17(double v) {
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(v).round(new MathContext(17));
        int exp = bd.precision() - bd.scale() - 1;
        String digits = bd.unscaledValue().abs().toString();
        // pad to 17 digits
        StringBuilder d = new StringBuilder(digits);
        while (d.length() < 17) {
            d.append('0');
        }
        String sign = bd.signum() < 0 ? "-" : "";
        if (exp < -4 || exp >= 17) {
            String mant = trimZeros(d.charAt(0) + "." + d.substring(1));
            String es = Math.abs(exp) < 10 ? "0" + Math.abs(exp) : Integer.toString(Math.abs(exp));
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + es;
        }
        String plain;
        if (exp >= 0) {
            plain = d.substring(0, exp + 1) + "." + d.substring(exp + 1);
        } else {
            plain = "0." + "0".repeat(-exp - 1) + d;
        }
        return sign + trimZeros(plain);
    }

    private static String trimZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
