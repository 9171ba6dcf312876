package goasm.vet;

import goasm.asm.AsmOptions;
import goasm.asm.Assembler;
import goasm.godecl.GoPackage;
import goasm.nosplit.NosplitCheck;
import goasm.nosplit.StackGraph;
import goasm.obj.Symbol;
import goasm.obj.TargetOs;
import goasm.release.ReleaseProfile;
import goasm.release.SymbolNaming;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The linker's NOSPLIT check run on one package's assembly before any link: the package's
 * files are assembled with goasm's back end (frames lowered, code encoded) and every chain of
 * NOSPLIT calls among them is measured as the followed release's linker measures it. Functions
 * of other packages count as unknown (the linker would know them; here they add nothing).
 */
final class NosplitVet {
    private NosplitVet() {
    }

    /**
     * Adds a finding per overflowing chain, at the call that starts it; says (through
     * {@code verbose}) when the package's assembly cannot be assembled and so is not checked.
     */
    static void check(GoPackage pkg, List<Path> files, Path workingDir, List<String> includes,
                      ReleaseProfile release, Consumer<Finding> out, Consumer<String> verbose) {
        List<String> names = files.stream().map(Path::toString).toList();
        AsmOptions options = new AsmOptions(names, "/dev/null", 0, includes, List.of(), "", false, false, false, true,
                false, pkg.importPath, false, pkg.importPath.equals("runtime"), false, false, null, workingDir,
                TargetOs.LINUX, release.experiments().defaults(), release.goRoot(), release, "v1", false, "");
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        Assembler.Assembly assembly = new Assembler(options, discard, discard).assemble();
        if (!assembly.ok()) {
            verbose.accept(pkg.importPath + ": NOSPLIT chains not checked: the assembly does not assemble on its own");
            return;
        }
        StackGraph graph = StackGraph.of(assembly.link().text(), s -> linkerName(s, pkg.importPath));
        for (NosplitCheck.Overflow o : NosplitCheck.check(graph, release.nosplit())) {
            if (o.at() == null || !o.function().startsWith(pkg.importPath + ".")) {
                continue;
            }
            String local = o.function().substring(pkg.importPath.length() + 1);
            List<String> chain = new ArrayList<>();
            for (String line : o.lines().subList(1, o.lines().size())) {
                chain.add(line.strip().replace("\t", " "));
            }
            String headline = o.lines().get(0).substring(o.function().length() + 2);
            String file = o.at().rawFile() != null ? o.at().rawFile() : o.at().file();
            int line = o.at().rawFile() != null ? o.at().rawLine() : o.at().line();
            out.accept(new Finding(file, line, Finding.NOSPLIT, "[amd64] " + local + ": " + headline + ": "
                    + String.join("; ", chain)));
        }
    }

    /** The linker's name of a symbol: the package's own with its import path, others as written. */
    private static String linkerName(Symbol s, String importPath) {
        String name = s.name();
        for (String local : List.of(SymbolNaming.PLACEHOLDER + ".", SymbolNaming.pathToPrefix(importPath) + ".")) {
            if (name.startsWith(local)) {
                return importPath + "." + name.substring(local.length());
            }
        }
        return name;
    }
}
