package goasm.release;

/**
 * How a release's runtime words goroutine tracebacks (runtime/traceback.go).
 *
 * @param createdBy     the "created by" line under a goroutine's frames
 * @param headerNamesGM whether the goroutine header of a throwing goroutine (and every header at
 *                      GOTRACEBACK=crash, as after SIGQUIT) names its g and m (from 1.22):
 *                      "goroutine 1 gp=0x... m=0 mp=0x... [running]:"
 */
public record TracebackText(CreatedBy createdBy, boolean headerNamesGM) {

    public enum CreatedBy {
        /** "created by main.f" (up to 1.20). */
        FUNCTION,
        /** "created by main.f in goroutine 1": the creator's goid, g.parentGoid (from 1.21). */
        FUNCTION_IN_GOROUTINE
    }

    public static TracebackText of(GoRelease release) {
        return switch (release) {
            case GO1_15, GO1_19 -> new TracebackText(CreatedBy.FUNCTION, false);
            case GO1_21 -> new TracebackText(CreatedBy.FUNCTION_IN_GOROUTINE, false);
            case GO1_22, GO1_23, GO1_24, GO1_26, GO1_27 -> new TracebackText(CreatedBy.FUNCTION_IN_GOROUTINE, true);
        };
    }
}
