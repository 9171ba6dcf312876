package goasm.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Go declarations of assembly functions ({@code func name(params) results}, one line each,
 * no body) in the .go files beside the .s, with ABI0 offsets for the types whose amd64 size is
 * known here. Deliberately small: a line-based reader, to be replaced by a real Go declaration
 * parser when one exists in the project.
 */
final class GoDeclarations {
    /** A parameter or result: its name, type, and offset from FP when every type before it is known. */
    record Param(String name, String type, boolean result, OptionalLong offset, OptionalLong size) {
    }

    record Declaration(String name, String file, List<Param> params) {
    }

    private static final Pattern FUNC = Pattern.compile("^func\\s+([\\p{L}_][\\p{L}\\p{N}_]*)\\s*\\((.*?)\\)\\s*(.*?)\\s*$");

    private final Map<String, Declaration> byName;

    private GoDeclarations(Map<String, Declaration> byName) {
        this.byName = byName;
    }

    static GoDeclarations none() {
        return new GoDeclarations(Map.of());
    }

    /** Reads every .go file (tests excluded) in the directories of {@code asmFiles}. */
    static GoDeclarations beside(List<Path> asmFiles) {
        Map<String, Declaration> found = new HashMap<>();
        asmFiles.stream().map(p -> p.toAbsolutePath().getParent()).distinct().forEach(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".go") && !f.toString().endsWith("_test.go"))
                        .sorted().forEach(f -> read(f, found));
            } catch (IOException | RuntimeException e) {
                // No declarations: explain uses the names written in the assembly.
            }
        });
        return new GoDeclarations(found);
    }

    private static void read(Path file, Map<String, Declaration> into) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (String line : lines) {
            Matcher m = FUNC.matcher(line.strip());
            if (m.matches() && !m.group(3).endsWith("{") && !m.group(3).contains("{")) {
                List<Param> params = layout(split(m.group(2), false), split(results(m.group(3)), true));
                into.putIfAbsent(m.group(1), new Declaration(m.group(1), file.getFileName().toString(), params));
            }
        }
    }

    /** The declaration of the function whose symbol ends in ".name" or "·name". */
    Optional<Declaration> of(String symbolName) {
        int dot = Math.max(symbolName.lastIndexOf('.'), symbolName.lastIndexOf('·'));
        return Optional.ofNullable(byName.get(symbolName.substring(dot + 1)));
    }

    private static String results(String s) {
        s = s.strip();
        if (s.startsWith("(") && s.endsWith(")")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private record Named(String name, String type, boolean result) {
    }

    /** "a, b int64, p *T" → (a int64) (b int64) (p *T); unnamed ones are called ret, ret1, ... (results) or argN. */
    private static List<Named> split(String list, boolean results) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : list.toCharArray()) {
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            parts.add(cur.toString().strip());
        }
        boolean named = parts.stream().anyMatch(p -> p.matches("[\\p{L}_][\\p{L}\\p{N}_]*\\s+\\S.*"));
        List<Named> out = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (String part : parts) {
            if (!named) {
                String name = results ? (out.isEmpty() ? "ret" : "ret" + out.size()) : "arg" + out.size();
                out.add(new Named(name, part, results));
                continue;
            }
            String[] nameType = part.split("\\s+", 2);
            if (nameType.length == 1) {
                pending.add(nameType[0]);
                continue;
            }
            for (String p : pending) {
                out.add(new Named(p, nameType[1].strip(), results));
            }
            pending.clear();
            out.add(new Named(nameType[0], nameType[1].strip(), results));
        }
        return out;
    }

    /** ABI0: arguments in order, each aligned to its type; results from the next pointer-aligned offset. */
    private static List<Param> layout(List<Named> args, List<Named> results) {
        List<Param> out = new ArrayList<>();
        long off = 0;
        boolean known = true;
        for (Named n : args) {
            off = place(n, off, known, out);
            known = off >= 0;
        }
        if (known) {
            off = align(off, 8);
        }
        for (Named n : results) {
            off = place(n, known ? off : -1, known, out);
            known = off >= 0;
        }
        return out;
    }

    private static long place(Named n, long off, boolean known, List<Param> out) {
        long[] sa = sizeAlign(n.type());
        if (!known || sa == null) {
            out.add(new Param(n.name(), n.type(), n.result(), OptionalLong.empty(),
                    sa == null ? OptionalLong.empty() : OptionalLong.of(sa[0])));
            return -1;
        }
        long at = align(off, sa[1]);
        out.add(new Param(n.name(), n.type(), n.result(), OptionalLong.of(at), OptionalLong.of(sa[0])));
        return at + sa[0];
    }

    private static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }

    /** amd64 size and alignment of the types this reader knows; null for the others. */
    private static long[] sizeAlign(String type) {
        String t = type.strip();
        if (t.startsWith("*") || t.startsWith("map[") || t.startsWith("chan ") || t.startsWith("func(")) {
            return new long[] {8, 8};
        }
        if (t.startsWith("[]")) {
            return new long[] {24, 8};
        }
        Matcher array = Pattern.compile("^\\[(\\d+)](.+)$").matcher(t);
        if (array.matches()) {
            long[] e = sizeAlign(array.group(2));
            return e == null ? null : new long[] {Long.parseLong(array.group(1)) * e[0], e[1]};
        }
        return switch (t) {
            case "int", "uint", "uintptr", "int64", "uint64", "float64", "unsafe.Pointer" -> new long[] {8, 8};
            case "int32", "uint32", "float32", "rune" -> new long[] {4, 4};
            case "int16", "uint16" -> new long[] {2, 2};
            case "int8", "uint8", "byte", "bool" -> new long[] {1, 1};
            case "string", "any", "error", "interface{}", "complex128" -> new long[] {16, 8};
            case "complex64" -> new long[] {8, 4};
            default -> null;
        };
    }
}
