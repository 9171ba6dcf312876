package goasm.release;

/**
 * How a release reports a symbol declared twice: a TEXT for a symbol that already has one (or
 * that a GLOBL listed), in obj.InitTextSym; a GLOBL for a symbol already listed, in obj.Globl.
 *
 * @param redeclaration what it reports, and whether it goes on defining the function
 * @param duplicateGloblOnStdout whether a second GLOBL of a symbol also prints "duplicate f" on
 *                               standard output
 */
public record TextSymbols(Redeclaration redeclaration, boolean duplicateGloblOnStdout) {
    public enum Redeclaration {
        /**
         * "InitTextSym double init for f" and "symbol f listed multiple times", the definition
         * going on (Go 1.19's own process then panics; goasm keeps the clean messages); a
         * second GLOBL: "symbol f listed multiple times".
         */
        DOUBLE_INIT_THEN_LISTED,
        /**
         * "POS: symbol f redeclared" with "\tPOS: other declaration of symbol f" when it had a
         * TEXT before; nothing more is recorded about the function. A second GLOBL: "POS: symbol
         * f redeclared".
         */
        REDECLARED_AT_POSITIONS
    }

    public static TextSymbols of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> new TextSymbols(Redeclaration.DOUBLE_INIT_THEN_LISTED, true);
            case GO1_19 -> new TextSymbols(Redeclaration.DOUBLE_INIT_THEN_LISTED, false);
            case GO1_21, GO1_22, GO1_23, GO1_24, GO1_26, GO1_27 -> new TextSymbols(
                    Redeclaration.REDECLARED_AT_POSITIONS, false);
        };
    }
}
