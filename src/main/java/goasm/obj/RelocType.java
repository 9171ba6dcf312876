package goasm.obj;

/**
 * Relocation kinds the amd64 assembler emits, by Go's objabi name. Their numbers differ between
 * releases: {@link goasm.release.RelocKinds} has each release's table.
 */
public enum RelocType {
    ADDR("R_ADDR"), CALL("R_CALL"), CALLIND("R_CALLIND"), CONST("R_CONST"), PCREL("R_PCREL"),
    TLS_LE("R_TLS_LE"), TLS_IE("R_TLS_IE"), GOTOFF("R_GOTOFF"), USEFIELD("R_USEFIELD"), GOTPCREL("R_GOTPCREL"),
    /**
     * A 4-byte index into .debug_addr, from a function's DWARF 5 entry: only releases whose
     * {@link goasm.release.ObjectFormat.Dwarf#addressIndex()} have it (Go 1.26 on).
     */
    DWTXTADDR_U4("R_DWTXTADDR_U4"),
    /** The image-relative address of a windows exception handler, from SEH unwind info. */
    PEIMAGEOFF("R_PEIMAGEOFF");

    private final String goName;

    RelocType(String goName) {
        this.goName = goName;
    }

    /** Go's name for the kind, as listings from Go 1.22 on print it ("R_CALL"). */
    public String goName() {
        return goName;
    }
}
