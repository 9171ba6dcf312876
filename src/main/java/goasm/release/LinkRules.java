package goasm.release;

import java.util.List;

/**
 * What a release's linker does that `goasm run`'s in-memory link reproduces (cmd/link/internal/ld).
 *
 * @param funcAlign            the alignment of each function in the text (amd64 funcAlign): 16 in
 *                             1.15, 32 from 1.16; the gaps are INT3
 * @param overflowNamesKind    whether the 32-bit relocation overflow error names the relocation's
 *                             kind: "pc-relative relocation R_PCREL address for main.big2 is too
 *                             big: 0x..." (from 1.26), or "pc-relative relocation address for ..."
 * @param dataLimitSections    the sections after which checkdatsize reports data beyond 2e9 bytes
 *                             when the bss alone passes it ("too much data, last section
 *                             SCOVERAGE_COUNTER (N, over 2e+09 bytes)"), in order; none before 1.21
 */
public record LinkRules(int funcAlign, boolean overflowNamesKind, List<String> dataLimitSections) {
    /** Go's cutoff: data, bss and the rest beyond this many bytes cannot be addressed with 32-bit offsets. */
    public static final long DATA_CUTOFF = 2_000_000_000L;

    public LinkRules {
        dataLimitSections = List.copyOf(dataLimitSections);
    }

    public static LinkRules of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> new LinkRules(16, false, List.of());
            case GO1_19 -> new LinkRules(32, false, List.of());
            case GO1_21, GO1_22, GO1_23, GO1_24 -> new LinkRules(32, false, List.of("SCOVERAGE_COUNTER"));
            case GO1_26 -> new LinkRules(32, true, List.of("SCOVERAGE_COUNTER"));
            case GO1_27 -> new LinkRules(32, true, List.of("SGCMASK", "SCOVERAGE_COUNTER"));
        };
    }
}
