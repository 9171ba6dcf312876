package goasm.obj;

/**
 * Symbol kinds a Go assembly file can define, named as Go names objabi.SymKind. The number an
 * object file stores for a kind differs between releases: see
 * {@link goasm.release.ObjectFormat#symKindNumber(String)}. The DWARF kinds are the debug-info
 * symbols the assembler attaches to each function.
 */
public enum SymKind {
    STEXT, SRODATA, SNOPTRDATA, SDATA, SBSS, SNOPTRBSS, STLSBSS, SDWARFFCN, SDWARFLINES,
    /** Windows SEH unwind information, made by the back end for functions with a frame. */
    SSEHUNWINDINFO
}
