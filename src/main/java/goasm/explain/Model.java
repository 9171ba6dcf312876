package goasm.explain;

import goasm.frame.Insertion;

import java.util.List;

/** What {@code goasm explain} reports; the text, HTML and JSON outputs all render these records. */
public final class Model {
    private Model() {
    }

    /**
     * One function as the followed release builds it.
     *
     * @param name      the symbol name as the listing prints it
     * @param goVersion the release followed ("go1.27.3")
     * @param position  "file:line" of its TEXT line
     * @param summary   the function-wide facts (frame, stack check, ...), one sentence each
     * @param blocks    the source lines with the instructions they became, in listing order
     * @param frame     the frame picture
     * @param budget    the NOSPLIT budget
     */
    public record Function(String name, String goVersion, String position, List<String> summary,
                           List<SourceBlock> blocks, FrameLayout frame, NosplitBudget budget) {
    }

    /**
     * A source line and the instructions that came from it (consecutive in the listing).
     *
     * @param file   the file name as the listing shows it
     * @param line   its line number
     * @param source the line's text ("" when the file could not be read)
     */
    public record SourceBlock(String file, int line, String source, List<Instruction> instructions) {
    }

    /**
     * One line of the listing.
     *
     * @param pc      its offset in the function
     * @param text    the instruction as -S prints it
     * @param mark    written, inserted or rewritten
     * @param reasons why, one per rule that applied
     */
    public record Instruction(long pc, String text, Mark mark, List<Reason> reasons) {
    }

    /**
     * One rule that inserted or rewrote an instruction.
     *
     * @param rule the rule's name (the recorded {@link Insertion}'s kind)
     * @param text one sentence with its numbers
     * @param data the numbers as lowering recorded them
     */
    public record Reason(String rule, String text, Insertion data) {
    }

    /**
     * The frame, from the caller's arguments down to the hardware SP.
     *
     * @param frameSize  bytes allocated below the return address
     * @param bpSize     the saved BP's share of them
     * @param argsSize   bytes of arguments and results in the caller's frame
     * @param slots      from the highest address down
     * @param declaration where the argument names and types came from
     */
    public record FrameLayout(long frameSize, int bpSize, long argsSize, List<Slot> slots, String declaration) {
        /** The pseudo-SP's offset from the hardware SP: the top of the locals. */
        public long pseudoSp() {
            return frameSize - bpSize;
        }

        /** The pseudo-FP's offset from the hardware SP: the first argument. */
        public long pseudoFp() {
            return frameSize + 8;
        }
    }

    /** What a slot of the frame holds. */
    public enum SlotKind { RESULT, ARGUMENT, ARGUMENTS, RETURN_ADDRESS, SAVED_BP, LOCAL, LOCALS }

    /**
     * One slot: [spOffset, spOffset+size) from the hardware SP once the frame is allocated.
     *
     * @param label what it is ("x int64", "return address")
     */
    public record Slot(SlotKind kind, long spOffset, long size, String label) {
    }

    /**
     * What this function leaves of the release's NOSPLIT limit.
     *
     * @param nosplit   whether the function is NOSPLIT (written, or made so as a small leaf)
     * @param limit     the linker's limit for a chain of NOSPLIT functions: StackNosplit minus the call into it
     * @param stackNosplit the release's StackNosplit
     * @param used      the most this function moves SP below its entry (frame and pushes)
     * @param calls     whether it calls (each call takes 8 more bytes for the return address)
     * @param chainUsed the most its deepest chain of calls takes below its entry SP (NOSPLIT functions)
     * @param chain     the functions along that chain, itself first (empty when not NOSPLIT)
     * @param text      one sentence
     */
    public record NosplitBudget(boolean nosplit, int limit, int stackNosplit, long used, boolean calls,
                                long chainUsed, List<String> chain, String text) {
        /** Bytes left for the functions it calls (including their return addresses). */
        public long left() {
            return limit - used;
        }
    }
}
