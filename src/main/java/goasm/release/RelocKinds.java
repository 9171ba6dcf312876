package goasm.release;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A release's numbering of relocation kinds (objabi.RelocType), for the kinds an amd64 assembly
 * can produce. Go numbers its kinds in declaration order from 1, and releases inserted and
 * removed kinds for other architectures, so the numbers move; the names do not.
 *
 * @param numbers Go's number for each kind name ("R_CALL" -> 7)
 */
public record RelocKinds(Map<String, Integer> numbers) {
    public RelocKinds {
        numbers = Map.copyOf(numbers);
    }

    /** The kinds up to R_GOTPCREL in Go 1.15's declaration order. */
    private static final List<String> GO1_15_ORDER = List.of(
            "R_ADDR", "R_ADDRPOWER", "R_ADDRARM64", "R_ADDRMIPS", "R_ADDROFF", "R_WEAKADDROFF", "R_SIZE",
            "R_CALL", "R_CALLARM", "R_CALLARM64", "R_CALLIND", "R_CALLPOWER", "R_CALLMIPS", "R_CALLRISCV",
            "R_CONST", "R_PCREL", "R_TLS_LE", "R_TLS_IE", "R_GOTOFF", "R_PLT0", "R_PLT1", "R_PLT2",
            "R_USEFIELD", "R_USETYPE", "R_METHODOFF", "R_POWER_TOC", "R_GOTPCREL");

    /**
     * The same from Go 1.19 (R_WEAKADDROFF and R_CALLRISCV gone; the interface-use kinds and
     * R_KEEP added), unchanged for the amd64 kinds through Go 1.27.
     */
    private static final List<String> GO1_19_ORDER = List.of(
            "R_ADDR", "R_ADDRPOWER", "R_ADDRARM64", "R_ADDRMIPS", "R_ADDROFF", "R_SIZE",
            "R_CALL", "R_CALLARM", "R_CALLARM64", "R_CALLIND", "R_CALLPOWER", "R_CALLMIPS",
            "R_CONST", "R_PCREL", "R_TLS_LE", "R_TLS_IE", "R_GOTOFF", "R_PLT0", "R_PLT1", "R_PLT2",
            "R_USEFIELD", "R_USETYPE", "R_USEIFACE", "R_USEIFACEMETHOD", "R_USEGENERICIFACEMETHOD",
            "R_METHODOFF", "R_KEEP", "R_POWER_TOC", "R_GOTPCREL");

    public static RelocKinds of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> numbered(GO1_15_ORDER);
            case GO1_19, GO1_21, GO1_22, GO1_23, GO1_24, GO1_26, GO1_27 -> numbered(GO1_19_ORDER);
        };
    }

    private static RelocKinds numbered(List<String> order) {
        return new RelocKinds(IntStream.range(0, order.size()).boxed()
                .collect(Collectors.toMap(order::get, i -> i + 1)));
    }

    /** Go's number for the kind named {@code goName} ("R_CALL"). */
    public int number(String goName) {
        Integer n = numbers.get(goName);
        if (n == null) {
            throw new IllegalArgumentException("no relocation kind " + goName);
        }
        return n;
    }
}
