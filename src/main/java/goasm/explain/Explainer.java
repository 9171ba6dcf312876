package goasm.explain;

import goasm.asm.AsmOptions;
import goasm.asm.Assembler;
import goasm.frame.Insertion;
import goasm.godecl.GoDeclarations;
import goasm.godecl.GoPackage;
import goasm.nosplit.NosplitCheck;
import goasm.nosplit.StackGraph;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Position;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Symbol;
import goasm.obj.TargetOs;
import goasm.release.NosplitRules;
import goasm.release.ReleaseProfile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Assembles the files as the followed release does while recording why each instruction was
 * inserted or rewritten, and turns the functions into {@link Model.Function}s. The listing the
 * explanation shows is the one {@code -S} prints: the same Progs, after the same lowering.
 */
public final class Explainer {
    /**
     * What to explain.
     *
     * @param files       the .s files
     * @param includeDirs -I
     * @param defines     -D
     * @param importPath  -p (the package's path; "main" unless given)
     * @param function    -func: only functions whose name this finds something in
     * @param workingDir  where relative names are read
     * @param release     the release followed
     * @param dynlink     -dynlink (globals through the GOT; implies -shared)
     * @param shared      -shared
     * @param env         the environment the Go declarations' imports are found with (GOMODCACHE,
     *                    GOPATH, HOME, CGO_ENABLED)
     */
    public record Request(List<String> files, List<String> includeDirs, List<String> defines, String importPath,
                          Optional<Pattern> function, Path workingDir, ReleaseProfile release, boolean dynlink,
                          boolean shared, Map<String, String> env) {
        public Request {
            env = Map.copyOf(env);
        }

        /** Neither -dynlink nor -shared, and no environment. */
        public Request(List<String> files, List<String> includeDirs, List<String> defines, String importPath,
                       Optional<Pattern> function, Path workingDir, ReleaseProfile release) {
            this(files, includeDirs, defines, importPath, function, workingDir, release, false, false, Map.of());
        }
    }

    /**
     * The compiler pads a struct that ends in a zero-sized field in every release (go vet's sizes
     * did so only later): the frame picture shows the compiler's layout.
     */
    private static final boolean COMPILER_PADS_ZERO_SIZED_FIELDS = true;

    /** The explained functions, or the assembler's exit status when the files do not assemble. */
    public record Outcome(int status, List<Model.Function> functions) {
        public boolean ok() {
            return status == 0;
        }
    }

    private Explainer() {
    }

    /** Assembles and explains; the assembler's diagnostics go to {@code err} in Go's words. */
    public static Outcome explain(Request request, PrintStream err) {
        AsmOptions options = new AsmOptions(List.copyOf(request.files()), "/dev/null", 0,
                List.copyOf(request.includeDirs()), List.copyOf(request.defines()), "", request.shared(),
                request.dynlink(), false, false,
                false, request.importPath(), false, false, false, false, null, request.workingDir(), TargetOs.LINUX,
                request.release().experiments().defaults(), request.release().goRoot(), request.release(), "v1",
                false, "");
        InsertionRecorder recorder = new InsertionRecorder();
        Assembler.Assembly assembly = new Assembler(options, err, err, recorder).assemble();
        if (!assembly.ok()) {
            return new Outcome(assembly.status(), List.of());
        }
        Declarations declarations = new Declarations(request);
        Sources sources = new Sources(request.workingDir());
        List<Model.Function> out = new ArrayList<>();
        Link link = assembly.link();
        StackGraph graph = StackGraph.of(link.text(), Symbol::name);
        for (Symbol fn : link.text()) {
            if (fn.func == null || fn.func.text == null
                    || request.function().isPresent() && !request.function().get().matcher(fn.name()).find()) {
                continue;
            }
            out.add(function(fn, link, recorder, declarations.of(fn), sources, graph));
        }
        return new Outcome(0, out);
    }

    private static Model.Function function(Symbol fn, Link link, InsertionRecorder recorder,
                                           FrameLayouts.Declaration declaration, Sources sources,
                                           StackGraph graph) {
        Prog text = fn.func.text;
        List<Model.SourceBlock> blocks = new ArrayList<>();
        List<Model.Instruction> current = null;
        Position at = null;
        List<Insertion.FrameOperand> operands = new ArrayList<>();
        Insertion.FrameSize size = null;
        List<String> summary = new ArrayList<>();
        String check = null;
        boolean calls = false;
        long sp = 0;
        long maxSp = 0;
        for (Prog p = text; p != null; p = p.link) {
            List<Insertion> notes = recorder.of(p);
            List<Model.Reason> reasons = new ArrayList<>();
            boolean onlyOperands = true; // written instructions whose operands or opcode changed
            for (Insertion n : notes) {
                reasons.add(Reasons.of(n, p));
                switch (n) {
                    case Insertion.FrameOperand o -> operands.add(o);
                    case Insertion.FrameSize f -> size = f;
                    case Insertion.StackCheck c -> {
                        if (check == null) {
                            check = Reasons.sentence(c, p);
                        }
                    }
                    default -> {
                    }
                }
                onlyOperands &= n instanceof Insertion.FrameOperand || n instanceof Insertion.Edit e && !e.inserted();
            }
            Mark mark = notes.isEmpty() ? Mark.WRITTEN
                    : p == text || onlyOperands ? Mark.REWRITTEN : Mark.INSERTED;
            Position pos = p.pos;
            if (current == null || !samePlace(pos, at)) {
                current = new ArrayList<>();
                blocks.add(new Model.SourceBlock(pos.file(), pos.line(), sources.line(pos).orElse(""), current));
                at = pos;
            }
            current.add(new Model.Instruction(p.pc, OperandFormat.instruction(p), mark, List.copyOf(reasons)));
            calls |= p.op == Pseudo.CALL || p.op == Pseudo.DUFFCOPY || p.op == Pseudo.DUFFZERO;
            sp += p.spadj;
            maxSp = Math.max(maxSp, sp);
        }
        if (size == null) {
            // A TEXT without body: nothing was lowered.
            size = new Insertion.FrameSize(Math.max(0, text.to.offset()), Math.max(0, text.to.offset()), 0,
                    text.to.argsSize(), Insertion.BpDecision.EMPTY_LEAF, false);
        }
        summary.add(Reasons.sentence(size, text));
        for (Insertion n : recorder.of(text)) {
            if (n instanceof Insertion.MadeNosplit m) {
                summary.add(Reasons.sentence(m, text));
            }
        }
        if (check != null) {
            summary.add(check);
        } else if (!recorder.of(text).stream().anyMatch(n -> n instanceof Insertion.MadeNosplit)) {
            summary.add("no stack check: NOSPLIT was written");
        }
        boolean nosplit = fn.has(Symbol.Attr.NOSPLIT);
        NosplitRules rules = link.release().nosplit();
        Optional<NosplitCheck.Deepest> chain = nosplit
                ? Optional.of(NosplitCheck.deepest(graph, rules, fn.name())) : Optional.empty();
        return new Model.Function(fn.name(), link.release().goVersion(), text.pos.fileLine(), List.copyOf(summary),
                List.copyOf(blocks), FrameLayouts.of(size, operands, declaration),
                budget(nosplit, maxSp, calls, chain, rules, link.release().stackRules().stackNosplit()));
    }

    private static Model.NosplitBudget budget(boolean nosplit, long used, boolean calls,
                                              Optional<NosplitCheck.Deepest> chain, NosplitRules rules,
                                              int stackNosplit) {
        int limit = rules.limit();
        String room = "StackNosplit " + stackNosplit + " - " + rules.callSize() + " for the call into it";
        if (!nosplit) {
            return new Model.NosplitBudget(false, limit, stackNosplit, used, calls, used, List.of(),
                    "NOSPLIT budget: not NOSPLIT, so its stack check leaves at least StackNosplit " + stackNosplit
                    + " bytes below this frame (" + limit + " for a NOSPLIT callee after its return address)");
        }
        NosplitCheck.Deepest deepest = chain.orElseThrow();
        StringBuilder text = new StringBuilder("NOSPLIT budget: uses " + used + " of " + limit + " bytes (" + room
                + "): " + (limit - used) + " left");
        if (calls) {
            text.append(" for its callees, each call taking ").append(rules.callSize())
                    .append(" of them for the return address");
        }
        if (limit - used < 0) {
            text.append(" — over the limit: the linker rejects it");
        }
        if (deepest.cycle()) {
            text.append("; its calls go round a cycle of NOSPLIT functions, ")
                    .append(String.join(" → ", deepest.path())).append(": the linker rejects it");
        } else if (deepest.path().size() > 1) {
            long left = limit - deepest.height();
            text.append("; deepest call chain ").append(String.join(" → ", deepest.path())).append(" uses ")
                    .append(deepest.height())
                    .append(deepest.unknownCallees() ? " (callees outside these files counted by their return"
                            + " address only)" : "")
                    .append(": ").append(left).append(" left")
                    .append(left < 0 ? ", over the limit: the linker rejects it" : "");
        }
        return new Model.NosplitBudget(true, limit, stackNosplit, used, calls, deepest.height(), deepest.path(),
                text.toString());
    }

    private static boolean samePlace(Position a, Position b) {
        return b != null && a.line() == b.line() && a.file().equals(b.file());
    }

    /**
     * The Go declarations of the package the .s files are in, read as the followed release's go
     * command reads it; a function matches when its symbol is the package's own.
     */
    private static final class Declarations {
        private final GoDeclarations reader;
        private final List<GoPackage> packages = new ArrayList<>();
        private final String localPrefix;

        Declarations(Request request) {
            reader = GoDeclarations.of(request.release(), request.env(), COMPILER_PADS_ZERO_SIZED_FIELDS);
            localPrefix = request.release().symbolNaming().localPrefix(request.importPath()) + ".";
            request.files().stream().map(f -> request.workingDir().resolve(f).toAbsolutePath().normalize().getParent())
                    .distinct().forEach(dir -> reader.packageIn(dir).ifPresent(packages::add));
        }

        FrameLayouts.Declaration of(Symbol fn) {
            if (!fn.name().startsWith(localPrefix)) {
                return new FrameLayouts.Declaration.NotDeclared();
            }
            String local = fn.name().substring(localPrefix.length());
            for (GoPackage pkg : packages) {
                Optional<GoDeclarations.Declared> d = reader.function(pkg, local);
                if (d.isPresent()) {
                    return new FrameLayouts.Declaration.Found(d.get());
                }
            }
            return new FrameLayouts.Declaration.NotDeclared();
        }
    }

    /** Source files read once each, for the lines the listing points at. */
    private static final class Sources {
        private final Path workingDir;
        private final Map<String, List<String>> files = new HashMap<>();

        Sources(Path workingDir) {
            this.workingDir = workingDir;
        }

        Optional<String> line(Position pos) {
            List<String> lines = files.computeIfAbsent(pos.file(), f -> {
                try {
                    return Files.readAllLines(workingDir.resolve(f));
                } catch (IOException | RuntimeException e) {
                    return List.of();
                }
            });
            int i = (pos.rawFile() == null ? pos.line() : pos.rawLine()) - 1;
            if (pos.rawFile() != null) {
                lines = files.computeIfAbsent(pos.rawFile(), f -> {
                    try {
                        return Files.readAllLines(workingDir.resolve(f));
                    } catch (IOException | RuntimeException e) {
                        return List.of();
                    }
                });
            }
            return i >= 0 && i < lines.size() ? Optional.of(lines.get(i).strip()) : Optional.empty();
        }
    }
}
