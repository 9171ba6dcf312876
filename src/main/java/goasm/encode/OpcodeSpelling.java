package goasm.encode;

/**
 * Reads the opcode-byte tokens of the form tables into the bytes the encoder walks with its
 * row cursor. Besides plain hex bytes there are the spelled VEX/EVEX tokens:
 * <pre>
 *   VEX.256.66.0F38.W0    vector length, implied prefix (optional), opcode map, W
 *   EVEX.512.F3.0F.W1     the same for EVEX (length 128/256/512)
 *   N64.BCST8.Z.RC.SAE    EVEX features: disp8*N scale, broadcast element size, and the
 *                         suffixes the form permits (zeroing, rounding control, SAE)
 *   /3                    an opcode extension for ModRM.reg
 * </pre>
 * A VEX or EVEX prefix byte has bit 6 set, so it never reads as the 0f escape of legacy entries.
 */
final class OpcodeSpelling {
    /** Marks a byte as a VEX/EVEX prefix description. */
    static final int AVX_ESCAPE = 1 << 6;

    private OpcodeSpelling() {
    }

    static byte[] parse(String[] tokens, int from) {
        byte[] b = new byte[tokens.length - from];
        for (int i = from; i < tokens.length; i++) {
            b[i - from] = (byte) token(tokens[i]);
        }
        return b;
    }

    private static int token(String t) {
        if (t.startsWith("VEX.")) {
            return vex(t);
        }
        if (t.startsWith("EVEX.")) {
            return evex(t);
        }
        if (t.startsWith("N")) {
            return evexFeatures(t);
        }
        if (t.startsWith("/")) {
            return Integer.parseInt(t.substring(1));
        }
        return Integer.parseInt(t, 16);
    }

    /** VEX: W in bit 7, map in bits 3-5, L in bit 2, pp in bits 0-1 (where the prefix wants them). */
    private static int vex(String t) {
        int b = AVX_ESCAPE;
        String[] parts = t.split("\\.");
        for (int i = 1; i < parts.length; i++) {
            b |= switch (parts[i]) {
                case "128" -> 0;
                case "256" -> 1 << 2;
                case "0F" -> 1 << 3;
                case "0F38" -> 2 << 3;
                case "0F3A" -> 3 << 3;
                case "W1" -> 1 << 7;
                default -> common(parts[i], t);
            };
        }
        return b;
    }

    /** EVEX: W in bit 7, map in bits 4-5, L'L in bits 2-3, pp in bits 0-1. */
    private static int evex(String t) {
        int b = AVX_ESCAPE;
        String[] parts = t.split("\\.");
        for (int i = 1; i < parts.length; i++) {
            b |= switch (parts[i]) {
                case "128" -> 0;
                case "256" -> 1 << 2;
                case "512" -> 2 << 2;
                case "0F" -> 1 << 4;
                case "0F38" -> 2 << 4;
                case "0F3A" -> 3 << 4;
                case "W1" -> EvexForm.W;
                default -> common(parts[i], t);
            };
        }
        return b;
    }

    private static int common(String part, String token) {
        return switch (part) {
            case "66" -> 1;
            case "F3" -> 2;
            case "F2" -> 3;
            case "W0", "WIG" -> 0;
            default -> throw new IllegalArgumentException("bad part " + part + " in " + token);
        };
    }

    private static int evexFeatures(String t) {
        int b = 0;
        for (String part : t.split("\\.")) {
            b |= switch (part) {
                case "BCST4" -> EvexForm.BROADCAST4;
                case "BCST8" -> EvexForm.BROADCAST8;
                case "Z" -> EvexForm.ZEROING;
                case "RC" -> EvexForm.ROUNDING;
                case "SAE" -> EvexForm.SAE;
                default -> {
                    if (!part.startsWith("N")) {
                        throw new IllegalArgumentException("bad part " + part + " in " + t);
                    }
                    int n = Integer.parseInt(part.substring(1));
                    if (Integer.bitCount(n) != 1 || n > 128) {
                        throw new IllegalArgumentException("bad scale in " + t);
                    }
                    yield Integer.numberOfTrailingZeros(n) << 5;
                }
            };
        }
        return b;
    }
}
