package goasm.emit.goobj;

import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Symbol;

import java.util.List;
import java.util.Set;

/**
 * Go's pc-value tables: for each run of code with one value, the value's change as a zig-zag
 * varint and the run's length as a uvarint, ending in a 0 byte. Each table kind says what value
 * an instruction has; instructions sharing a pc with the next one do not start a run.
 */
sealed interface PcTable {
    /** Stack pointer adjustment: the running sum of spadj, which counts after the instruction. */
    record StackDepth() implements PcTable {
    }

    /**
     * File number of each instruction's position; records the files the function uses. The
     * number is the file's in the object's table, or (Go 1.15) its place in {@code used}, the
     * function's own files in the order it first uses them.
     */
    record FileNumber(FileTable files, Set<Integer> used, boolean perFunction) implements PcTable {
    }

    /** Line of each instruction's position. */
    record LineNumber() implements PcTable {
    }

    /** Inlining index: assembly has no inlined calls, so always -1. */
    record InlineIndex() implements PcTable {
    }

    /** The value of PCDATA $index, which counts after the PCDATA instruction. */
    record PcData(int index) implements PcTable {
    }

    /**
     * The value at p given the value before it; {@code after} asks for the value after p has
     * taken effect (Go's phase 1).
     */
    private static int value(PcTable table, int old, Prog p, boolean after) {
        return switch (table) {
            case StackDepth s -> {
                int base = old == -1 ? 0 : old;
                yield after ? base + p.spadj : base;
            }
            case FileNumber f -> {
                if (after || !positioned(p)) {
                    yield old;
                }
                int file = f.files().index(p.pos);
                f.used().add(file);
                yield f.perFunction() ? List.copyOf(f.used()).indexOf(file) : file;
            }
            case LineNumber l -> after || !positioned(p) ? old : p.pos.line();
            case InlineIndex i -> after ? old : -1;
            case PcData d -> after && p.op == Pseudo.PCDATA && p.from.offset() == d.index()
                    ? (int) p.to.offset() : old;
        };
    }

    /** Whether p's position counts for file and line tables (TEXT and NOP do not). */
    private static boolean positioned(Prog p) {
        return p.op != Pseudo.TEXT && p.op != Pseudo.NOP && p.pos != null && p.pos.line() != 0;
    }

    /** Encodes this table over the function's instructions. */
    static byte[] encode(PcTable table, Symbol fn) {
        ByteSink out = new ByteSink();
        Prog text = fn.func.text;
        int val = -1;
        int oldVal = val;
        long pc = text.pc;
        boolean started = false;
        for (Prog p = text; p != null; p = p.link) {
            val = value(table, val, p, false);
            if (val == oldVal && started) {
                val = value(table, val, p, true);
                continue;
            }
            if (p.link != null && p.link.pc == p.pc) {
                val = value(table, val, p, true);
                continue;
            }
            if (started) {
                out.uvarint(p.pc - pc);
                pc = p.pc;
            }
            out.varint(val - oldVal);
            oldVal = val;
            started = true;
            val = value(table, val, p, true);
        }
        if (started) {
            out.uvarint(fn.size - pc);
            out.u8(0);
        }
        return out.toByteArray();
    }
}
