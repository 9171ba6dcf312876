package goasm.conformance;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A readable account of where two texts first differ: the first differing line with a few
 * lines of context from each side, long lines cut short.
 */
public final class TextDiff {
    private static final int CONTEXT = 3;
    private static final int MAX_LINE = 300;

    private TextDiff() {
    }

    /**
     * Null when equal, else a report. Texts are byte-preserving strings (ISO-8859-1); lines are
     * shown decoded as UTF-8.
     */
    public static String firstDifference(String expectedName, String expected, String actualName, String actual) {
        if (expected.equals(actual)) {
            return null;
        }
        List<String> left = expected.lines().toList();
        List<String> right = actual.lines().toList();
        int line = 0;
        while (line < left.size() && line < right.size() && left.get(line).equals(right.get(line))) {
            line++;
        }
        StringBuilder report = new StringBuilder();
        if (line == left.size() && line == right.size()) {
            report.append("the texts differ only in line endings or a final newline (")
                    .append(expectedName).append(": ").append(expected.length()).append(" chars, ")
                    .append(actualName).append(": ").append(actual.length()).append(" chars)\n");
            return report.toString();
        }
        report.append("first difference at line ").append(line + 1).append(" (").append(expectedName)
                .append(": ").append(left.size()).append(" lines, ").append(actualName).append(": ")
                .append(right.size()).append(" lines)\n");
        int from = Math.max(0, line - CONTEXT);
        appendSide(report, expectedName, left, from, line);
        appendSide(report, actualName, right, from, line);
        return report.toString();
    }

    private static void appendSide(StringBuilder report, String name, List<String> lines, int from, int differing) {
        report.append("--- ").append(name).append('\n');
        int to = Math.min(lines.size(), differing + CONTEXT + 1);
        for (int i = from; i < to; i++) {
            report.append(i == differing ? "> " : "  ").append(String.format("%5d ", i + 1))
                    .append(shown(lines.get(i))).append('\n');
        }
        if (differing >= lines.size()) {
            report.append("> (end of output)\n");
        }
    }

    private static String shown(String line) {
        String text = new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        text = text.replace("\t", "\\t");
        return text.length() <= MAX_LINE ? text : text.substring(0, MAX_LINE) + "... (" + text.length() + " chars)";
    }
}
