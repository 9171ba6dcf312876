package goasm.obj;

/** Symbol kinds a Go assembly file can define; printed as Go prints objabi.SymKind. */
public enum SymKind {
    STEXT, SRODATA, SNOPTRDATA, SDATA, SBSS, SNOPTRBSS, STLSBSS
}
