package goasm.frame;

import goasm.obj.Prog;

/**
 * Where {@link FrameLowering} reports why it inserted or rewrote an instruction. The assembler
 * passes {@link #NONE} unless explaining, and then no record is even built.
 */
public interface InsertionLog {
    /** Records nothing. */
    InsertionLog NONE = new InsertionLog() {
        @Override
        public void note(Prog p, Insertion why) {
        }

        @Override
        public boolean recording() {
            return false;
        }
    };

    /** {@code p} was inserted or rewritten by the rule {@code why}. */
    void note(Prog p, Insertion why);

    /** Whether notes are kept; false lets lowering skip building them. */
    default boolean recording() {
        return true;
    }
}
