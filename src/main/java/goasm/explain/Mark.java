package goasm.explain;

/** How an instruction of the listing came to be. */
public enum Mark {
    /** As written in the source. */
    WRITTEN(" "),
    /** Inserted by the assembler. */
    INSERTED("+"),
    /** Written in the source, changed by the assembler (operands, frame size, RET into an epilogue). */
    REWRITTEN("~");

    private final String sign;

    Mark(String sign) {
        this.sign = sign;
    }

    /** The one-character margin sign of text output. */
    public String sign() {
        return sign;
    }
}
