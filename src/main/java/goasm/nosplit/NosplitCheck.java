package goasm.nosplit;

import goasm.obj.Position;
import goasm.release.NosplitRules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The linker's check that chains of NOSPLIT functions fit in the stack's nosplit room, as the
 * followed release runs it. Each overflow comes with the linker's own lines: the error and the
 * chain (or call tree) with each frame's growth and the bytes over the limit.
 */
public final class NosplitCheck {
    /**
     * One overflow: the function the linker names, where to point at (the call that starts the
     * overflowing path, or the function's TEXT), and the lines the linker prints.
     */
    public record Overflow(String function, Position at, List<String> lines) {
        public Overflow {
            lines = List.copyOf(lines);
        }
    }

    /**
     * The deepest chain of calls from one function, measured as the linker measures call trees.
     *
     * @param height         bytes below the function's entry SP the chain reaches (its return
     *                       addresses included); meaningless when {@code cycle}
     * @param path           the functions along it, the function itself first; a call through a
     *                       register appears as {@link #INDIRECT_CALL}
     * @param unknownCallees whether the function reaches callees outside the graph, which count
     *                       with their return address only
     * @param cycle          whether the chain returns to a function on it (the linker rejects it)
     */
    public record Deepest(int height, List<String> path, boolean unknownCallees, boolean cycle) {
        public Deepest {
            path = List.copyOf(path);
        }
    }

    /** How a call through a register appears in a {@link Deepest#path()}. */
    public static final String INDIRECT_CALL = "(indirect call)";

    private final StackGraph graph;
    private final NosplitRules rules;

    private NosplitCheck(StackGraph graph, NosplitRules rules) {
        this.graph = graph;
        this.rules = rules;
    }

    public static List<Overflow> check(StackGraph graph, NosplitRules rules) {
        NosplitCheck c = new NosplitCheck(graph, rules);
        return switch (rules.check()) {
            case CALL_TREE -> c.new CallTree().run();
            case FIRST_CHAIN -> c.new FirstChain().run();
        };
    }

    /** The deepest chain from a function of the graph. */
    public static Deepest deepest(StackGraph graph, NosplitRules rules, String function) {
        return new NosplitCheck(graph, rules).new CallTree().deepest(function);
    }

    /** The name a function has in the linker's messages. */
    private String displayName(String name, boolean withVersion) {
        StackGraph.Func f = graph.functions().get(name);
        return withVersion ? name + "<" + (f == null ? 0 : f.version()) + ">" : name;
    }

    // ---- from 1.19: heights of call trees, roots reported with their trees ----

    private final class CallTree {
        /** A height that stands for "part of a cycle": more than any limit. */
        private static final int CYCLE = Short.MAX_VALUE;
        /** The pseudo-target of a call through a register. */
        private static final String INDIRECT = "\0indirect";

        private record Edge(int growth, String target) {
        }

        private Map<String, Integer> heights = new HashMap<>();
        private Map<String, List<Edge>> edges;
        private final Map<String, Position> firstCall = new HashMap<>();
        private final Map<String, Integer> order = new HashMap<>();

        List<Overflow> run() {
            int i = 0;
            for (String name : graph.functions().keySet()) {
                order.put(name, i++);
            }
            List<String> failed = new ArrayList<>();
            for (String name : graph.functions().keySet()) {
                if (height(name) > rules.limit()) {
                    failed.add(name);
                }
            }
            if (failed.isEmpty()) {
                return List.of();
            }
            heights = new HashMap<>();
            edges = new HashMap<>();
            for (String name : failed) {
                height(name);
            }
            List<Overflow> result = new ArrayList<>();
            for (String root : roots()) {
                List<String> lines = new ArrayList<>();
                lines.add(root + ": nosplit stack over " + rules.limit() + " byte limit");
                List<Edge> chain = new ArrayList<>();
                chain.add(new Edge(0, root));
                List<Boolean> printed = new ArrayList<>();
                printed.add(false);
                report(root, rules.limit(), chain, printed, lines);
                StackGraph.Func f = graph.functions().get(root);
                Position at = firstCall.getOrDefault(root, f == null ? null : f.text());
                result.add(new Overflow(root, at, lines));
            }
            return result;
        }

        Deepest deepest(String name) {
            edges = new HashMap<>();
            int total = height(name);
            List<String> path = new ArrayList<>();
            path.add(name);
            Set<String> on = new HashSet<>(path);
            boolean cycle = false;
            String at = name;
            while (edges.containsKey(at)) {
                Edge best = null;
                int bestHeight = -1;
                for (Edge e : edges.get(at)) {
                    int h = e.target() == null ? e.growth() : e.growth() + height(e.target());
                    if (h > bestHeight) {
                        best = e;
                        bestHeight = h;
                    }
                }
                if (best == null || best.target() == null) {
                    break;
                }
                at = best.target();
                path.add(at.equals(INDIRECT) ? INDIRECT_CALL : at);
                if (!on.add(at)) {
                    cycle = true;
                    break;
                }
            }
            return new Deepest(total, path, reachesUnknown(name), cycle);
        }

        private boolean reachesUnknown(String from) {
            Set<String> seen = new HashSet<>();
            List<String> todo = new ArrayList<>(List.of(from));
            while (!todo.isEmpty()) {
                String name = todo.remove(todo.size() - 1);
                if (!seen.add(name)) {
                    continue;
                }
                if (!name.equals(INDIRECT) && !name.equals(StackGraph.MORESTACK)
                        && !graph.functions().containsKey(name)) {
                    return true;
                }
                for (Edge e : edges.getOrDefault(name, List.of())) {
                    if (e.target() != null) {
                        todo.add(e.target());
                    }
                }
            }
            return false;
        }

        private int height(String name) {
            Integer known = heights.get(name);
            if (known != null) {
                return known;
            }
            heights.put(name, CYCLE);
            List<Edge> out = new ArrayList<>();
            int h = Math.min(compute(name, out), CYCLE);
            heights.put(name, h);
            if (edges != null) {
                edges.put(name, out);
            }
            return h;
        }

        private int compute(String name, List<Edge> out) {
            if (name.equals(StackGraph.MORESTACK)) {
                return 0;
            }
            if (name.equals(INDIRECT)) {
                out.add(new Edge(rules.callSize(), StackGraph.MORESTACK));
                return rules.callSize() + height(StackGraph.MORESTACK);
            }
            StackGraph.Func f = graph.functions().get(name);
            if (f == null) {
                // Defined elsewhere (outside what is linked here): the linker assumes nothing of it.
                return 0;
            }
            int max = 0;
            if (!f.nosplit()) {
                out.add(new Edge(rules.callSize(), StackGraph.MORESTACK));
                return rules.callSize() + height(StackGraph.MORESTACK);
            }
            int maxLocal = 0;
            for (StackGraph.Step step : f.steps()) {
                maxLocal = Math.max(maxLocal, step.height());
                for (StackGraph.Call call : step.calls()) {
                    int growth = step.height() + rules.callSize();
                    String target = call.target() == null ? INDIRECT : call.target();
                    out.add(new Edge(growth, target));
                    int h = growth + height(target);
                    if (h > max) {
                        max = h;
                        if (h > rules.limit()) {
                            firstCall.putIfAbsent(name, call.pos());
                        }
                    }
                }
            }
            if (maxLocal > max) {
                out.add(new Edge(maxLocal, null));
                max = maxLocal;
            }
            return max;
        }

        /**
         * The functions to report: those no other function in the graph reaches, and one
         * function (the first defined) of each cycle that nothing outside it reaches.
         */
        private List<String> roots() {
            Set<String> nodes = new LinkedHashSet<>();
            graph.functions().keySet().stream().filter(edges::containsKey).forEach(nodes::add);
            edges.keySet().stream().filter(k -> !nodes.contains(k)).sorted().forEach(nodes::add);
            for (String k : new ArrayList<>(nodes)) {
                if (!nodes.contains(k)) {
                    continue;
                }
                for (Edge out : edges.get(k)) {
                    String lowest = walk(k, out.target(), nodes);
                    if (lowest != null) {
                        nodes.add(lowest);
                    }
                }
            }
            List<String> roots = new ArrayList<>(nodes);
            roots.sort((a, b) -> {
                int ha = heights.getOrDefault(a, 0);
                int hb = heights.getOrDefault(b, 0);
                return ha != hb ? Integer.compare(hb, ha) : Integer.compare(index(a), index(b));
            });
            return roots;
        }

        private int index(String name) {
            return order.getOrDefault(name, Integer.MAX_VALUE);
        }

        /** Removes what {@code from} reaches; returns the first-defined function of a cycle back to origin, or null. */
        private String walk(String origin, String from, Set<String> nodes) {
            if (from == null || !nodes.remove(from)) {
                return null;
            }
            if (from.equals(origin)) {
                return from;
            }
            String lowest = null;
            for (Edge out : edges.getOrDefault(from, List.of())) {
                String l = walk(origin, out.target(), nodes);
                if (l != null) {
                    if (lowest == null) {
                        lowest = from;
                    }
                    if (index(l) < index(lowest)) {
                        lowest = l;
                    }
                }
            }
            return lowest;
        }

        private void report(String name, int depth, List<Edge> chain, List<Boolean> printed, List<String> lines) {
            List<Edge> out = name == null ? null : edges.get(name);
            boolean cycle = name != null && out == null;
            if (name != null) {
                edges.remove(name);
            }
            List<Edge> list = out == null ? List.of() : out;
            for (Edge e : list) {
                chain.add(e);
                printed.add(false);
                report(e.target(), depth - e.growth(), chain, printed, lines);
                chain.remove(chain.size() - 1);
                printed.remove(printed.size() - 1);
            }
            if (name != null && out != null) {
                edges.put(name, out);
            }
            if (list.isEmpty() && (depth < 0 || cycle)) {
                String indent = "";
                for (int i = 0; i < chain.size(); i++) {
                    if (printed.get(i)) {
                        continue;
                    }
                    printed.set(i, true);
                    Edge e = chain.get(i);
                    if (i == 0) {
                        lines.add(symbol(e.target()));
                        continue;
                    }
                    indent = "    ".repeat(i);
                    lines.add(indent + "grows " + e.growth() + " bytes"
                            + (e.target() == null ? "" : ", calls " + symbol(e.target())));
                }
                lines.add(indent + (cycle ? "infinite cycle" : -depth + " bytes over limit"));
            }
        }

        private String symbol(String name) {
            if (name == null) {
                return "leaf";
            }
            if (name.equals(INDIRECT)) {
                return "indirect";
            }
            return displayName(name, true);
        }
    }

    // ---- up to 1.18: depth-first along each chain, stopping at the first overflow ----

    private final class FirstChain {
        /** One link of the chain being followed: the function entered and the room left on entry. */
        private record Link(Link up, String function, int limit) {
        }

        private final Set<String> done = new HashSet<>();
        private final List<Overflow> result = new ArrayList<>();
        private final int top = rules.limit();

        List<Overflow> run() {
            for (StackGraph.Func f : graph.functions().values()) {
                if (f.nosplit()) {
                    check(new Link(null, f.name(), top), 0, f.text());
                }
            }
            for (StackGraph.Func f : graph.functions().values()) {
                if (!f.nosplit()) {
                    check(new Link(null, f.name(), top), 0, f.text());
                }
            }
            return result;
        }

        /** Returns false once an overflow is reported along this chain. */
        private boolean check(Link up, int depth, Position at) {
            int limit = up.limit();
            String name = up.function();
            boolean isTop = limit == top;
            if (isTop && name != null) {
                if (!done.add(name)) {
                    return true;
                }
            }
            if (depth > 500) {
                broke(up, 0, at, "nosplit stack check too deep");
                return false;
            }
            StackGraph.Func f = name == null ? null : graph.functions().get(name);
            if (name != null && f == null && !name.equals(StackGraph.MORESTACK)) {
                return false;
            }
            if (limit < 0) {
                broke(up, limit, at, "nosplit stack overflow");
                return false;
            }
            if (name == null || name.equals(StackGraph.MORESTACK)) {
                return true;
            }
            if (!f.nosplit()) {
                if (!check(new Link(up, StackGraph.MORESTACK, limit - rules.callSize()), depth + 1, at)) {
                    return false;
                }
                if (!isTop) {
                    return true;
                }
                limit = rules.limit() + rules.callSize() + (int) f.locals();
            }
            for (StackGraph.Step step : f.steps()) {
                if (limit - step.height() < 0) {
                    broke(up, limit - step.height(), at, "nosplit stack overflow");
                    return false;
                }
                for (StackGraph.Call call : step.calls()) {
                    int room = limit - step.height() - rules.callSize();
                    Position where = isTop ? call.pos() : at;
                    if (call.target() != null) {
                        if (!check(new Link(up, call.target(), room), depth + 1, where)) {
                            return false;
                        }
                    } else {
                        Link pointer = new Link(up, null, room);
                        if (!check(new Link(pointer, StackGraph.MORESTACK, room - rules.callSize()), depth + 2, where)) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        private void broke(Link link, int limit, Position at, String message) {
            List<String> lines = new ArrayList<>();
            String name = link.function() == null ? "function pointer" : link.function();
            lines.add(name + ": " + message);
            print(link, limit, lines);
            result.add(new Overflow(name, at, lines));
        }

        private void print(Link link, int limit, List<String> lines) {
            String name;
            StackGraph.Func f = link.function() == null ? null : graph.functions().get(link.function());
            boolean nosplit = f != null && f.nosplit();
            if (link.function() == null) {
                name = "function pointer";
            } else {
                name = link.function() + (nosplit ? " (nosplit)" : "");
            }
            if (link.up() == null) {
                lines.add("\t" + link.limit() + "\t" + (nosplit ? "assumed on entry to " : "guaranteed after split check in ")
                        + name);
            } else {
                print(link.up(), link.limit() + rules.callSize(), lines);
                lines.add("\t" + link.limit() + "\ton entry to " + name);
            }
            if (link.limit() != limit) {
                lines.add("\t" + limit + "\tafter " + name + " uses " + (link.limit() - limit));
            }
        }
    }
}
