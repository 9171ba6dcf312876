package goasm.obj;

/** Which pseudo-register a symbolic operand is relative to. */
public enum AddrName {
    NONE,
    /** sym(SB): a global. */
    EXTERN,
    /** sym<>(SB): a file-local global. */
    STATIC,
    /** name-off(SP): a local in the frame, relative to the pseudo SP. */
    AUTO,
    /** name+off(FP): an argument, relative to the pseudo FP. */
    PARAM,
    /** sym@GOT(SB): the GOT slot of a symbol (-dynlink). */
    GOTREF
}
