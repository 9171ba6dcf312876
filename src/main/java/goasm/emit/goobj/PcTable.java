package goasm.emit.goobj;

import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Symbol;

import java.util.ArrayList;
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
        return encodeAll(List.of(table), fn).get(0);
    }

    /**
     * Encodes each table over the function's instructions in one walk of them (a long function's
     * list is walked once, not once per table); the tables keep their own state.
     */
    static List<byte[]> encodeAll(List<PcTable> tables, Symbol fn) {
        Run[] runs = new Run[tables.size()];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = new Run(tables.get(i), fn.func.text.pc);
        }
        for (Prog p = fn.func.text; p != null; p = p.link) {
            for (Run run : runs) {
                run.step(p);
            }
        }
        List<byte[]> encoded = new ArrayList<>(runs.length);
        for (Run run : runs) {
            encoded.add(run.finish(fn.size));
        }
        return encoded;
    }

    /** One table's encoding in progress: the value so far and the start of the current run. */
    final class Run {
        private final PcTable table;
        private final ByteSink out = new ByteSink();
        private int val = -1;
        private int oldVal = -1;
        private long pc;
        private boolean started;

        Run(PcTable table, long startPc) {
            this.table = table;
            this.pc = startPc;
        }

        void step(Prog p) {
            val = value(table, val, p, false);
            if (val == oldVal && started) {
                val = value(table, val, p, true);
                return;
            }
            if (p.link != null && p.link.pc == p.pc) {
                val = value(table, val, p, true);
                return;
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

        byte[] finish(long size) {
            if (started) {
                out.uvarint(size - pc);
                out.u8(0);
            }
            return out.toByteArray();
        }
    }
}
