package goasm.obj;

/**
 * Symbol kinds a Go assembly file can define, printed as Go prints objabi.SymKind, with Go
 * 1.19's numbers (the object file stores the number). The DWARF kinds are the debug-info
 * symbols the assembler attaches to each function.
 */
public enum SymKind {
    STEXT(1), SRODATA(2), SNOPTRDATA(3), SDATA(4), SBSS(5), SNOPTRBSS(6), STLSBSS(7), SDWARFFCN(10),
    SDWARFLINES(16);

    private final int goNumber;

    SymKind(int goNumber) {
        this.goNumber = goNumber;
    }

    public int goNumber() {
        return goNumber;
    }
}
