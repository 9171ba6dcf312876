package goasm.arch.amd64;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * AVX-512 opcode suffixes ({@code VADDPD.Z}, {@code .BCST}, rounding and SAE). A Prog's suffix
 * is the index of its combination in this table, Go's numbering (0 is no suffix).
 */
public final class OpSuffix {
    private static final List<String> COMBINATIONS = List.of(
        "", "Z", "SAE", "SAE.Z", "RN_SAE", "RZ_SAE", "RD_SAE", "RU_SAE",
        "RN_SAE.Z", "RZ_SAE.Z", "RD_SAE.Z", "RU_SAE.Z", "BCST", "BCST.Z");

    private OpSuffix() {
    }

    /** The spelling of suffix number {@code n} without the leading dot ("" for none). */
    public static String spelling(int n) {
        return n >= 0 && n < COMBINATIONS.size() ? COMBINATIONS.get(n) : "<bad suffix>";
    }

    /** The result of reading a suffix: its number, or Go's message for a bad one. */
    public record Parsed(int value, String error) {
    }

    /** Reads ".Z", ".RN_SAE.Z", ... (the leading dot is optional). */
    public static Parsed parse(String cond) {
        String s = cond.startsWith(".") ? cond.substring(1) : cond;
        int n = COMBINATIONS.indexOf(s);
        if (n >= 0) {
            return new Parsed(n, null);
        }
        return new Parsed(-1, explain(s));
    }

    /** Go's description of why a combination is invalid. */
    private static String explain(String s) {
        Set<String> seen = new HashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        boolean broadcast = false;
        boolean roundingOrSae = false;
        List<String> msg = new ArrayList<>();
        String[] parts = s.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            switch (part) {
                case "Z" -> {
                    if (i != parts.length - 1) {
                        msg.add("Z suffix should be the last");
                    }
                }
                case "BCST" -> broadcast = true;
                case "SAE", "RN_SAE", "RZ_SAE", "RD_SAE", "RU_SAE" -> roundingOrSae = true;
                default -> {
                    if (unknown.add(part)) {
                        msg.add("unknown suffix " + goasm.obj.GoQuote.quote(part));
                    }
                }
            }
            if (!seen.add(part)) {
                msg.add("duplicate suffix " + goasm.obj.GoQuote.quote(part));
            }
        }
        if (broadcast && roundingOrSae) {
            msg.add("can't combine rounding/SAE and broadcast");
        }
        return msg.isEmpty() ? "bad suffix combination" : String.join("; ", msg);
    }
}
