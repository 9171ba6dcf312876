package goasm.release;

import java.util.List;
import java.util.Set;

/**
 * A release's FuncIDs: the runtime functions tracebacks treat specially, numbered in Go's
 * declaration order (0 is an ordinary function, the last number marks wrappers).
 *
 * @param special        the runtime functions (without "runtime.") in numbering order from 1;
 *                       "main" is runtime.main
 * @param hiddenWrappers runtime functions numbered as wrappers so tracebacks skip them
 */
public record FuncIds(List<String> special, Set<String> hiddenWrappers) {
    public FuncIds {
        special = List.copyOf(special);
        hiddenWrappers = Set.copyOf(hiddenWrappers);
    }

    public static final int NORMAL = 0;

    private static final List<String> GO1_19_ORDER = List.of("abort", "asmcgocall", "asyncPreempt", "cgocallback",
            "debugCallV2", "gcBgMarkWorker", "goexit", "gogo", "gopanic", "handleAsyncEvent", "mcall", "morestack",
            "mstart", "panicwrap", "rt0_go", "runfinq", "main", "sigpanic", "systemstack", "systemstack_switch");

    public static FuncIds of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> new FuncIds(List.of("main", "goexit", "jmpdefer", "mcall", "morestack", "mstart", "rt0_go",
                    "asmcgocall", "sigpanic", "runfinq", "gcBgMarkWorker", "systemstack_switch", "systemstack",
                    "cgocallback_gofunc", "gogo", "externalthreadhandler", "debugCallV1", "gopanic", "panicwrap",
                    "handleAsyncEvent", "asyncPreempt"),
                    Set.of("deferreturn", "runOpenDeferFrame", "reflectcallSave"));
            case GO1_19, GO1_21 -> new FuncIds(GO1_19_ORDER, Set.of("deferreturn", "runOpenDeferFrame", "deferCallSave"));
            // corostart added after cgocallback.
            case GO1_22, GO1_23, GO1_24 -> new FuncIds(List.of("abort", "asmcgocall", "asyncPreempt", "cgocallback",
                    "corostart", "debugCallV2", "gcBgMarkWorker", "goexit", "gogo", "gopanic", "handleAsyncEvent",
                    "mcall", "morestack", "mstart", "panicwrap", "rt0_go", "runfinq", "main", "sigpanic", "systemstack",
                    "systemstack_switch"), Set.of("deferreturn"));
            // runfinq split into runFinalizers and runCleanups.
            case GO1_26, GO1_27 -> new FuncIds(List.of("abort", "asmcgocall", "asyncPreempt", "cgocallback",
                    "corostart", "debugCallV2", "gcBgMarkWorker", "goexit", "gogo", "gopanic", "handleAsyncEvent",
                    "mcall", "morestack", "mstart", "panicwrap", "rt0_go", "main", "runFinalizers", "runCleanups",
                    "sigpanic", "systemstack", "systemstack_switch"), Set.of("deferreturn"));
        };
    }

    /** The number marking wrappers (and WRAPPER/ABIWRAPPER functions). */
    public int wrapper() {
        return special.size() + 1;
    }

    /** The FuncID of a function by its package-qualified name. */
    public int of(String qualifiedName, boolean wrapperFlag) {
        if (wrapperFlag) {
            return wrapper();
        }
        if (!qualifiedName.startsWith("runtime.")) {
            return NORMAL;
        }
        String name = qualifiedName.substring("runtime.".length());
        if (hiddenWrappers.contains(name)) {
            return wrapper();
        }
        int i = special.indexOf(name);
        return i < 0 ? NORMAL : i + 1;
    }
}
