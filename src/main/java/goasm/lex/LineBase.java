package goasm.lex;

import goasm.obj.Position;

/**
 * The file a line number belongs to. Errors name {@code file} with the raw line; instructions get
 * the line moved by {@code lineDelta}, which a {@code #line n "file"} directive sets, and keep
 * where the text really is ({@code actualFile}, null when no directive is in effect).
 */
record LineBase(String file, int lineDelta, String actualFile) {
    static LineBase of(String file) {
        return new LineBase(file, 0, null);
    }

    /** The base a {@code #line} directive sets while reading this one's text. */
    LineBase directive(String newFile, int newDelta) {
        // Go records the position relative to the base in effect: after a second directive the
        // bracket names the first directive's file, with the physical line.
        return new LineBase(newFile, newDelta, file);
    }

    Position position(int rawLine) {
        return actualFile == null ? new Position(file, rawLine)
                : new Position(file, rawLine + lineDelta, actualFile, rawLine);
    }
}
