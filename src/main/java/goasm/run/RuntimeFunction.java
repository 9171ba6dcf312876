package goasm.run;

/**
 * The emulated runtime's ABI0 entry points a program may reach, with Go 1.19's names. Each is a
 * native stub in the linked text; reaching it runs the matching Java code. Its frame and stack
 * check are the release's ({@link goasm.release.RuntimeCallFrames}); the time Go's function
 * takes counts against the caller's time slice ({@link #costNanos}).
 */
public enum RuntimeFunction {
    /** The caller of main.main: returning into it ends the program with status 0. */
    MAIN("runtime.main", 0),
    /** The return address of every goroutine's entry function. */
    GOEXIT("runtime.goexit", 0),
    MORESTACK("runtime.morestack", 0),
    MORESTACK_NOCTXT("runtime.morestack_noctxt", 0),
    PRINTINT("runtime.printint", Costs.PRINT),
    PRINTUINT("runtime.printuint", Costs.PRINT),
    PRINTHEX("runtime.printhex", Costs.PRINT),
    PRINTNL("runtime.printnl", Costs.PRINT),
    PRINTSP("runtime.printsp", Costs.PRINT),
    PRINTSTRING("runtime.printstring", Costs.PRINT),
    PRINTBOOL("runtime.printbool", Costs.PRINT),
    NEWPROC("runtime.newproc", Costs.NEWPROC),
    GOSCHED("runtime.Gosched", 0),
    GC("runtime.GC", 0),
    SEMACQUIRE("runtime.semacquire", Costs.SEMAPHORE),
    SEMRELEASE("runtime.semrelease", Costs.SEMAPHORE),
    EXIT("runtime.exit", 0);

    /**
     * What Go's functions cost on linux/amd64 (GOMAXPROCS=1, a 2-vCPU machine; the same within
     * the noise for Go 1.19 and 1.27). Print functions: one write(2) each, about 375 ns
     * measured in a loop. newproc: Go's sysmon preempts a goroutine after 10 ms, and a loop that
     * starts goroutines gets through 20,000 to 40,000 of them (about 30,000) per preemption,
     * fresh Gs and stacks included: about 300 ns each. A semaphore without waiters: 5 ns.
     * Functions that give up the P (Gosched, GC, exit) start a new time slice anyway.
     */
    private static final class Costs {
        static final int PRINT = 375;
        static final int NEWPROC = 300;
        static final int SEMAPHORE = 5;
    }

    private final String goName;
    private final int costNanos;

    RuntimeFunction(String goName, int costNanos) {
        this.goName = goName;
        this.costNanos = costNanos;
    }

    public String goName() {
        return goName;
    }

    /** Nanoseconds Go's function takes when it returns to its caller; they count against the time slice. */
    public int costNanos() {
        return costNanos;
    }

    public static java.util.List<String> goNames() {
        return java.util.Arrays.stream(values()).map(RuntimeFunction::goName).toList();
    }
}
