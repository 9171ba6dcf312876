package goasm.lex;

import java.util.ArrayList;
import java.util.List;

/** Go's path/filepath Dir, Join and Clean for slash-separated paths, so messages name paths as Go does. */
final class GoPaths {
    private GoPaths() {
    }

    static String dir(String path) {
        int slash = path.lastIndexOf('/');
        return clean(slash < 0 ? "" : path.substring(0, slash + 1));
    }

    static String join(String dir, String name) {
        if (dir.isEmpty()) {
            return name.isEmpty() ? "" : clean(name);
        }
        return clean(dir + "/" + name);
    }

    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
                    parts.remove(parts.size() - 1);
                } else if (!rooted) {
                    parts.add(part);
                }
                continue;
            }
            parts.add(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
