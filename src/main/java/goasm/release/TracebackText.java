package goasm.release;

/**
 * How a release's runtime words goroutine tracebacks (runtime/traceback.go), and where its own
 * frames under main.main are, as a traceback that shows runtime frames (SIGQUIT, a fatal signal,
 * a throw) prints them: runtime.main at the line of its call of main.main, runtime.goexit.
 *
 * @param createdBy     the "created by" line under a goroutine's frames
 * @param headerNamesGM whether the goroutine header of a throwing goroutine (and every header at
 *                      GOTRACEBACK=crash, as after SIGQUIT) names its g and m (from 1.22):
 *                      "goroutine 1 gp=0x... m=0 mp=0x... [running]:"
 * @param runtimeMain   runtime.main's frame while main.main runs: proc.go's line of {@code fn()}
 *                      and the return address's offset in the release's compiled runtime.main
 * @param goexit        runtime.goexit's frame at the bottom of every goroutine (asm_amd64.s, +0x1)
 * @param goexitArgs    what follows goexit's name: "()" until 1.21, "({})" from 1.22 (as each
 *                      release's traceback prints it)
 * @param frameLimit    how many frames a goroutine's traceback shows and how it says it left some out
 * @param morestack     runtime.morestack's frame under a throw in newstack ("runtime stack:"), at
 *                      its CALL of newstack
 * @param systemStackAnnotated whether the "runtime stack:" frames carry fp, sp and pc (not in 1.15)
 * @param runtimeMainAtReturn  the position of runtime.main's return address itself (`go tool
 *                      objdump`), shown when runtime.main is the innermost frame: when main.main
 *                      jumped to non-code with no wrapper in between (1.15). Where the ABI wrapper
 *                      exists it is the innermost frame instead; from 1.21 this position lies in
 *                      an atomic load inlined into runtime.main.
 */
public record TracebackText(CreatedBy createdBy, boolean headerNamesGM, RuntimeFrame runtimeMain,
                            RuntimeFrame goexit, String goexitArgs, FrameLimit frameLimit, RuntimeFrame morestack,
                            boolean systemStackAnnotated, RuntimeFrame runtimeMainAtReturn) {

    public enum FrameLimit {
        /** The first 100 frames, then "...additional frames elided..." (up to 1.20). */
        FIRST_100,
        /**
         * The innermost 50 and the outermost 50 frames with "...N frames elided..." between
         * (from 1.21, tracebackInnerFrames and tracebackOuterFrames).
         */
        INNER_50_OUTER_50
    }

    public enum CreatedBy {
        /** "created by main.f" (up to 1.20). */
        FUNCTION,
        /** "created by main.f in goroutine 1": the creator's goid, g.parentGoid (from 1.21). */
        FUNCTION_IN_GOROUTINE
    }

    /** A runtime frame's position: the file under GOROOT, its line and the pc's offset from the function's entry. */
    public record RuntimeFrame(String file, int line, int offset) {
        /** "GOROOT/src/runtime/proc.go:250 +0x212", as the traceback prints it. */
        public String position(String goRoot) {
            return goRoot + "/" + file + ":" + line + " +0x" + Integer.toHexString(offset);
        }
    }

    private static final String PROC = "src/runtime/proc.go";
    private static final String ASM = "src/runtime/asm_amd64.s";
    private static final String OLD_ATOMIC = "src/runtime/internal/atomic/types.go";
    private static final String ATOMIC = "src/internal/runtime/atomic/types.go";

    /** runtime.main's line calling main.main and the return offset, read from each release's own traceback. */
    private static RuntimeFrame runtimeMain(int line, int offset) {
        return new RuntimeFrame(PROC, line, offset);
    }

    /**
     * goexit's line at offset 1: goroutines return to goexit+1, which a traceback looks up as a
     * return address (pc-1), so the line is that of goexit's first instruction, its BYTE $0x90.
     */
    private static RuntimeFrame goexit(int line) {
        return new RuntimeFrame(ASM, line, 1);
    }

    /** morestack's line (its CALL runtime·newstack) and the return address's offset. */
    private static RuntimeFrame morestack(int line, int offset) {
        return new RuntimeFrame(ASM, line, offset);
    }

    public static TracebackText of(GoRelease release) {
        CreatedBy function = CreatedBy.FUNCTION;
        CreatedBy inGoroutine = CreatedBy.FUNCTION_IN_GOROUTINE;
        FrameLimit first100 = FrameLimit.FIRST_100;
        FrameLimit innerOuter = FrameLimit.INNER_50_OUTER_50;
        return switch (release) {
            case GO1_15 -> new TracebackText(function, false, runtimeMain(204, 0x209), goexit(1374), "()", first100,
                    morestack(449, 0x8f), false, runtimeMain(213, 0x209));
            case GO1_19 -> new TracebackText(function, false, runtimeMain(250, 0x212), goexit(1594), "()", first100,
                    morestack(570, 0x8b), true, runtimeMain(259, 0x212));
            case GO1_21 -> new TracebackText(inGoroutine, false, runtimeMain(267, 0x2bb), goexit(1650), "()",
                    innerOuter, morestack(593, 0x8f), true,
                    new RuntimeFrame(OLD_ATOMIC, 194, 0x2bb));
            case GO1_22 -> new TracebackText(inGoroutine, true, runtimeMain(271, 0x29d), goexit(1695), "({})",
                    innerOuter, morestack(616, 0x7a), true,
                    new RuntimeFrame(OLD_ATOMIC, 194, 0x29d));
            case GO1_23 -> new TracebackText(inGoroutine, true, runtimeMain(272, 0x28b), goexit(1700), "({})",
                    innerOuter, morestack(621, 0x7a), true,
                    new RuntimeFrame(ATOMIC, 194, 0x28b));
            case GO1_24 -> new TracebackText(inGoroutine, true, runtimeMain(283, 0x28b), goexit(1700), "({})",
                    innerOuter, morestack(621, 0x7a), true,
                    new RuntimeFrame(ATOMIC, 194, 0x28b));
            case GO1_26 -> new TracebackText(inGoroutine, true, runtimeMain(290, 0x2d5), goexit(1771), "({})",
                    innerOuter, morestack(681, 0x7d), true,
                    new RuntimeFrame(ATOMIC, 194, 0x2d5));
            case GO1_27 -> new TracebackText(inGoroutine, true, runtimeMain(302, 0x427), goexit(1264), "({})",
                    innerOuter, morestack(650, 0x7b), true,
                    new RuntimeFrame(ATOMIC, 194, 0x427));
        };
    }
}
