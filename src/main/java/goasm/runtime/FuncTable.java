package goasm.runtime;

/**
 * The guest program's function table (Go's findfunc over the pclntab): the linker of the
 * program being run implements it; the runtime uses it to walk and adjust stack frames.
 */
@FunctionalInterface
public interface FuncTable {
    /** The function whose code contains pc, or null (Go's findfunc returning an invalid funcInfo). */
    FuncInfo find(long pc);

    FuncTable EMPTY = pc -> null;
}
