package goasm.obj;

/**
 * A source position: the file name as given on the command line (or found by #include) and a
 * 1-based line. After a {@code #line} directive, {@code file}/{@code line} are the position the
 * directive sets and {@code rawFile}/{@code rawLine} where the text really is; Go shows both
 * in listings and instruction dumps, as "other.s:98[f.s:3]".
 */
public record Position(String file, int line, String rawFile, int rawLine) {
    public Position(String file, int line) {
        this(file, line, null, 0);
    }

    /** "file:line", without the raw position (what Go's parser errors print). */
    public String fileLine() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return rawFile == null ? fileLine() : fileLine() + "[" + rawFile + ":" + rawLine + "]";
    }
}
