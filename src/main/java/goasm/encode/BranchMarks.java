package goasm.encode;

import goasm.obj.Prog;

/** Per-instruction state of branch sizing. */
final class BranchMarks {
    /** The branch targets an earlier instruction (or itself). */
    static final int BACKWARDS = 1;
    /** The branch is assembled in its short form. */
    static final int SHORT = 1 << 1;
    /** The instruction is the target of a backward branch. */
    static final int LOOP_HEAD = 1 << 2;

    int flags;
    /** First of the forward branches to this instruction, chained through {@link #nextForward}. */
    Prog forwardBranches;
    Prog nextForward;

    boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
