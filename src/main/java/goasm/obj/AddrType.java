package goasm.obj;

/** What an operand is; mirrors the operand kinds of Go's obj.Addr that amd64 uses. */
public enum AddrType {
    NONE,
    /** A branch target: a label (resolved to a Prog), a symbol, or n(PC). */
    BRANCH,
    /** TEXT's $frame-args operand. */
    TEXTSIZE,
    /** A memory reference: offset(base)(index*scale), sym+off(SB), name+off(FP), ... */
    MEM,
    /** $constant, possibly with a register for $n(R) forms that are not addresses. */
    CONST,
    FCONST,
    SCONST,
    REG,
    /** $address: the address of a memory operand, e.g. $sym(SB) or $8(SP). */
    ADDR,
    /** *sym(SB): indirect, used by CALL/JMP in -dynlink. */
    INDIR,
    /** [X0-X3]-style register ranges (AVX-512 4-register forms). */
    REGLIST
}
