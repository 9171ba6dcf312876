package goasm.run;

import goasm.runtime.RuntimeEvent;

/**
 * Hears the runtime's stack events of a run with the guest-instruction count at which each
 * happened, and the count at the end (for pictures of the run, such as {@code --plot}).
 */
public interface RunObserver {
    void onEvent(RuntimeEvent event, long instructions);

    /** The run is over after {@code instructions} guest instructions. */
    default void onFinish(long instructions) {
    }
}
