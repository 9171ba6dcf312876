package goasm.lex;

import goasm.obj.Position;

/**
 * A preprocessor error that stops the assembly at once, as Go's assembler exits on it:
 * printed as "file:line: message", or "message" alone when there is no position (an input file
 * that cannot be opened, a bad -D).
 */
public final class InputError extends RuntimeException {
    private final transient Position position;
    private final boolean usage;

    public InputError(Position position, String message) {
        this(position, message, false);
    }

    private InputError(Position position, String message, boolean usage) {
        super(message, null, false, false);
        this.position = position;
        this.usage = usage;
    }

    /** A -D that names no identifier: Go prints the message, then its usage text, and exits 2. */
    static InputError badDefine(String message) {
        return new InputError(null, message, true);
    }

    /** Whether Go follows the message with its usage text (exit status 2). */
    public boolean showsUsage() {
        return usage;
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
