package goasm.release;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which amd64 instructions (and architecture-neutral pseudo-instructions) a release's
 * assembler knows and in which forms: the names (as the release's tables spell them) that other
 * supported releases have but this one lacks,
 * and the revisions of the form tables this release applies on top of the base tables.
 *
 * <p>The base tables hold every instruction of every supported release under its own name;
 * a release narrows them with {@link #unknown()} and changes forms with {@link #revisions()}.
 *
 * @param unknown   mnemonics this release rejects as unrecognized although another release
 *                  accepts them
 * @param revisions changes to instruction forms this release makes to the base tables
 */
public record InstructionSet(Set<String> unknown, Set<FormRevision> revisions) {
    public InstructionSet {
        unknown = Set.copyOf(unknown);
        revisions = revisions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(revisions));
    }

    /** A change to the form tables, named after what it changes. */
    public enum FormRevision {
        /**
         * MOVQ $imm, reg takes the shortest encoding: the 5-byte zero-extending MOVL form for
         * immediates in [0, 2^32), no longer the 7-byte sign-extended one for [0, 2^31).
         */
        MOVQ_SHORTEST_IMMEDIATE
    }

    /** Go 1.15's names of the MOVBE instructions; 1.16 renamed them and kept these as aliases. */
    private static final Set<String> DOUBLED_MOVBE = Set.of("MOVBEWW", "MOVBELL", "MOVBEQQ");
    private static final Set<String> SINGLE_MOVBE = Set.of("MOVBEW", "MOVBEL", "MOVBEQ");
    /** Added in Go 1.21 (read processor id). */
    private static final String RDPID = "RDPID";
    /** Added in Go 1.26 (CET end-branch marker). */
    private static final String ENDBR64 = "ENDBR64";
    /** Added in Go 1.23 (align, padding at most a given number of bytes). */
    private static final String PCALIGNMAX = "PCALIGNMAX";

    public static InstructionSet of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> new InstructionSet(union(SINGLE_MOVBE, Set.of(RDPID, ENDBR64, PCALIGNMAX)), Set.of());
            case GO1_19 -> new InstructionSet(union(DOUBLED_MOVBE, Set.of(RDPID, ENDBR64, PCALIGNMAX)), Set.of());
            case GO1_21, GO1_22 -> new InstructionSet(union(DOUBLED_MOVBE, Set.of(ENDBR64, PCALIGNMAX)), Set.of());
            case GO1_23, GO1_24 -> new InstructionSet(union(DOUBLED_MOVBE, Set.of(ENDBR64)), Set.of());
            case GO1_26 -> new InstructionSet(DOUBLED_MOVBE, Set.of());
            case GO1_27 -> new InstructionSet(DOUBLED_MOVBE, Set.of(FormRevision.MOVQ_SHORTEST_IMMEDIATE));
        };
    }

    /** Whether the release knows the instruction named {@code mnemonic} (its own name, not an alias). */
    public boolean knows(String mnemonic) {
        return !unknown.contains(mnemonic);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
