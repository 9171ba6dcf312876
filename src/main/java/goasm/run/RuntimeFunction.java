package goasm.run;

/**
 * The emulated runtime's ABI0 entry points a program may reach, with Go 1.19's names. Each is a
 * native stub in the linked text; reaching it runs the matching Java code.
 */
public enum RuntimeFunction {
    /** The caller of main.main: returning into it ends the program with status 0. */
    MAIN("runtime.main"),
    /** The return address of every goroutine's entry function. */
    GOEXIT("runtime.goexit"),
    MORESTACK("runtime.morestack"),
    MORESTACK_NOCTXT("runtime.morestack_noctxt"),
    PRINTINT("runtime.printint"),
    PRINTUINT("runtime.printuint"),
    PRINTHEX("runtime.printhex"),
    PRINTNL("runtime.printnl"),
    PRINTSP("runtime.printsp"),
    PRINTSTRING("runtime.printstring"),
    PRINTBOOL("runtime.printbool"),
    NEWPROC("runtime.newproc"),
    GOSCHED("runtime.Gosched"),
    GC("runtime.GC"),
    SEMACQUIRE("runtime.semacquire"),
    SEMRELEASE("runtime.semrelease"),
    EXIT("runtime.exit");

    private final String goName;

    RuntimeFunction(String goName) {
        this.goName = goName;
    }

    public String goName() {
        return goName;
    }

    /** Whether Go's function has a stack-check prologue (it can notice a preemption request). */
    public boolean checksStack() {
        return switch (this) {
            case MAIN, GOEXIT, MORESTACK, MORESTACK_NOCTXT, EXIT -> false;
            default -> true;
        };
    }

    public static java.util.List<String> goNames() {
        return java.util.Arrays.stream(values()).map(RuntimeFunction::goName).toList();
    }
}
