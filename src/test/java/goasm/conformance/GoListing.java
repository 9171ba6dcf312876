package goasm.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code -S} listing read back per source line: the instruction text Go prints for the line
 * and the bytes the line's instructions occupy (from its pc up to the next instruction's pc, or
 * the function's end).
 */
record GoListing(Map<Integer, Line> lines) {
    /** One source line's instructions. */
    record Line(String text, String hex) {
    }

    private static final Pattern HEADER = Pattern.compile("^(\\S+) (\\S+) .*size=(\\d+) .*");
    private static final Pattern INSTRUCTION = Pattern.compile("^\t0x([0-9a-f]+) \\d{5} \\(.*:(\\d+)\\)\t(.*)$");
    private static final Pattern DUMP = Pattern.compile("^\t0x([0-9a-f]+) ((?:[0-9a-f]{2} )+)");

    private record Inst(int pc, int line, String text) {
    }

    /** Reads the listing; only functions (STEXT) count, the TEXT lines themselves do not. */
    static GoListing parse(String listing) {
        Map<Integer, Line> out = new LinkedHashMap<>();
        List<Inst> insts = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        boolean inText = false;
        int size = 0;
        for (String l : (listing + "\nEND x size=0 \n").split("\n")) {
            Matcher h = HEADER.matcher(l);
            if (!l.startsWith("\t") && h.matches()) {
                if (inText) {
                    collect(insts, code.toString(), size, out);
                }
                insts.clear();
                code.setLength(0);
                inText = h.group(2).equals("STEXT");
                size = Integer.parseInt(h.group(3));
                continue;
            }
            if (!inText) {
                continue;
            }
            Matcher i = INSTRUCTION.matcher(l);
            if (i.matches()) {
                insts.add(new Inst(Integer.parseInt(i.group(1), 16), Integer.parseInt(i.group(2)), i.group(3)));
                continue;
            }
            Matcher d = DUMP.matcher(l);
            if (d.find()) {
                code.append(d.group(2).replace(" ", ""));
            }
        }
        return new GoListing(out);
    }

    private static void collect(List<Inst> insts, String hex, int size, Map<Integer, Line> out) {
        Map<Integer, StringBuilder> texts = new HashMap<>();
        Map<Integer, int[]> ranges = new HashMap<>();
        for (int k = 0; k < insts.size(); k++) {
            Inst in = insts.get(k);
            if (in.text.startsWith("TEXT\t")) {
                continue;
            }
            int end = k + 1 < insts.size() ? insts.get(k + 1).pc : size;
            texts.computeIfAbsent(in.line, x -> new StringBuilder()).append(in.text).append('\n');
            int[] r = ranges.computeIfAbsent(in.line, x -> new int[] {in.pc, end});
            r[1] = Math.max(r[1], end);
        }
        for (Inst in : insts) {
            int[] r = ranges.get(in.line);
            if (r == null || out.containsKey(in.line)) {
                continue;
            }
            String bytes = 2 * r[1] <= hex.length() ? hex.substring(2 * r[0], 2 * r[1]) : "?";
            out.put(in.line, new Line(texts.get(in.line).toString().strip(), bytes));
        }
    }
}
