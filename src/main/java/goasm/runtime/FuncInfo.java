package goasm.runtime;

/** What the runtime knows about one function (Go's _func plus its pcdata/funcdata tables). */
public interface FuncInfo {
    String name();

    long entry();

    /**
     * Go's funcspdelta: bytes between SP at {@code pc} and the slot holding the return
     * address (the frame size the function has pushed so far at that pc).
     */
    int spDelta(long pc);

    /** Go's funcMaxSPDelta: the largest spDelta anywhere in the function. */
    int maxSpDelta();

    /** Bytes of arguments and results (Go's _func.args), or _ArgsSizeUnknown (-0x80000000). */
    int argsSize();

    /** The function's kind, for the few functions stack walking treats specially. */
    default FuncId funcId() {
        return FuncId.NORMAL;
    }

    /** TOPFRAME flag: the walk stops at this function (goexit, mstart, ...). */
    default boolean topFrame() {
        return funcId() == FuncId.GOEXIT;
    }

    /** PCDATA_StackMapIndex at pc, or -1 where there is none. */
    default int stackMapIndex(long pc) {
        return -1;
    }

    /** FUNCDATA_LocalsPointerMaps, or null when absent. */
    default StackMap localsPointerMaps() {
        return null;
    }

    /** FUNCDATA_ArgsPointerMaps, or null when absent. */
    default StackMap argsPointerMaps() {
        return null;
    }
}
