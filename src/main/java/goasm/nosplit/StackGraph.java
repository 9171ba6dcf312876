package goasm.nosplit;

import goasm.obj.Abi;
import goasm.obj.Position;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Reloc;
import goasm.obj.RelocType;
import goasm.obj.Symbol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the linker's NOSPLIT check reads from assembled functions: for each function whether it
 * is NOSPLIT, its SP height instruction by instruction (the pcsp table) and the calls made at
 * each height (its R_CALL and R_CALLIND relocations).
 *
 * @param functions the program's functions by linker name, in text order
 */
public record StackGraph(Map<String, Func> functions) {
    /** The runtime function every splittable prologue may call. */
    public static final String MORESTACK = "runtime.morestack";

    /**
     * One function. {@code version} is the linker's symbol version (0 for ABI0, 1 for
     * ABIInternal); {@code locals} its declared frame size; {@code text} where its TEXT is.
     */
    public record Func(String name, int version, boolean nosplit, long locals, List<Step> steps, Position text) {
        public Func {
            steps = List.copyOf(steps);
        }
    }

    /** One instruction: the SP height (bytes below entry) while it runs, and the calls it makes. */
    public record Step(int height, List<Call> calls) {
        public Step {
            calls = List.copyOf(calls);
        }
    }

    /** A call: its target's linker name, or null for a call through a register; where it is written. */
    public record Call(String target, Position pos) {
    }

    /**
     * Reads assembled functions (after frame lowering and encoding: instruction sizes, SP
     * adjustments and relocations are known).
     *
     * @param linkerName the linker's name of a symbol ("main.f", "runtime.morestack")
     */
    public static StackGraph of(List<Symbol> text, Function<Symbol, String> linkerName) {
        Map<String, Func> functions = new LinkedHashMap<>();
        for (Symbol s : text) {
            if (s.func == null || s.func.text == null) {
                continue;
            }
            List<Step> steps = new ArrayList<>();
            int height = 0;
            for (Prog p = s.func.text; p != null; p = p.link) {
                if (p.op != Pseudo.TEXT && p.size > 0) {
                    List<Call> calls = new ArrayList<>();
                    for (Reloc r : s.relocs) {
                        if (r.offset() >= p.pc && r.offset() < p.pc + p.size) {
                            if (r.type() == RelocType.CALL) {
                                calls.add(new Call(linkerName.apply(r.sym()), p.pos));
                            } else if (r.type() == RelocType.CALLIND) {
                                calls.add(new Call(null, p.pos));
                            }
                        }
                    }
                    steps.add(new Step(height, calls));
                }
                height += p.spadj;
            }
            String name = linkerName.apply(s);
            functions.putIfAbsent(name, new Func(name, s.abi() == Abi.ABIInternal ? 1 : 0, s.has(Symbol.Attr.NOSPLIT),
                    s.func.locals, steps, s.func.text.pos));
        }
        return new StackGraph(functions);
    }
}
