package goasm.godecl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which files of a directory belong to the linux/amd64 build of the followed release: file-name
 * suffixes ({@code _linux}, {@code _amd64}, {@code _test}) and build constraints
 * ({@code //go:build} expressions, and {@code // +build} lines).
 *
 * @param tags          the satisfied tags (GOOS, GOARCH, unix, gc, cgo, go1.N, goexperiment.X, ...)
 * @param readsGoBuild  whether {@code //go:build} lines are understood (else only {@code +build})
 */
record BuildContext(Set<String> tags, boolean readsGoBuild) {
    static final String GOOS = "linux";
    static final String GOARCH = "amd64";

    /** GOOS values a file-name suffix may name (go/build's knownOS). */
    private static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "hurd",
            "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows",
            "zos");
    /** GOARCH values a file-name suffix may name (go/build's knownArch). */
    private static final Set<String> KNOWN_ARCH = Set.of("386", "amd64", "amd64p32", "arm", "armbe", "arm64",
            "arm64be", "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc",
            "ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm");

    static BuildContext of(int goMinor, List<String> experiments, boolean cgo) {
        Set<String> tags = new HashSet<>();
        tags.add(GOOS);
        tags.add(GOARCH);
        tags.add("gc");
        if (goMinor >= 19) {
            tags.add("unix");
        }
        if (goMinor >= 18) {
            tags.add("amd64.v1");
        }
        if (cgo) {
            tags.add("cgo");
        }
        for (int i = 1; i <= goMinor; i++) {
            tags.add("go1." + i);
        }
        for (String e : experiments) {
            tags.add("goexperiment." + e);
        }
        return new BuildContext(Set.copyOf(tags), goMinor >= 17);
    }

    /** Whether a file of this name may belong to the build (suffix rules; test files excluded). */
    boolean matchesName(String fileName) {
        if (fileName.startsWith("_") || fileName.startsWith(".")) {
            return false;
        }
        int dot = fileName.indexOf('.');
        String stem = dot < 0 ? fileName : fileName.substring(0, dot);
        String[] parts = stem.split("_");
        int n = parts.length;
        if (n > 1 && parts[n - 1].equals("test")) {
            n--;
            if (fileName.endsWith(".go")) {
                return false;
            }
        }
        if (n >= 3 && KNOWN_OS.contains(parts[n - 2]) && KNOWN_ARCH.contains(parts[n - 1])) {
            return parts[n - 2].equals(GOOS) && parts[n - 1].equals(GOARCH);
        }
        if (n >= 2) {
            String last = parts[n - 1];
            if (KNOWN_OS.contains(last)) {
                return last.equals(GOOS);
            }
            if (KNOWN_ARCH.contains(last)) {
                return last.equals(GOARCH);
            }
        }
        return true;
    }

    /** Whether the header's constraint lines allow the file. */
    boolean matchesHeader(List<String> headerComments) {
        if (readsGoBuild) {
            for (String c : headerComments) {
                if (c.startsWith("//go:build ")) {
                    return new Expr(c.substring("//go:build ".length())).eval();
                }
            }
        }
        boolean ok = true;
        for (String c : headerComments) {
            String body = c.substring(2).trim();
            if (body.startsWith("+build ") || body.equals("+build")) {
                boolean any = false;
                for (String alternative : body.substring("+build".length()).trim().split("\\s+")) {
                    if (alternative.isEmpty()) {
                        continue;
                    }
                    boolean all = true;
                    for (String term : alternative.split(",")) {
                        all &= term.startsWith("!") ? !has(term.substring(1)) : has(term);
                    }
                    any |= all;
                }
                ok &= any;
            }
        }
        return ok;
    }

    private boolean has(String tag) {
        return tags.contains(tag);
    }

    /** A //go:build expression: ||, &&, !, parentheses, tags. */
    private final class Expr {
        private final String s;
        private int i;

        Expr(String s) {
            this.s = s;
        }

        boolean eval() {
            return or();
        }

        private boolean or() {
            boolean v = and();
            while (skip("||")) {
                v |= and();
            }
            return v;
        }

        private boolean and() {
            boolean v = not();
            while (skip("&&")) {
                v &= not();
            }
            return v;
        }

        private boolean not() {
            if (skip("!")) {
                return !not();
            }
            if (skip("(")) {
                boolean v = or();
                skip(")");
                return v;
            }
            space();
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                    || s.charAt(i) == '.')) {
                i++;
            }
            return has(s.substring(start, i));
        }

        private boolean skip(String token) {
            space();
            if (s.startsWith(token, i)) {
                i += token.length();
                return true;
            }
            return false;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
