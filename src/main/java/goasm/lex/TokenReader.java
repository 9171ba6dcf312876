package goasm.lex;

/** A source of raw tokens (a file or a macro body) on the preprocessor's input stack. */
interface TokenReader {
    /** The next token; {@link Token.Kind#EOF} at the end. */
    Token next();

    /** Where the most recent token came from, for error messages and instruction positions. */
    LineBase base();

    void setBase(LineBase base);

    /** The line of the most recent token (for a macro body: the line that used the macro). */
    int line();

    /** A column that grows along the line; only used to see whether '(' touches a macro name. */
    int column();
}
