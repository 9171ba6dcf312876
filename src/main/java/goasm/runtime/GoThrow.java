package goasm.runtime;

/**
 * A fatal runtime error: the Go program stops. {@link #stderr()} is what Go writes before its
 * traceback: the runtime's preceding {@code print}s, then {@code fatal error: <message>}
 * (for throw), or only the raw message (for the morestack aborts, which write and then crash).
 */
public final class GoThrow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String printed;
    private final boolean abort;

    private GoThrow(String message, String printed, boolean abort) {
        super(message, null, false, false);
        this.printed = printed;
        this.abort = abort;
    }

    /** Go's throw(message), after the given print output. */
    public static GoThrow fatal(String printed, String message) {
        return new GoThrow(message, printed, false);
    }

    public static GoThrow fatal(String message) {
        return fatal("", message);
    }

    /** A message written to fd 2 followed by runtime.abort (e.g. "fatal: morestack on g0"). */
    public static GoThrow abort(String written) {
        return new GoThrow(written.strip(), written, true);
    }

    /** The throw's argument (e.g. "stack overflow"). */
    public String goMessage() {
        return getMessage();
    }

    public boolean isAbort() {
        return abort;
    }

    /** The text Go writes to standard error before any traceback. */
    public String stderr() {
        return abort ? printed : printed + "fatal error: " + getMessage() + "\n";
    }
}
