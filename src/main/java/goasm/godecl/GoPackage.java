package goasm.godecl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Go package as the build sees it: its import path, directory, the assembly files and the
 * declarations of its Go files (each with the imports of the file it is written in).
 */
public final class GoPackage {
    /** A declaration together with the import names of its file and the file's name. */
    record Scoped<T>(T decl, Map<String, String> imports, String file) {
    }

    public final String importPath;
    public final Path dir;
    public final String name;
    public final List<Path> asmFiles;
    final Map<String, Scoped<GoFile.FuncDecl>> funcs = new LinkedHashMap<>();
    final Map<String, Scoped<GoFile.TypeDecl>> types = new LinkedHashMap<>();
    final Map<String, Scoped<GoFile.ConstDecl>> consts = new LinkedHashMap<>();

    GoPackage(String importPath, Path dir, String name, List<Path> asmFiles, List<GoFile> files) {
        this.importPath = importPath;
        this.dir = dir;
        this.name = name;
        this.asmFiles = List.copyOf(asmFiles);
        for (GoFile f : files) {
            for (GoFile.FuncDecl d : f.bodilessFuncs) {
                funcs.putIfAbsent(d.name(), new Scoped<>(d, f.imports, f.fileName));
            }
            for (GoFile.TypeDecl d : f.types.values()) {
                types.putIfAbsent(d.name(), new Scoped<>(d, f.imports, f.fileName));
            }
            for (GoFile.ConstDecl d : f.consts.values()) {
                consts.putIfAbsent(d.name(), new Scoped<>(d, f.imports, f.fileName));
            }
        }
    }
}
