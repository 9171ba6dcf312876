package goasm.emit.goobj;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How Go records a source file in an object (objabi.AbsFile): made absolute against the working
 * directory, rewritten by -trimpath, and with a Go root prefix spelled "$GOROOT" when -trimpath
 * did not apply. The object's file symbols carry a release's prefix ("gofile.." until Go 1.21).
 *
 * @param workingDir the directory relative names are resolved against
 * @param trimPath   -trimpath: ";"-separated "prefix" or "prefix=>replacement" rewrites
 * @param goRoot     the Go root whose files are recorded as $GOROOT/...; empty for none
 * @param fileSymbolPrefix what a file symbol's name starts with
 */
record SourcePaths(String workingDir, String trimPath, String goRoot, String fileSymbolPrefix) {

    /** The file symbol's name for a source file as the assembler opened it. */
    String fileSymbol(String file) {
        return fileSymbolPrefix + absolute(file);
    }

    String absolute(String file) {
        String abs = file;
        if (!workingDir.isEmpty() && !file.startsWith("/")) {
            abs = clean(workingDir + "/" + file);
        }
        String rewritten = rewrite(abs);
        if (rewritten != null) {
            abs = rewritten;
        } else if (!goRoot.isEmpty() && hasPathPrefix(abs, goRoot)) {
            abs = "$GOROOT" + abs.substring(goRoot.length());
        }
        return abs.isEmpty() ? "??" : abs;
    }

    /** The first -trimpath rule that applies, or null. */
    private String rewrite(String path) {
        for (String rule : trimPath.split(";", -1)) {
            String prefix = rule;
            String replacement = "";
            int arrow = rule.lastIndexOf("=>");
            if (arrow >= 0) {
                prefix = rule.substring(0, arrow);
                replacement = rule.substring(arrow + 2);
            }
            if (prefix.isEmpty() || !hasPathPrefix(path, prefix)) {
                continue;
            }
            if (path.length() == prefix.length()) {
                return replacement;
            }
            if (replacement.isEmpty()) {
                return path.substring(prefix.length() + 1);
            }
            return replacement + path.substring(prefix.length());
        }
        return null;
    }

    /** Whether t is s or a leading run of s's path elements (ASCII case and slash direction folded). */
    static boolean hasPathPrefix(String s, String t) {
        if (t.length() > s.length()) {
            return false;
        }
        int i = 0;
        for (; i < t.length(); i++) {
            if (fold(s.charAt(i)) != fold(t.charAt(i))) {
                return false;
            }
        }
        return i >= s.length() || s.charAt(i) == '/' || s.charAt(i) == '\\';
    }

    private static char fold(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        return c == '\\' ? '/' : c;
    }

    /** Go's path cleaning: no empty or "." elements, ".." removes the element before it. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        int leadingDotDots = 0;
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                } else if (!rooted) {
                    leadingDotDots++;
                }
                continue;
            }
            parts.addLast(part);
        }
        StringBuilder sb = new StringBuilder(rooted ? "/" : "");
        for (int i = 0; i < leadingDotDots; i++) {
            sb.append(sb.isEmpty() || sb.charAt(sb.length() - 1) == '/' ? "" : "/").append("..");
        }
        for (String part : parts) {
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != '/') {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.isEmpty() ? "." : sb.toString();
    }
}
