package goasm.release;

import java.util.Map;

/**
 * The structured exception handling (SEH) unwind information a release's amd64 back end attaches
 * to each windows function that keeps a frame pointer: a 12-byte UNWIND_INFO naming the
 * "PUSHQ BP; MOVQ SP, BP" prologue, shared between functions as the symbol
 * {@code go:sehuw.<size>.<base64 of the bytes>}, and named by the function's aux entry.
 *
 * @param placement         where the unwind symbols go in the object, if anywhere
 * @param auxKind           the aux-symbol number of the function's entry (goobj.AuxSehUnwindInfo)
 * @param exceptionHandlers functions whose unwind info names an exception handler, with the
 *                          handler (the runtime's cgo landing pad catches exceptions of C code)
 * @param align             the alignment the unwind symbols declare (0 for none)
 */
public record SehUnwind(Placement placement, int auxKind, Map<String, String> exceptionHandlers, int align) {
    public SehUnwind {
        exceptionHandlers = Map.copyOf(exceptionHandlers);
    }

    /** Where the go:sehuw.* symbols are defined. */
    public enum Placement {
        /** No unwind information is written. */
        NONE,
        /**
         * After each function's DWARF symbols, as a package definition of its own each time a
         * function names it (the last numbering wins); the listing does not show them.
         */
        AFTER_FUNCTION_AUX,
        /**
         * Content-addressed data after the pass-made constants, sorted by name; listed like
         * other data.
         */
        HASHED_DATA
    }

    /** The windows cgo landing pad and the exception handler its unwind info names. */
    private static final Map<String, String> CGO_LANDING_PAD = Map.of("runtime.asmcgocall_landingpad",
            "runtime.sehtramp");

    public static SehUnwind of(GoRelease release) {
        return switch (release) {
            case GO1_15, GO1_19 -> new SehUnwind(Placement.NONE, 0, Map.of(), 0);
            case GO1_21 -> new SehUnwind(Placement.AFTER_FUNCTION_AUX, 13, Map.of(), 0);
            case GO1_22 -> new SehUnwind(Placement.AFTER_FUNCTION_AUX, 13, CGO_LANDING_PAD, 0);
            case GO1_23 -> new SehUnwind(Placement.HASHED_DATA, 13, CGO_LANDING_PAD, 0);
            // The aux kinds gained AuxWasmType before this one.
            case GO1_24, GO1_26 -> new SehUnwind(Placement.HASHED_DATA, 14, CGO_LANDING_PAD, 0);
            case GO1_27 -> new SehUnwind(Placement.HASHED_DATA, 14, CGO_LANDING_PAD, 4);
        };
    }
}
