package goasm.release;

/**
 * How a call of runtime·newproc (the go statement) passes its operands, as the release's
 * runtime declares newproc; offsets are from SP at newproc's entry, where 0(SP) is the return
 * address, so a caller stores the first operand at its own 0(SP).
 */
public sealed interface NewprocCall {

    /** Where fn, the *funcval of the function the new goroutine runs, is read. */
    int fnOffset();

    /**
     * newproc(fn *funcval), from Go 1.17 (the register ABI): the function takes no arguments
     * (a go statement with arguments is compiled into a closure), fn is the only operand.
     */
    record FuncOnly(int fnOffset) implements NewprocCall {
    }

    /**
     * newproc(siz int32, fn *funcval), up to Go 1.16: siz bytes of arguments for fn follow fn on
     * the caller's stack; newproc1 copies them to the top of the new goroutine's stack, where fn
     * finds them at 0(FP), and refuses more than fit in a minimum stack.
     *
     * @param sizeOffset where the int32 argument size is read
     * @param argsOffset where the arguments start (right after fn)
     */
    record SizeFuncArgs(int sizeOffset, int fnOffset, int argsOffset) implements NewprocCall {
    }

    static NewprocCall of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> new SizeFuncArgs(8, 16, 24);
            case GO1_19, GO1_21, GO1_22, GO1_23, GO1_24, GO1_26, GO1_27 -> new FuncOnly(8);
        };
    }
}
