package goasm.lex;

import java.util.List;

/** The tokens of one macro use, reported at the file and line where the macro was used. */
final class MacroExpansion implements TokenReader {
    private final List<Token> tokens;
    private LineBase base;
    private final int line;
    private int pos = -1;

    MacroExpansion(LineBase base, int line, List<Token> tokens) {
        this.base = base;
        this.line = line;
        this.tokens = tokens;
    }

    @Override
    public Token next() {
        pos++;
        return pos < tokens.size() ? tokens.get(pos) : Token.EOF;
    }

    @Override
    public LineBase base() {
        return base;
    }

    @Override
    public void setBase(LineBase base) {
        this.base = base;
    }

    @Override
    public int line() {
        return line;
    }

    /** Go counts tokens here, so "#define A(x)" inside a macro body always reads as function-like. */
    @Override
    public int column() {
        return pos;
    }
}
