package goasm.encode;

import java.util.List;

/**
 * One operand pattern of a form list: operands whose classes the pattern covers are encoded by
 * {@code emit}. {@code step} is how far this row moves the cursor into the mnemonic's opcode
 * bytes when it does not match.
 */
record FormRow(Emit emit, int step, List<OperandClass> args) {
    /** Most operands an instruction has (From, up to four in between, To). */
    static final int MAX_ARGS = 6;

    /** Whether the pattern accepts exactly these operand classes. */
    boolean matches(List<OperandClass> operands) {
        if (operands.size() > MAX_ARGS) {
            return false;
        }
        // A pattern with more positions than operands does not match; unused positions are INVALID.
        if (operands.size() < MAX_ARGS && arg(operands.size()) != OperandClass.INVALID) {
            return false;
        }
        for (int i = 0; i < operands.size(); i++) {
            if (!arg(i).covers(operands.get(i))) {
                return false;
            }
        }
        return true;
    }

    OperandClass arg(int i) {
        return i < args.size() ? args.get(i) : OperandClass.INVALID;
    }
}
