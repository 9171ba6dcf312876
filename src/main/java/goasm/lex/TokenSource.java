package goasm.lex;

import goasm.obj.Position;

/** What the parser reads: preprocessed tokens and where the most recent one came from. */
public interface TokenSource {
    /** The next token after preprocessing; EOF repeats at the end. */
    Token next();

    /** The file of the most recent token, as error messages name it. */
    String file();

    /** The line of the most recent token, as error messages number it. */
    int line();

    /** The position an instruction on {@code rawLine} of the current file gets (moved by #line). */
    Position position(int rawLine);

    /** Whether the token last returned came out of a macro expansion rather than the file's own text. */
    default boolean lastFromMacro() {
        return false;
    }
}
