package goasm.release;

/**
 * Which instructions the parser gives a source position. An instruction without one is listed
 * as "&lt;unknown line number&gt;" and is passed over by the pc-line, pc-file and DWARF line
 * tables, which then go on with the previous instruction's line.
 *
 * @param pcAlignPositioned whether PCALIGN carries the position of its line (before Go 1.24 the
 *                          parser gave it none)
 * @param globlPositioned   whether GLOBL takes a position too (from Go 1.21), which enters its file
 *                          into the object's file table, in source order with the instructions'
 *                          files, even for a file that declares only data
 */
public record SourcePositions(boolean pcAlignPositioned, boolean globlPositioned) {
    public static SourcePositions of(GoRelease release) {
        return switch (release) {
            case GO1_15, GO1_19 -> new SourcePositions(false, false);
            case GO1_21, GO1_22, GO1_23 -> new SourcePositions(false, true);
            case GO1_24, GO1_26, GO1_27 -> new SourcePositions(true, true);
        };
    }
}
