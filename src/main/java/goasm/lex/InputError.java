package goasm.lex;

import goasm.obj.Position;

/**
 * A preprocessor error that stops the assembly at once, as Go's assembler exits on it:
 * printed as "file:line: message", or "message" alone when there is no position (an input file
 * that cannot be opened, a bad -D).
 */
public final class InputError extends RuntimeException {
    private final transient Position position;

    public InputError(Position position, String message) {
        super(message, null, false, false);
        this.position = position;
    }

    /** Where the error is, or null when it concerns the command line or the main input file. */
    public Position position() {
        return position;
    }

    /** The line Go prints. */
    public String render() {
        return position == null ? getMessage() : position.fileLine() + ": " + getMessage();
    }
}
