package goasm.release;

/**
 * How a release's -S listing prints a symbol's header line and its relocations.
 *
 * @param header       which fields follow the symbol's flags, and in what order
 * @param showsAsmFlag whether an assembly function is marked "asm" after its flags
 * @param relocType    how a relocation's kind is shown after "t="
 * @param listsConstants whether symbols the assembler creates for constants ($f64.*, gclocals·*)
 *                       are listed after the data
 * @param showsSymbolIndexes whether -S=3 adds each listed symbol's object file index after its ABI,
 *                           as in {@code f<0><idx 2147483647 0>} (from Go 1.23; before, -S=3
 *                           lists what -S=2 does)
 */
public record ListingFormat(Header header, boolean showsAsmFlag, RelocTypeStyle relocType, boolean listsConstants,
                            boolean showsSymbolIndexes) {
    public enum Header {
        /** {@code size=16 args=0x18 locals=0x0} */
        SIZE_ARGS_LOCALS,
        /** {@code size=16 args=0x18 locals=0x0 funcid=0x0 align=0x0} */
        SIZE_ARGS_LOCALS_FUNCID_ALIGN,
        /** {@code size=16 align=0x0 args=0x18 locals=0x0 funcid=0x0}; data symbols show align too */
        SIZE_ALIGN_ARGS_LOCALS_FUNCID
    }

    public enum RelocTypeStyle {
        /** {@code t=7}: the kind's number in that release */
        NUMBER,
        /** {@code t=R_CALL} */
        NAME
    }

    public static ListingFormat of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> new ListingFormat(Header.SIZE_ARGS_LOCALS, false, RelocTypeStyle.NUMBER, false, false);
            case GO1_19, GO1_21 ->
                    new ListingFormat(Header.SIZE_ARGS_LOCALS_FUNCID_ALIGN, true, RelocTypeStyle.NUMBER, true, false);
            case GO1_22 ->
                    new ListingFormat(Header.SIZE_ARGS_LOCALS_FUNCID_ALIGN, true, RelocTypeStyle.NAME, true, false);
            case GO1_23, GO1_24, GO1_26 ->
                    new ListingFormat(Header.SIZE_ARGS_LOCALS_FUNCID_ALIGN, true, RelocTypeStyle.NAME, true, true);
            case GO1_27 ->
                    new ListingFormat(Header.SIZE_ALIGN_ARGS_LOCALS_FUNCID, true, RelocTypeStyle.NAME, true, true);
        };
    }
}
