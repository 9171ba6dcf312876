package goasm.obj;

/** Go's function calling conventions; an assembly symbol is ABI0 unless selected otherwise. */
public enum Abi {
    ABI0, ABIInternal
}
