package goasm.release;

import java.util.List;

/**
 * What a release's {@code go vet} checks in assembly and how it reports it (the asmdecl and
 * framepointer analyzers vendored in cmd/vendor/golang.org/x/tools, and cmd/go's vet driver).
 *
 * @param abiSelectors            whether asmdecl reads {@code ·f<ABIInternal>} as f with an ABI (from 1.16);
 *                                before, the selector is part of the name and matches no Go declaration
 * @param resultRegisters         ABIInternal functions that mention one of these registers count as
 *                                writing their result (empty: no ABIInternal rule)
 * @param resultWritingOpcodes    ... as do those that execute one of these instructions
 * @param retToSymbolIsReturn     whether {@code RET sym(SB)} (a tail call) still counts as a return
 *                                that must have written the results
 * @param framePointer            the framepointer analyzer's rule for giving up, or none
 * @param zeroSizedFieldPadding   whether a struct ending in a zero-sized field gets one byte of
 *                                padding before rounding (go/types' gc sizes, from 1.22)
 * @param report                  how the diagnostics are printed
 */
public record VetRules(boolean abiSelectors, List<String> resultRegisters, List<String> resultWritingOpcodes,
                       boolean retToSymbolIsReturn, FramePointer framePointer, boolean zeroSizedFieldPadding,
                       Report report) {
    public VetRules {
        resultRegisters = List.copyOf(resultRegisters);
        resultWritingOpcodes = List.copyOf(resultWritingOpcodes);
    }

    /** The framepointer analyzer: whether it runs and which instruction ends its watch over a function. */
    public enum FramePointer {
        /** No framepointer analyzer in the release's vet. */
        ABSENT,
        /** Any jump (an opcode starting with J) or RET ends the watch. */
        STOP_AT_ANY_JUMP,
        /** Only JMP and RET end the watch: a conditional jump falls through to more of the prologue. */
        STOP_AT_UNCONDITIONAL_JUMP
    }

    /**
     * How cmd/go prints vet's findings.
     *
     * @param packageHeader   whether a "# importpath" line precedes a package's findings
     * @param dotSlashPaths   whether file names relative to the working directory start with "./"
     * @param failureStatus   the exit status when there are findings (text mode)
     * @param jsonEnd         whether -json findings carry an "end" position
     * @param jsonToStdout    whether -json goes to standard output (else standard error)
     */
    public record Report(boolean packageHeader, boolean dotSlashPaths, int failureStatus, boolean jsonEnd,
                         boolean jsonToStdout) {
    }

    public static VetRules of(GoRelease release) {
        Report early = new Report(true, true, 2, false, false);
        Report middle = new Report(true, true, 1, false, false);
        Report late = new Report(false, false, 1, true, true);
        List<String> amd64ResultRegisters = List.of("AX", "X0");
        return switch (release) {
            case GO1_15 -> new VetRules(false, List.of(), List.of(), true, FramePointer.ABSENT, false, early);
            case GO1_19 -> new VetRules(true, amd64ResultRegisters, List.of(), false, FramePointer.STOP_AT_ANY_JUMP,
                    false, early);
            case GO1_21 -> new VetRules(true, amd64ResultRegisters, List.of(), false, FramePointer.STOP_AT_ANY_JUMP,
                    false, middle);
            case GO1_22, GO1_23 -> new VetRules(true, amd64ResultRegisters, List.of(), false,
                    FramePointer.STOP_AT_ANY_JUMP, true, middle);
            case GO1_24 -> new VetRules(true, amd64ResultRegisters, List.of("SYSCALL"), false,
                    FramePointer.STOP_AT_ANY_JUMP, true, middle);
            case GO1_26, GO1_27 -> new VetRules(true, amd64ResultRegisters, List.of("SYSCALL"), false,
                    FramePointer.STOP_AT_UNCONDITIONAL_JUMP, true, late);
        };
    }
}
