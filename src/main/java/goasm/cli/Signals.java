package goasm.cli;

import java.util.function.IntSupplier;

/**
 * Where a long command (`goasm run`) learns of the signals its invoker received: this process's
 * own signals when goasm runs in-process, or those a client relays to the resident server (where
 * a process-wide handler would reach every request at once).
 */
@FunctionalInterface
public interface Signals {
    /**
     * Runs {@code body}, calling {@code onQuit} on SIGQUIT and {@code onCancel} on SIGINT or
     * SIGTERM meanwhile; returns what body returns.
     */
    int whileRunning(Runnable onQuit, Runnable onCancel, IntSupplier body);

    /**
     * This process's signals: SIGQUIT as bin/goasm forwards it (SIGUSR1); SIGINT and SIGTERM end
     * the JVM, as they end Go's programs.
     */
    Signals PROCESS = (onQuit, onCancel, body) -> QuitSignal.whileRunning(onQuit, body);
}
