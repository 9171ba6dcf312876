package goasm.parse;

import java.util.Map;

/** Go 1.19's FuncID: runtime functions that tracebacks treat specially, by qualified name. */
final class FuncId {
    static final int NORMAL = 0;
    static final int WRAPPER = 21;

    /** runtime.NAME -> Go's FuncID number. */
    private static final Map<String, Integer> RUNTIME = Map.ofEntries(
        Map.entry("abort", 1), Map.entry("asmcgocall", 2), Map.entry("asyncPreempt", 3),
        Map.entry("cgocallback", 4), Map.entry("debugCallV2", 5), Map.entry("gcBgMarkWorker", 6),
        Map.entry("goexit", 7), Map.entry("gogo", 8), Map.entry("gopanic", 9),
        Map.entry("handleAsyncEvent", 10), Map.entry("mcall", 11), Map.entry("morestack", 12),
        Map.entry("mstart", 13), Map.entry("panicwrap", 14), Map.entry("rt0_go", 15),
        Map.entry("runfinq", 16), Map.entry("main", 17), Map.entry("sigpanic", 18),
        Map.entry("systemstack", 19), Map.entry("systemstack_switch", 20),
        // Hidden from tracebacks but otherwise ordinary.
        Map.entry("deferreturn", WRAPPER), Map.entry("runOpenDeferFrame", WRAPPER),
        Map.entry("deferCallSave", WRAPPER));

    private FuncId() {
    }

    static int of(String qualifiedName, boolean wrapper) {
        if (wrapper) {
            return WRAPPER;
        }
        if (qualifiedName.startsWith("runtime.")) {
            return RUNTIME.getOrDefault(qualifiedName.substring("runtime.".length()), NORMAL);
        }
        return NORMAL;
    }
}
