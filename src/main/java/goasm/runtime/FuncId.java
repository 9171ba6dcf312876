package goasm.runtime;

/** The funcIDs (symtab.go) that stack walking, copying and shrinking look at. */
public enum FuncId {
    NORMAL,
    GOEXIT,
    SYSTEMSTACK_SWITCH,
    GC_BG_MARK_WORKER
}
