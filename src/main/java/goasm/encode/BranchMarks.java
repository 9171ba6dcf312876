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

    /** The {@code Amd64Encoder.assemble} call these marks were made for. */
    final Object owner;
    int flags;
    /** First of the forward branches to this instruction, chained through {@link #nextForward}. */
    Prog forwardBranches;
    Prog nextForward;

    private BranchMarks(Object owner) {
        this.owner = owner;
    }

    /**
     * The marks of {@code p} made for {@code owner}, made now when p has none for it (a stale
     * state left by an earlier function is replaced, as a fresh map per function would).
     */
    static BranchMarks of(Prog p, Object owner) {
        if (p.branchState instanceof BranchMarks m && m.owner == owner) {
            return m;
        }
        BranchMarks m = new BranchMarks(owner);
        p.branchState = m;
        return m;
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
