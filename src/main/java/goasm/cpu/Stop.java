package goasm.cpu;

/** Why the interpreter stopped. */
public sealed interface Stop {
    /** A hook ended the program (exit, main returned, a runtime fatal error it already reported). */
    record Exit(int status) implements Stop {
    }

    /**
     * A guest access to {@code address} by the instruction at {@code pc} that the address space
     * refuses: nothing mapped there, or (protection) a mapped page without the access's permission.
     */
    record Fault(long pc, long address, boolean protection) implements Stop {
        public Fault(long pc, long address) {
            this(pc, address, false);
        }
    }

    /** Control reached an address outside the program text. */
    record BadJump(long from, long target) implements Stop {
    }

    /** The instruction at {@code pc} decodes but cannot run here. */
    record Unsupported(long pc, String what) implements Stop {
    }

    /**
     * The instruction at {@code pc} trapped; {@code nextPc} follows it (a breakpoint reports that
     * pc, as the kernel does).
     */
    record Trapped(long pc, long nextPc, Trap trap) implements Stop {
    }

    /** DIV/IDIV by zero or with a quotient that does not fit (the x86 #DE). */
    record DivideError(long pc) implements Stop {
    }
}
