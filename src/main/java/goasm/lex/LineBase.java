package goasm.lex;

import goasm.obj.Position;

/**
 * The file a line number belongs to. Errors name {@code file} with the raw line; instructions get
 * the line moved by {@code lineDelta}, which a {@code #line n "file"} directive sets.
 */
record LineBase(String file, int lineDelta) {
    static LineBase of(String file) {
        return new LineBase(file, 0);
    }

    Position position(int rawLine) {
        return new Position(file, rawLine + lineDelta);
    }
}
