package goasm.godecl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds and reads packages the way the go command would for linux/amd64: in the followed
 * release's GOROOT/src (and its vendor directories), in the module of the directory read, its
 * vendor directory, and the module cache.
 */
final class PackageLoader {
    private final Path goRoot;
    private final BuildContext build;
    private final Path modCache;
    private final Map<String, Optional<GoPackage>> byPath = new HashMap<>();

    PackageLoader(Path goRoot, BuildContext build, Path modCache) {
        this.goRoot = goRoot;
        this.build = build;
        this.modCache = modCache;
    }

    /** The module a directory is in: its root and path, from the nearest go.mod. */
    record Module(Path root, String path, Map<String, String> requires) {
    }

    private final Map<Path, Optional<Module>> modules = new HashMap<>();

    Optional<Module> moduleOf(Path dir) {
        return modules.computeIfAbsent(dir, d -> {
            for (Path p = d; p != null; p = p.getParent()) {
                Path mod = p.resolve("go.mod");
                if (Files.isRegularFile(mod)) {
                    return Optional.of(readModule(p, mod));
                }
            }
            return Optional.empty();
        });
    }

    private static Module readModule(Path root, Path goMod) {
        String path = "";
        Map<String, String> requires = new HashMap<>();
        try {
            boolean inRequire = false;
            for (String raw : Files.readAllLines(goMod, StandardCharsets.UTF_8)) {
                String line = raw.replaceAll("//.*", "").trim();
                if (line.startsWith("module ")) {
                    path = line.substring(7).trim().replace("\"", "");
                } else if (line.startsWith("require (")) {
                    inRequire = true;
                } else if (inRequire && line.equals(")")) {
                    inRequire = false;
                } else if (inRequire || line.startsWith("require ")) {
                    String[] f = line.replaceFirst("^require\\s+", "").split("\\s+");
                    if (f.length >= 2) {
                        requires.put(f[0], f[1]);
                    }
                }
            }
        } catch (IOException e) {
            // An unreadable go.mod: no module path, nothing required.
        }
        return new Module(root, path, requires);
    }

    /** The import path of a directory: under GOROOT/src, or in a module, else its own path. */
    String importPathOf(Path dir) {
        Path src = real(goRoot.resolve("src"));
        Path abs = real(dir);
        if (abs.startsWith(src)) {
            String rel = src.relativize(abs).toString();
            return rel.startsWith("cmd/vendor/") ? rel.substring("cmd/vendor/".length()) : rel;
        }
        Optional<Module> m = moduleOf(abs);
        if (m.isPresent() && !m.get().path().isEmpty()) {
            String rel = m.get().root().toAbsolutePath().normalize().relativize(abs).toString();
            return rel.isEmpty() ? m.get().path() : m.get().path() + "/" + rel;
        }
        return "command-line-arguments";
    }

    /** The package imported as {@code path} from code in {@code fromDir}, if it is on disk. */
    Optional<GoPackage> load(String path, Path fromDir) {
        Optional<Path> dir = find(path, fromDir);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        String key = dir.get().toAbsolutePath().normalize().toString();
        Optional<GoPackage> cached = byPath.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<GoPackage> pkg = readDir(dir.get(), path);
        byPath.put(key, pkg);
        return pkg;
    }

    private Optional<Path> find(String path, Path fromDir) {
        Path src = goRoot.resolve("src");
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        boolean std = !first.contains(".");
        Path abs = real(fromDir);
        if (std) {
            Path p = src.resolve(path);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        if (abs.startsWith(real(src))) {
            boolean inCmd = abs.startsWith(real(src).resolve("cmd"));
            Path p = src.resolve(inCmd ? "cmd/vendor" : "vendor").resolve(path);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        Optional<Module> m = moduleOf(abs);
        if (m.isPresent()) {
            Module mod = m.get();
            if (path.equals(mod.path()) || path.startsWith(mod.path() + "/")) {
                Path p = mod.root().resolve(path.substring(mod.path().length()).replaceFirst("^/", ""));
                return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
            }
            Path vendored = mod.root().resolve("vendor").resolve(path);
            if (Files.isDirectory(vendored)) {
                return Optional.of(vendored);
            }
            String best = null;
            for (String req : mod.requires().keySet()) {
                if ((path.equals(req) || path.startsWith(req + "/")) && (best == null || req.length() > best.length())) {
                    best = req;
                }
            }
            if (best != null && modCache != null) {
                Path p = modCache.resolve(escape(best) + "@" + mod.requires().get(best))
                        .resolve(path.substring(best.length()).replaceFirst("^/", ""));
                return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The module cache's spelling of a path: upper-case letters become '!' and the lower-case letter. */
    private static String escape(String path) {
        StringBuilder sb = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('!').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Reads the package in {@code dir}; empty when it has no Go files for this build. */
    Optional<GoPackage> readDir(Path dir, String importPath) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        List<GoFile> goFiles = new ArrayList<>();
        List<Path> asm = new ArrayList<>();
        String name = null;
        List<GoFile> testFiles = new ArrayList<>();
        for (Path f : entries) {
            String fileName = f.getFileName().toString();
            boolean go = fileName.endsWith(".go");
            boolean s = fileName.endsWith(".s");
            if (!go && !s) {
                continue;
            }
            boolean test = go && fileName.endsWith("_test.go");
            String checkedName = test ? fileName.substring(0, fileName.length() - "_test.go".length()) + ".go" : fileName;
            if (!build.matchesName(checkedName)) {
                continue;
            }
            String text;
            try {
                text = Files.readString(f, StandardCharsets.ISO_8859_1);
                text = new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            if (s) {
                if (build.matchesHeader(new GoTokens(headerOnly(text)).headerComments)) {
                    asm.add(f);
                }
                continue;
            }
            GoFile header = GoFile.header(text);
            if (!build.matchesHeader(header.headerComments)) {
                continue;
            }
            if (test) {
                testFiles.add(GoFile.parse(text, fileName));
                continue;
            }
            if (name == null) {
                name = header.packageName;
            }
            if (!header.packageName.equals(name)) {
                continue;
            }
            goFiles.add(GoFile.parse(text, fileName));
        }
        if (name == null) {
            return Optional.empty();
        }
        for (GoFile t : testFiles) {
            // In-package test files declare functions for the package's test build, which go vet checks.
            if (t.packageName.equals(name)) {
                goFiles.add(t);
            }
        }
        return Optional.of(new GoPackage(importPath, dir, name, asm, goFiles));
    }

    /** The leading comment block of an assembly file (its build constraints). */
    private static String headerOnly(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("//")) {
                break;
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
