package goasm.godecl;

import goasm.release.ReleaseProfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Go declarations of the functions a package writes in assembly, read as the followed
 * release's go command reads the package (GOROOT, build constraints for linux/amd64, imports
 * through modules and vendor directories) and laid out as the stack ABI passes their arguments.
 */
public final class GoDeclarations {
    /**
     * One function declared without a body.
     *
     * @param name       its name in the package
     * @param file       the Go file that declares it
     * @param line       the declaration's line
     * @param frame      its arguments and results with offsets and sizes, or empty when a type
     *                   cannot be resolved
     * @param unresolved why not (empty when the frame is known)
     */
    public record Declared(String name, String file, int line, Optional<ArgFrame> frame, String unresolved) {
    }

    private final PackageLoader loader;
    private final TypeResolver resolver;

    private GoDeclarations(PackageLoader loader, TypeResolver resolver) {
        this.loader = loader;
        this.resolver = resolver;
    }

    /**
     * Reads packages for the release.
     *
     * @param env                   GOMODCACHE, GOPATH, HOME (where modules are found) and CGO_ENABLED
     * @param zeroSizedFieldPadding whether a struct ending in a zero-sized field gets a byte of
     *                              padding (the compiler's layout; go vet's sizes learned it late)
     */
    public static GoDeclarations of(ReleaseProfile release, Map<String, String> env, boolean zeroSizedFieldPadding) {
        boolean cgo = !"0".equals(env.getOrDefault("CGO_ENABLED", "1"));
        BuildContext build = BuildContext.of(release.release().minor(), release.experiments().defaults(), cgo);
        PackageLoader loader = new PackageLoader(Path.of(release.goRoot()), build, modCache(env));
        return new GoDeclarations(loader, new TypeResolver(loader, zeroSizedFieldPadding));
    }

    private static Path modCache(Map<String, String> env) {
        if (env.containsKey("GOMODCACHE")) {
            return Path.of(env.get("GOMODCACHE"));
        }
        String gopath = env.getOrDefault("GOPATH", "");
        if (!gopath.isEmpty()) {
            return Path.of(gopath.split(":")[0], "pkg", "mod");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home", ""));
        return home.isEmpty() ? null : Path.of(home, "go", "pkg", "mod");
    }

    /** The package in a directory, under the import path the go command would give it; empty without Go files. */
    public Optional<GoPackage> packageIn(Path dir) {
        return loader.readDir(dir, loader.importPathOf(dir));
    }

    /** Every function the package declares without a body, in the order of its files. */
    public List<Declared> functions(GoPackage pkg) {
        List<Declared> out = new ArrayList<>();
        for (GoPackage.Scoped<GoFile.FuncDecl> f : pkg.funcs.values()) {
            out.add(declared(f, pkg));
        }
        return out;
    }

    /** The function of that name the package declares without a body. */
    public Optional<Declared> function(GoPackage pkg, String name) {
        GoPackage.Scoped<GoFile.FuncDecl> f = pkg.funcs.get(name);
        return f == null ? Optional.empty() : Optional.of(declared(f, pkg));
    }

    private Declared declared(GoPackage.Scoped<GoFile.FuncDecl> f, GoPackage pkg) {
        GoFile.FuncDecl d = f.decl();
        try {
            ArgFrame frame = new ArgFrame(params(d.params(), pkg, f.imports()), params(d.results(), pkg, f.imports()));
            return new Declared(d.name(), f.file(), d.line(), Optional.of(frame), "");
        } catch (TypeResolver.Unresolved e) {
            return new Declared(d.name(), f.file(), d.line(), Optional.empty(), e.getMessage());
        }
    }

    private List<ArgFrame.Param> params(List<TypeExpr.Field> fields, GoPackage pkg, Map<String, String> imports) {
        List<ArgFrame.Param> list = new ArrayList<>();
        for (TypeExpr.Field field : fields) {
            Layout type = resolver.resolve(field.type(), pkg, imports);
            if (field.names().isEmpty()) {
                list.add(new ArgFrame.Param(null, type));
            } else {
                for (String name : field.names()) {
                    list.add(new ArgFrame.Param(name, type));
                }
            }
        }
        return list;
    }
}
