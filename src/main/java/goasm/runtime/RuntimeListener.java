package goasm.runtime;

/** Receives the runtime's events, synchronously, in the order they happen. */
@FunctionalInterface
public interface RuntimeListener {
    void on(RuntimeEvent event);
}
