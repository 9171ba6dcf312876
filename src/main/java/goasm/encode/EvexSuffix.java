package goasm.encode;

import goasm.arch.amd64.OpSuffix;

import java.util.ArrayList;
import java.util.List;

/**
 * A Prog's AVX-512 suffix taken apart: zeroing, broadcast, SAE and the rounding mode (the value
 * EVEX.L'L carries when rounding is on, or {@link #NO_ROUNDING}).
 */
record EvexSuffix(boolean zeroing, boolean broadcast, boolean sae, int rounding) {
    static final int NO_ROUNDING = -1;

    /** Indexed by suffix number (Go's numbering, see {@link OpSuffix}). */
    private static final List<EvexSuffix> BY_NUMBER = decodeAll();

    static EvexSuffix of(int suffix) {
        return suffix >= 0 && suffix < BY_NUMBER.size() ? BY_NUMBER.get(suffix) : BY_NUMBER.get(0);
    }

    private static List<EvexSuffix> decodeAll() {
        List<EvexSuffix> all = new ArrayList<>();
        for (int n = 0; ; n++) {
            String spelling = OpSuffix.spelling(n);
            if (spelling.startsWith("<")) {
                return List.copyOf(all);
            }
            boolean zeroing = false;
            boolean broadcast = false;
            boolean sae = false;
            int rounding = NO_ROUNDING;
            for (String part : spelling.split("\\.")) {
                switch (part) {
                    case "Z" -> zeroing = true;
                    case "BCST" -> broadcast = true;
                    case "SAE" -> sae = true;
                    // The values are EVEX.L'L's rounding-control encodings.
                    case "RN_SAE" -> rounding = 0;
                    case "RD_SAE" -> rounding = 1;
                    case "RU_SAE" -> rounding = 2;
                    case "RZ_SAE" -> rounding = 3;
                    default -> {
                    }
                }
            }
            all.add(new EvexSuffix(zeroing, broadcast, sae, rounding));
        }
    }
}
