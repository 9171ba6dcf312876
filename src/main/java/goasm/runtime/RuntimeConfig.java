package goasm.runtime;

/**
 * How a runtime is set up: its number of Ps, the program's function table and the address
 * of runtime.goexit in it, and the knobs Go reads from runtime.main and GODEBUG.
 */
public record RuntimeConfig(int procs, FuncTable funcs, long goexitPc, long maxStackSize,
                            boolean adaptiveStackStart, boolean gcShrinkStackOff, boolean stackNoCache) {

    public RuntimeConfig {
        if (procs < 1) {
            throw new IllegalArgumentException("procs must be at least 1");
        }
        if (funcs == null) {
            funcs = FuncTable.EMPTY;
        }
    }

    /** Go's defaults: maxstacksize 1e9, adaptivestackstart=1, stack shrinking on, P caches on. */
    public static RuntimeConfig of(int procs, FuncTable funcs, long goexitPc) {
        return new RuntimeConfig(procs, funcs, goexitPc, StackConstants.MAX_STACK_SIZE, true, false, false);
    }

    public RuntimeConfig withMaxStackSize(long bytes) {
        return new RuntimeConfig(procs, funcs, goexitPc, bytes, adaptiveStackStart, gcShrinkStackOff, stackNoCache);
    }

    public RuntimeConfig withStackNoCache(boolean on) {
        return new RuntimeConfig(procs, funcs, goexitPc, maxStackSize, adaptiveStackStart, gcShrinkStackOff, on);
    }

    /**
     * Applies a GODEBUG value: {@code adaptivestackstart} and {@code gcshrinkstackoff} are read
     * (as Go reads them, a non-zero number turns the setting on); other keys are ignored.
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
                case "adaptivestackstart" -> adaptive = value != 0;
                case "gcshrinkstackoff" -> shrinkOff = value > 0;
                default -> {
                }
            }
        }
        return new RuntimeConfig(procs, funcs, goexitPc, maxStackSize, adaptive, shrinkOff, stackNoCache);
    }

    private static Integer atoi(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
