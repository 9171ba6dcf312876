package goasm.explain;

import goasm.asm.AsmOptions;
import goasm.asm.Assembler;
import goasm.frame.Insertion;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Position;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Symbol;
import goasm.obj.TargetOs;
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
     */
    public record Request(List<String> files, List<String> includeDirs, List<String> defines, String importPath,
                          Optional<Pattern> function, Path workingDir, ReleaseProfile release, boolean dynlink,
                          boolean shared) {
        /** Neither -dynlink nor -shared. */
        public Request(List<String> files, List<String> includeDirs, List<String> defines, String importPath,
                       Optional<Pattern> function, Path workingDir, ReleaseProfile release) {
            this(files, includeDirs, defines, importPath, function, workingDir, release, false, false);
        }
    }

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
        GoDeclarations declarations = GoDeclarations.beside(
                request.files().stream().map(f -> request.workingDir().resolve(f)).toList());
        Sources sources = new Sources(request.workingDir());
        List<Model.Function> out = new ArrayList<>();
        Link link = assembly.link();
        NosplitChains chains = new NosplitChains(link.text());
        for (Symbol fn : link.text()) {
            if (fn.func == null || fn.func.text == null
                    || request.function().isPresent() && !request.function().get().matcher(fn.name()).find()) {
                continue;
            }
            out.add(function(fn, link, recorder, declarations, sources, chains));
        }
        return new Outcome(0, out);
    }

    private static Model.Function function(Symbol fn, Link link, InsertionRecorder recorder,
                                           GoDeclarations declarations, Sources sources,
                                           NosplitChains chains) {
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
        int stackNosplit = link.release().stackRules().stackNosplit();
        int limit = stackNosplit - 8;
        NosplitChains.Chain chain = nosplit ? chains.of(fn) : null;
        String budget = nosplit
                ? "NOSPLIT budget: uses " + maxSp + " of " + limit + " bytes (StackNosplit " + stackNosplit
                + " - 8 for the call into it): " + (limit - maxSp) + " left"
                + (calls ? " for its callees, each call taking 8 of them for the return address" : "")
                + (limit - maxSp < 0 ? " — over the limit: the linker rejects it" : "")
                + (chain.path().size() > 1 ? "; deepest call chain " + String.join(" → ", chain.path()) + " uses "
                + chain.height() + (chain.outside() ? " (callees outside these files counted by their return"
                + " address only)" : "") + ": " + (limit - chain.height()) + " left"
                + (limit - chain.height() < 0 ? ", over the limit: the linker rejects it" : "") : "")
                : "NOSPLIT budget: not NOSPLIT, so its stack check leaves at least StackNosplit " + stackNosplit
                + " bytes below this frame (" + limit + " for a NOSPLIT callee after its return address)";
        return new Model.Function(fn.name(), link.release().goVersion(), text.pos.fileLine(), List.copyOf(summary),
                List.copyOf(blocks), FrameLayouts.of(size, operands, declarations.of(fn.name())),
                new Model.NosplitBudget(nosplit, limit, stackNosplit, maxSp, calls,
                        chain == null ? maxSp : chain.height(), chain == null ? List.of() : chain.path(), budget));
    }

    private static boolean samePlace(Position a, Position b) {
        return b != null && a.line() == b.line() && a.file().equals(b.file());
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
