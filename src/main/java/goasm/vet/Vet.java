package goasm.vet;

import goasm.godecl.GoDeclarations;
import goasm.godecl.GoPackage;
import goasm.release.ReleaseProfile;
import goasm.release.VetRules;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code goasm vet}: checks the assembly of packages against their Go declarations (go vet's
 * asmdecl), for frame-pointer clobbering (framepointer) and for NOSPLIT chains that overflow the
 * linker's limit, following one release's go vet and linker, and prints in go vet's format.
 */
public final class Vet {
    /**
     * @param patterns   directories, {@code dir/...} trees, .s files, or import paths ({@code std},
     *                   {@code crypto/aes}) of the release's GOROOT; empty means "."
     * @param json       -json: go vet's JSON output
     * @param verbose    -v: say which functions were not checked and why
     * @param nosplit    whether to run the NOSPLIT chain check
     * @param workingDir where relative names are read from, and what printed names are relative to
     * @param env        the environment (GOMODCACHE, GOPATH, HOME, CGO_ENABLED)
     */
    public record Options(List<String> patterns, boolean json, boolean verbose, boolean nosplit, Path workingDir,
                          Map<String, String> env, ReleaseProfile release) {
        public Options {
            patterns = List.copyOf(patterns);
            env = Map.copyOf(env);
        }
    }

    /** A package's findings, asmdecl's first and framepointer's next, as go vet prints them. */
    public record PackageReport(String importPath, List<Finding> findings) {
    }

    private final Options options;
    private final PrintStream out;
    private final PrintStream err;
    private final VetRules rules;
    private final GoDeclarations declarations;

    public Vet(Options options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.rules = options.release().vet();
        this.declarations = GoDeclarations.of(options.release(), options.env(), rules.zeroSizedFieldPadding());
    }

    /** Vets every package named and prints the findings; returns go vet's exit status. */
    public int run() {
        List<PackageReport> reports;
        try {
            reports = check();
        } catch (BadPattern e) {
            err.println(e.getMessage());
            return 1;
        }
        boolean any = reports.stream().anyMatch(r -> !r.findings().isEmpty());
        if (options.json()) {
            PrintStream to = rules.report().jsonToStdout() ? out : err;
            for (PackageReport r : reports) {
                if (rules.report().packageHeader()) {
                    err.println("# " + r.importPath());
                }
                to.print(json(r));
            }
            return 0;
        }
        for (PackageReport r : reports) {
            if (r.findings().isEmpty()) {
                continue;
            }
            if (rules.report().packageHeader()) {
                err.println("# " + r.importPath());
            }
            for (Finding f : r.findings()) {
                err.println(displayName(f.file()) + ":" + f.line() + ":1: " + f.message());
            }
        }
        return any ? rules.report().failureStatus() : 0;
    }

    /** A pattern that names nothing to vet. */
    static final class BadPattern extends RuntimeException {
        BadPattern(String message) {
            super(message, null, false, false);
        }
    }

    /** The findings per package, packages in the order named (trees in path order). */
    public List<PackageReport> check() {
        List<PackageReport> reports = new ArrayList<>();
        Map<Path, List<Path>> targets = targets();
        Path includeDir = generatedHeaders();
        for (Map.Entry<Path, List<Path>> t : targets.entrySet()) {
            Optional<GoPackage> pkg = declarations.packageIn(t.getKey());
            if (pkg.isEmpty()) {
                continue;
            }
            List<Path> asm = t.getValue().isEmpty() ? pkg.get().asmFiles : t.getValue();
            if (asm.isEmpty()) {
                continue;
            }
            reports.add(new PackageReport(pkg.get().importPath, checkPackage(pkg.get(), asm, includeDir)));
        }
        return reports;
    }

    private List<Finding> checkPackage(GoPackage pkg, List<Path> asmFiles, Path includeDir) {
        Map<String, GoDeclarations.Declared> declared = new LinkedHashMap<>();
        for (GoDeclarations.Declared d : declarations.functions(pkg)) {
            declared.put(d.name(), d);
        }
        List<Finding> asmdecl = new ArrayList<>();
        List<Finding> framepointer = new ArrayList<>();
        List<String> includes = List.of(includeDir.toString(),
                Path.of(options.release().goRoot(), "pkg", "include").toString());
        int checked = 0;
        int skipped = 0;
        for (Path file : asmFiles) {
            AsmSource source = AsmSource.read(file.toString(), options.workingDir(), includes, options.release());
            if (source.failure != null && options.verbose()) {
                err.println("vet: " + displayName(file.toString()) + ": read only in part: " + source.failure);
            }
            AsmDeclCheck check = new AsmDeclCheck(source, pkg.importPath, declared, rules, asmdecl::add, this::verbose);
            check.run();
            checked += check.checked;
            skipped += check.skipped;
            if (!pkg.importPath.equals("runtime")) {
                new FramePointerCheck(source, rules.framePointer(), framepointer::add).run();
            }
        }
        verbose(pkg.importPath + ": " + asmFiles.size() + " assembly files, " + checked
                + " functions checked against their declarations, " + skipped + " not checked");
        List<Finding> all = new ArrayList<>(asmdecl);
        all.addAll(framepointer);
        if (options.nosplit()) {
            NosplitVet.check(pkg, asmFiles, options.workingDir(), includes, options.release(), all::add,
                    this::verbose);
        }
        return all;
    }

    private void verbose(String line) {
        if (options.verbose()) {
            err.println("vet: " + line);
        }
    }

    /**
     * The package directories to vet, each with the assembly files named on the command line
     * (empty: all of the package's).
     */
    private Map<Path, List<Path>> targets() {
        Map<Path, List<Path>> targets = new LinkedHashMap<>();
        List<String> patterns = options.patterns().isEmpty() ? List.of(".") : options.patterns();
        Path src = Path.of(options.release().goRoot(), "src");
        for (String pattern : patterns) {
            Path wd = options.workingDir();
            if (pattern.equals("std")) {
                walk(src, targets, true);
            } else if (pattern.endsWith("/...")) {
                String root = pattern.substring(0, pattern.length() - 4);
                Path dir = isLocal(root) ? wd.resolve(root) : src.resolve(root);
                if (!Files.isDirectory(dir)) {
                    throw new BadPattern("pattern " + pattern + ": directory not found");
                }
                walk(dir, targets, false);
            } else if (pattern.endsWith(".s")) {
                Path file = wd.resolve(pattern);
                if (!Files.isRegularFile(file)) {
                    throw new BadPattern("open " + pattern + ": no such file or directory");
                }
                Path dir = file.toAbsolutePath().normalize().getParent();
                targets.computeIfAbsent(dir, d -> new ArrayList<>()).add(Path.of(pattern));
            } else {
                Path dir = isLocal(pattern) ? wd.resolve(pattern) : src.resolve(pattern);
                if (!Files.isDirectory(dir)) {
                    throw new BadPattern(isLocal(pattern) ? "stat " + pattern + ": directory not found"
                            : "package " + pattern + " is not in std (" + src + "/" + pattern + ")");
                }
                targets.putIfAbsent(dir.toAbsolutePath().normalize(), new ArrayList<>());
            }
        }
        return targets;
    }

    private static boolean isLocal(String pattern) {
        return pattern.equals(".") || pattern.equals("..") || pattern.startsWith("./") || pattern.startsWith("../")
                || pattern.startsWith("/");
    }

    /** Adds every directory under root as go's "dir/..." and "std" patterns do. */
    private static void walk(Path root, Map<Path, List<Path>> targets, boolean std) {
        TreeSet<Path> dirs = new TreeSet<>(Comparator.comparing(Path::toString));
        try (Stream<Path> s = Files.walk(root.toRealPath())) {
            s.filter(Files::isDirectory).forEach(dirs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path d : dirs) {
            Path rel = realPath(root).relativize(d);
            boolean skip = false;
            for (Path part : rel) {
                String n = part.toString();
                if (n.equals("testdata") || n.startsWith(".") || n.startsWith("_")) {
                    skip = true;
                }
            }
            if (std && (rel.startsWith("cmd") || rel.toString().equals("builtin"))) {
                skip = true;
            }
            if (!skip) {
                targets.putIfAbsent(d.toAbsolutePath().normalize(), new ArrayList<>());
            }
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /**
     * A directory with an empty go_asm.h: the compiler writes that header during a build, go vet
     * never reads it, and the assembly that includes it still has to be read.
     */
    private static Path generatedHeaders() {
        try {
            Path dir = Files.createTempDirectory("goasm-vet");
            Files.writeString(dir.resolve("go_asm.h"), "");
            dir.toFile().deleteOnExit();
            dir.resolve("go_asm.h").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How go vet prints a file name: relative to the working directory when under it. */
    private String displayName(String file) {
        Path abs = options.workingDir().resolve(file).toAbsolutePath().normalize();
        Path wd = options.workingDir().toAbsolutePath().normalize();
        if (abs.startsWith(wd)) {
            String rel = wd.relativize(abs).toString();
            return rules.report().dotSlashPaths() ? "./" + rel : rel;
        }
        return abs.toString();
    }

    private String json(PackageReport r) {
        StringBuilder sb = new StringBuilder();
        Map<String, List<Finding>> byAnalyzer = new java.util.TreeMap<>();
        for (Finding f : r.findings()) {
            byAnalyzer.computeIfAbsent(f.analyzer(), k -> new ArrayList<>()).add(f);
        }
        if (byAnalyzer.isEmpty()) {
            return "{}\n";
        }
        sb.append("{\n\t").append(jsonString(r.importPath())).append(": {\n");
        int a = 0;
        for (Map.Entry<String, List<Finding>> e : byAnalyzer.entrySet()) {
            sb.append("\t\t").append(jsonString(e.getKey())).append(": [\n");
            int i = 0;
            for (Finding f : e.getValue()) {
                String posn = options.workingDir().resolve(f.file()).toAbsolutePath().normalize() + ":" + f.line()
                        + ":1";
                sb.append("\t\t\t{\n\t\t\t\t\"posn\": ").append(jsonString(posn)).append(",\n");
                if (rules.report().jsonEnd()) {
                    sb.append("\t\t\t\t\"end\": ").append(jsonString(posn)).append(",\n");
                }
                sb.append("\t\t\t\t\"message\": ").append(jsonString(f.message())).append("\n\t\t\t}");
                sb.append(++i < e.getValue().size() ? ",\n" : "\n");
            }
            sb.append("\t\t]").append(++a < byAnalyzer.size() ? ",\n" : "\n");
        }
        sb.append("\t}\n}\n");
        return sb.toString();
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
