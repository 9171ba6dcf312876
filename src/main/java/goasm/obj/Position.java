package goasm.obj;

/** A source position: the file name as given on the command line (or found by #include) and a 1-based line. */
public record Position(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
