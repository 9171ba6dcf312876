package goasm.cli;

import java.util.function.IntSupplier;

/**
 * SIGQUIT for `goasm run`: the JVM reserves SIGQUIT (thread dumps), so bin/goasm starts java
 * as a child in its own process group and forwards the QUIT it receives as SIGUSR1, which lands here.
 */
final class QuitSignal {
    static final String FORWARDED = "USR1";

    private QuitSignal() {
    }

    /** Runs body with onQuit as the SIGUSR1 handler, then puts the previous handler back. */
    @SuppressWarnings("removal")
    static int whileRunning(Runnable onQuit, IntSupplier body) {
        sun.misc.Signal signal = new sun.misc.Signal(FORWARDED);
        sun.misc.SignalHandler previous;
        try {
            previous = sun.misc.Signal.handle(signal, s -> onQuit.run());
        } catch (IllegalArgumentException e) {
            // The signal is not available in this JVM: runs go on without SIGQUIT tracebacks.
            return body.getAsInt();
        }
        try {
            return body.getAsInt();
        } finally {
            sun.misc.Signal.handle(signal, previous);
        }
    }
}
