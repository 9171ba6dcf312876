package goasm.server;

import java.util.function.IntSupplier;

/**
 * The signals a client relays for its request ('Q' for SIGQUIT, 'C' for SIGINT/SIGTERM or a
 * client gone), delivered to whatever the request runs at the time.
 */
public final class RelayedSignals {
    private static final Runnable NOTHING = () -> {
    };
    private Runnable onQuit = NOTHING;
    private Runnable onCancel = NOTHING;
    private boolean cancelled;

    /** Runs body with onQuit and onCancel receiving this request's signals; a cancel that came first is delivered at once. */
    public int whileRunning(Runnable quitHandler, Runnable cancelHandler, IntSupplier body) {
        synchronized (this) {
            onQuit = quitHandler;
            onCancel = cancelHandler;
            if (cancelled) {
                cancelHandler.run();
            }
        }
        try {
            return body.getAsInt();
        } finally {
            synchronized (this) {
                onQuit = NOTHING;
                onCancel = NOTHING;
            }
        }
    }

    synchronized void quit() {
        onQuit.run();
    }

    synchronized void cancel() {
        cancelled = true;
        onCancel.run();
    }

    synchronized boolean cancelled() {
        return cancelled;
    }
}
