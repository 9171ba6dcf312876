package goasm.explain;

import goasm.obj.AddrType;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Symbol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The linker's NOSPLIT check (stackcheck.go) over the functions of the files explained: how deep
 * below its entry SP a function can take the stack through chains of calls. A NOSPLIT function's
 * height is its own deepest SP, or at a call the SP there plus 8 for the return address plus the
 * callee's height; a splittable callee's height is 8 (its call to morestack); an indirect call
 * counts as a splittable callee. Callees outside the files are counted with their return address
 * only, and said to be.
 */
final class NosplitChains {
    /**
     * The deepest chain from one function.
     *
     * @param height    bytes below the function's entry SP
     * @param path      the functions along it, starting with the function itself
     * @param outside   whether a callee outside the files was counted with its return address only
     */
    record Chain(long height, List<String> path, boolean outside) {
    }

    private static final int CALL_SIZE = 8;

    private final Map<String, Symbol> functions = new HashMap<>();
    private final Map<String, Chain> done = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    NosplitChains(List<Symbol> text) {
        for (Symbol s : text) {
            if (s.func != null && s.func.text != null) {
                functions.put(s.name(), s);
            }
        }
    }

    Chain of(Symbol fn) {
        Chain known = done.get(fn.name());
        if (known != null) {
            return known;
        }
        if (!fn.has(Symbol.Attr.NOSPLIT)) {
            return new Chain(CALL_SIZE, List.of(fn.name(), "runtime.morestack"), false);
        }
        inProgress.add(fn.name());
        long sp = 0;
        Chain best = new Chain(0, List.of(fn.name()), false);
        boolean outside = false;
        for (Prog p = fn.func.text; p != null; p = p.link) {
            if (sp > best.height()) {
                best = new Chain(sp, List.of(fn.name()), best.outside());
            }
            if (p.op == Pseudo.CALL || p.op == Pseudo.DUFFCOPY || p.op == Pseudo.DUFFZERO) {
                Symbol callee = p.to.sym() == null ? null : functions.get(p.to.sym().name());
                Chain edge;
                if (p.to.type() == AddrType.REG || p.to.type() == AddrType.MEM && p.to.sym() == null) {
                    edge = new Chain(sp + CALL_SIZE + CALL_SIZE, List.of(fn.name(), "(indirect call)"), false);
                } else if (callee == null || inProgress.contains(callee.name())) {
                    outside |= callee == null;
                    edge = new Chain(sp + CALL_SIZE, List.of(fn.name(),
                            p.to.sym() == null ? "?" : p.to.sym().name()), callee == null);
                } else {
                    Chain c = of(callee);
                    List<String> path = new ArrayList<>();
                    path.add(fn.name());
                    path.addAll(c.path());
                    edge = new Chain(sp + CALL_SIZE + c.height(), List.copyOf(path), c.outside());
                    outside |= c.outside();
                }
                if (edge.height() > best.height()) {
                    best = edge;
                }
            }
            sp += p.spadj;
        }
        Chain result = new Chain(best.height(), best.path(), outside);
        inProgress.remove(fn.name());
        done.put(fn.name(), result);
        return result;
    }
}
