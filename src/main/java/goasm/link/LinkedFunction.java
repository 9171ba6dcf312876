package goasm.link;

import goasm.obj.Prog;
import goasm.obj.Symbol;

import java.util.List;

/**
 * One function of the linked program: where it is and, per instruction, what Go's pc-value
 * tables say (source position, SP delta), plus its FUNCDATA and PCDATA.
 *
 * @param name         the Go name ("main.loop", "runtime.printint")
 * @param entry        address of its first byte
 * @param end          address just past its last byte
 * @param symbol       the assembled symbol, or null for a native runtime function
 * @param instructions real instructions in pc order (empty for native functions)
 * @param funcData     FUNCDATA index to symbol name, in order
 * @param nosplit      declared NOSPLIT
 * @param frameSize    the frame size after lowering (locals, saved BP included)
 * @param argsSize     the declared argument size
 */
public record LinkedFunction(String name, long entry, long end, Symbol symbol, List<Instruction> instructions,
                             List<FuncData> funcData, boolean nosplit, long frameSize, long argsSize) {

    /** A real instruction: its offset, source position, the SP delta in effect before it, and its PCDATA. */
    public record Instruction(long offset, String file, int line, int spDelta, Prog prog) {
    }

    public record FuncData(long index, String symbol) {
    }

    public boolean contains(long pc) {
        return pc >= entry && pc < end;
    }

    /** The instruction covering pc, or null. */
    public Instruction at(long pc) {
        long off = pc - entry;
        int lo = 0;
        int hi = instructions.size() - 1;
        Instruction found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Instruction i = instructions.get(mid);
            if (i.offset() <= off) {
                found = i;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Go's pctospadj at pc: how far SP is below its value at entry. */
    public int spDelta(long pc) {
        Instruction i = at(pc);
        return i == null ? 0 : i.spDelta();
    }
}
