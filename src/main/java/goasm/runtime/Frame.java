package goasm.runtime;

/**
 * One physical frame as Go's gentraceback describes it (stkframe): fp is the caller's SP,
 * argp the start of the arguments, varp the top of the locals (below the saved frame
 * pointer when there is one), continpc where execution continues (0 if nowhere).
 */
public record Frame(FuncInfo fn, long pc, long continpc, long lr, long sp, long fp, long varp, long argp,
                    long arglen) {
}
