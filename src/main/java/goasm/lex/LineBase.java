package goasm.lex;

import goasm.obj.Position;

/**
 * The file a line number belongs to. Errors name {@code file} with the raw line; instructions get
 * the line moved by {@code lineDelta}, which a {@code #line n "file"} directive sets, and keep
 * where the text really is ({@code actualFile}, null when no directive is in effect).
 * {@code directiveLine} is the n of that directive: 0 leaves the line unknown, and Go then
 * numbers every line under it 0.
 */
record LineBase(String file, int lineDelta, String actualFile, long directiveLine) {
    static LineBase of(String file) {
        return new LineBase(file, 0, null, -1);
    }

    /** The base a {@code #line line "newFile"} directive sets, {@code newDelta} being line minus the next raw line. */
    LineBase directive(String newFile, int line, int newDelta) {
        // Go records the position relative to the base in effect: after a second directive the
        // bracket names the first directive's file, with the physical line.
        return new LineBase(newFile, newDelta, file, line);
    }

    Position position(int rawLine) {
        return actualFile == null ? new Position(file, rawLine)
                : new Position(file, directiveLine == 0 ? 0 : rawLine + lineDelta, actualFile, rawLine);
    }
}
