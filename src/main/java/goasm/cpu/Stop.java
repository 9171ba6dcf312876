package goasm.cpu;

/** Why the interpreter stopped. */
public sealed interface Stop {
    /** A hook ended the program (exit, main returned, a runtime fatal error it already reported). */
    record Exit(int status) implements Stop {
    }

    /** A guest access to unmapped memory at {@code address} by the instruction at {@code pc}. */
    record Fault(long pc, long address) implements Stop {
    }

    /** Control reached an address outside the program text. */
    record BadJump(long from, long target) implements Stop {
    }

    /** The instruction at {@code pc} decodes but cannot run here. */
    record Unsupported(long pc, String what) implements Stop {
    }

    /** DIV/IDIV by zero or with a quotient that does not fit (the x86 #DE). */
    record DivideError(long pc) implements Stop {
    }
}
