package goasm.runtime;

import goasm.release.ReleaseProfile;
import goasm.release.RuntimeLayout;
import goasm.release.StackRules;

/**
 * How a runtime is set up: its number of Ps, the program's function table and the address
 * of runtime.goexit in it, the knobs Go reads from runtime.main and GODEBUG, and the release
 * whose structure layout and stack rules it follows.
 */
public record RuntimeConfig(int procs, FuncTable funcs, long goexitPc, long maxStackSize,
                            boolean adaptiveStackStart, boolean gcShrinkStackOff, boolean stackNoCache,
                            ReleaseProfile release) {

    public RuntimeConfig {
        if (procs < 1) {
            throw new IllegalArgumentException("procs must be at least 1");
        }
        if (funcs == null) {
            funcs = FuncTable.EMPTY;
        }
        if (release == null) {
            release = ReleaseProfile.newest();
        }
    }

    /** The newest release's defaults. */
    public static RuntimeConfig of(int procs, FuncTable funcs, long goexitPc) {
        return of(procs, funcs, goexitPc, ReleaseProfile.newest());
    }

    /**
     * The release's defaults: maxstacksize as runtime.main sets it, the adaptive starting stack
     * size where the release has it (on by default), stack shrinking on, P caches on.
     */
    public static RuntimeConfig of(int procs, FuncTable funcs, long goexitPc, ReleaseProfile release) {
        StackRules rules = release.stackRules();
        return new RuntimeConfig(procs, funcs, goexitPc, rules.maxStackSize(), rules.adaptiveStackStart(), false,
                false, release);
    }

    public StackRules rules() {
        return release.stackRules();
    }

    public RuntimeLayout layout() {
        return release.runtimeLayout();
    }

    public RuntimeConfig withMaxStackSize(long bytes) {
        return new RuntimeConfig(procs, funcs, goexitPc, bytes, adaptiveStackStart, gcShrinkStackOff, stackNoCache,
                release);
    }

    public RuntimeConfig withStackNoCache(boolean on) {
        return new RuntimeConfig(procs, funcs, goexitPc, maxStackSize, adaptiveStackStart, gcShrinkStackOff, on,
                release);
    }

    /**
     * Applies a GODEBUG value: {@code adaptivestackstart} (where the release knows it) and
     * {@code gcshrinkstackoff} are read (as Go reads them, a non-zero number turns the setting
     * on); other keys are ignored.
     */
    public RuntimeConfig withGodebug(String godebug) {
        boolean adaptive = adaptiveStackStart;
        boolean shrinkOff = gcShrinkStackOff;
        for (String field : godebug.split(",")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = field.substring(0, eq);
            Integer value = atoi(field.substring(eq + 1));
            if (value == null) {
                continue; // Go's parsedebugvars keeps the setting when the value is not a number
            }
            switch (key) {
                case "adaptivestackstart" -> adaptive = rules().adaptiveStackStart() && value != 0;
                case "gcshrinkstackoff" -> shrinkOff = value > 0;
                default -> {
                }
            }
        }
        return new RuntimeConfig(procs, funcs, goexitPc, maxStackSize, adaptive, shrinkOff, stackNoCache, release);
    }

    private static Integer atoi(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
