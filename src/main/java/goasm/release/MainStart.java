package goasm.release;

/**
 * What lies on the main goroutine's stack above an assembly main.main, as a release's binary
 * has it: runtime.main's frame, then (from Go 1.17's register ABI on) the ABIInternal wrapper
 * the linker puts in front of an ABI0 main.main. Stack depths measured in the main goroutine,
 * and the sp of a stack overflow there, follow from these.
 *
 * @param runtimeMainFrame bytes runtime.main's prologue takes below its return address (its
 *                         frame, with the saved BP), as `go tool objdump` shows it
 * @param wrapper          the ABI wrapper between runtime.main and main.main
 * @param stackSize        bytes of the main goroutine's stack when main.main starts, in a program
 *                         whose only Go code is the main package declaring main.main: newproc
 *                         gives it the minimum, and from Go 1.27 the runtime's own package
 *                         initialisation (run by runtime.main on that goroutine) grows it once.
 *                         Measured as g.stack.hi - g.stack.lo read in an assembly main.main.
 */
public record MainStart(int runtimeMainFrame, Wrapper wrapper, int stackSize) {

    public enum Wrapper {
        /** runtime.main calls the ABI0 main.main directly (one ABI before Go 1.17). */
        NONE(0, 0),
        /** A frameless wrapper: only its return address (1.17 to 1.20); CALL is its first instruction. */
        FRAMELESS(0, 5),
        /** The wrapper saves BP (PUSHQ BP; MOVQ SP, BP) before its call (from 1.21): 1 + 3 + 5 bytes. */
        SAVES_BP(8, 9);

        private final int frame;
        private final int returnOffset;

        Wrapper(int frame, int returnOffset) {
            this.frame = frame;
            this.returnOffset = returnOffset;
        }

        /** Where the wrapper's call of main.main returns, from its entry (tracebacks print "+0x5"). */
        public int returnOffset() {
            return returnOffset;
        }

        /** Bytes the wrapper's own frame takes below its return address. */
        public int frame() {
            return frame;
        }
    }

    public static MainStart of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> new MainStart(0x50, Wrapper.NONE, 2048);       // SUBQ $0x50, SP
            case GO1_19 -> new MainStart(0x58, Wrapper.FRAMELESS, 2048);  // SUBQ $0x58, SP
            case GO1_21 -> new MainStart(0x98, Wrapper.SAVES_BP, 2048);   // PUSHQ BP; SUBQ $0x90, SP
            case GO1_22, GO1_23, GO1_24 -> new MainStart(0x88, Wrapper.SAVES_BP, 2048); // PUSHQ BP; ADDQ $-0x80, SP
            case GO1_26 -> new MainStart(0x90, Wrapper.SAVES_BP, 2048);   // PUSHQ BP; SUBQ $0x88, SP
            case GO1_27 -> new MainStart(0x120, Wrapper.SAVES_BP, 4096);  // PUSHQ BP; SUBQ $0x118, SP
        };
    }
}
