package goasm.obj;

import java.io.PrintStream;

/**
 * Collects and prints errors in Go's words. Source errors print as "file:line: message" (the
 * parser's form); errors found by later passes print as "asm: message" (Go's log prefix).
 * Printing happens at once, in order, as Go's assembler does.
 */
public final class Diagnostics {
    /** Go's parser gives up after this many errors unless -e is set. */
    private static final int MAX_ERRORS = 10;

    private final PrintStream err;
    private final boolean allErrors;
    private int count;

    public Diagnostics(PrintStream err, boolean allErrors) {
        this.err = err;
        this.allErrors = allErrors;
    }

    /** The parser's own errors in the current file: Go's limit counts these alone, per file. */
    private int parserErrors;

    /** A new file's parser starts: Go's error limit starts again (the pass errors do not count). */
    public void newParser() {
        parserErrors = 0;
    }

    /** An error at a source position: "file:line: message". */
    public void error(Position pos, String message) {
        count++;
        parserErrors++;
        printLine(pos.fileLine() + ": " + message);
        if (parserErrors > MAX_ERRORS && !allErrors) {
            throw new TooManyErrors();
        }
    }

    /**
     * An error that ends the run at once (Go's log.Fatalf from its lexer): printed as
     * "file:line: message", never followed by "too many errors".
     */
    public void fatalAt(Position pos, String message) {
        count++;
        printLine(pos == null ? message : pos.fileLine() + ": " + message);
    }

    /** An error found after parsing (frame lowering, encoding): "asm: message". */
    public void passError(String message) {
        count++;
        printLine("asm: " + message);
    }

    /**
     * An error that ends the whole run at once (Go's log.Fatalf): printed as "asm: message";
     * the caller throws the result, and the driver exits with status 1 printing nothing more.
     */
    public Fatal fatal(String message) {
        passError(message);
        return new Fatal();
    }

    /** A line printed as-is (used for Go's "asm: assembly of f.s failed"). */
    public void note(String message) {
        printLine(message);
    }

    public int count() {
        return count;
    }

    public boolean hasErrors() {
        return count > 0;
    }

    /** Thrown after {@link #fatal(String)}: the run stops with status 1, no listing and no other line. */
    public static final class Fatal extends RuntimeException {
        private Fatal() {
            super("fatal", null, false, false);
        }
    }

    /** Thrown when the error limit is reached; the driver prints Go's "too many errors" and stops. */
    public static final class TooManyErrors extends RuntimeException {
        public TooManyErrors() {
            super("too many errors", null, false, false);
        }
    }

    /** A line as Go writes it: a byte of invalid UTF-8 in the source is written as that byte. */
    private void printLine(String line) {
        byte[] bytes = GoQuote.bytes(line + "\n");
        err.write(bytes, 0, bytes.length);
        err.flush();
    }
}
