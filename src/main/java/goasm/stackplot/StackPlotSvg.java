package goasm.stackplot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code run --plot}: a standalone SVG of a {@link StackTimeline}. Top: the stack size of the
 * goroutines with the largest stacks (log scale, guest instructions on x), growth marked ▲ and
 * shrinks ▼ (hover: the bytes copied), GC cycles as dashed lines. Bottom: the summary of all
 * goroutines, total bytes of live stacks and the number of live goroutines.
 */
public final class StackPlotSvg {
    /** Goroutines drawn one by one; the others appear in the summary only. */
    static final int DRAWN = 12;
    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939"};
    private static final int WIDTH = 960;
    private static final int LEFT = 80;
    private static final int RIGHT = 90;
    private static final int TOP_Y = 70;
    private static final int TOP_H = 300;
    private static final int BOTTOM_Y = 450;
    private static final int BOTTOM_H = 150;
    private static final int HEIGHT = 660;

    private StackPlotSvg() {
    }

    public static String render(String title, StackTimeline t) {
        long end = Math.max(1, t.end());
        int plotW = WIDTH - LEFT - RIGHT;
        List<StackTimeline.Series> drawn = t.series().stream()
                .sorted(Comparator.comparingLong(StackTimeline.Series::maxSize).reversed()
                        .thenComparing(Comparator.comparingInt((StackTimeline.Series s) -> s.points().size()).reversed())
                        .thenComparingLong(StackTimeline.Series::goid))
                .limit(DRAWN).sorted(Comparator.comparingLong(StackTimeline.Series::goid)).toList();
        long minSize = drawn.stream().flatMap(s -> s.points().stream()).mapToLong(StackTimeline.Point::size).min()
                .orElse(2048);
        long maxSize = drawn.stream().mapToLong(StackTimeline.Series::maxSize).max().orElse(4096);
        int lo = log2(minSize);
        int hi = Math.max(lo + 1, log2(maxSize));

        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        out.append("<text x=\"").append(LEFT).append("\" y=\"24\" font-size=\"16\" font-weight=\"bold\">")
                .append(esc(title)).append("</text>\n");
        out.append("<text x=\"").append(LEFT).append("\" y=\"44\" fill=\"#444\">")
                .append(esc("stack size per goroutine (" + drawn.size() + " of " + t.created() + " goroutines, "
                        + (t.moves().isEmpty() ? "no stack grew or shrank" : "the largest stacks")
                        + "); ▲ growth, ▼ shrink (hover: bytes copied); dashed: GC"))
                .append("</text>\n");

        // Axes and grid of the top panel: one line per power of two.
        for (int e = lo; e <= hi; e++) {
            double y = TOP_Y + TOP_H - (double) (e - lo) / (hi - lo) * TOP_H;
            out.append(line(LEFT, y, LEFT + plotW, y, "#e4e4e4", 1, null));
            out.append(text(LEFT - 8, y + 4, "end", size(1L << e)));
        }
        axes(out, TOP_Y, TOP_H, plotW, end);

        // GC cycles across both panels.
        double lastLabel = -1e9;
        for (StackTimeline.Gc gc : t.gcs()) {
            double x = LEFT + (double) gc.instructions() / end * plotW;
            out.append("<line x1=\"").append(f(x)).append("\" y1=\"").append(TOP_Y).append("\" x2=\"").append(f(x))
                    .append("\" y2=\"").append(BOTTOM_Y + BOTTOM_H).append("\" stroke=\"#999\" stroke-dasharray=\"4 3\">")
                    .append("<title>").append(esc("GC " + gc.cycle() + ": " + gc.scanned() + " stacks scanned, "
                            + gc.shrunk() + " shrunk")).append("</title></line>\n");
            if (x - lastLabel >= 40) {
                // Labels only where they do not run into each other; every line has its title.
                out.append(text(x + 2, TOP_Y - 4, "start", "GC " + gc.cycle()));
                lastLabel = x;
            }
        }

        // One step line per drawn goroutine, its moves marked.
        Map<Long, String> colour = new java.util.HashMap<>();
        for (int i = 0; i < drawn.size(); i++) {
            StackTimeline.Series s = drawn.get(i);
            String c = PALETTE[i % PALETTE.length];
            colour.put(s.goid(), c);
            StringBuilder path = new StringBuilder();
            double prevY = 0;
            for (int k = 0; k < s.points().size(); k++) {
                StackTimeline.Point p = s.points().get(k);
                double x = LEFT + (double) p.instructions() / end * plotW;
                double y = TOP_Y + TOP_H - (log2exact(p.size()) - lo) / (hi - lo) * TOP_H;
                path.append(k == 0 ? "M" + f(x) + " " + f(y) : " H" + f(x) + " V" + f(y));
                prevY = y;
            }
            long last = s.end() >= 0 ? s.end() : end;
            path.append(" H").append(f(LEFT + (double) last / end * plotW));
            out.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(c)
                    .append("\" stroke-width=\"2\"><title>goroutine ").append(s.goid()).append("</title></path>\n");
            if (s.end() >= 0) {
                out.append("<circle cx=\"").append(f(LEFT + (double) s.end() / end * plotW)).append("\" cy=\"")
                        .append(f(prevY)).append("\" r=\"3\" fill=\"").append(c).append("\"><title>goroutine ")
                        .append(s.goid()).append(" exits</title></circle>\n");
            }
        }
        Set<Long> drawnIds = drawn.stream().map(StackTimeline.Series::goid).collect(Collectors.toSet());
        for (StackTimeline.Move m : t.moves()) {
            if (!drawnIds.contains(m.goid())) {
                continue;
            }
            double x = LEFT + (double) m.instructions() / end * plotW;
            double y = TOP_Y + TOP_H - (log2exact(m.newSize()) - lo) / (hi - lo) * TOP_H;
            String shape = m.grew()
                    ? "M" + f(x) + " " + f(y - 7) + " L" + f(x - 5) + " " + f(y + 2) + " L" + f(x + 5) + " " + f(y + 2) + " Z"
                    : "M" + f(x) + " " + f(y + 7) + " L" + f(x - 5) + " " + f(y - 2) + " L" + f(x + 5) + " " + f(y - 2) + " Z";
            out.append("<path d=\"").append(shape).append("\" fill=\"").append(colour.get(m.goid()))
                    .append("\" stroke=\"#000\" stroke-width=\"0.5\"><title>")
                    .append(esc((m.grew() ? "grow" : "shrink") + " goroutine " + m.goid() + ": " + size(m.oldSize())
                            + " → " + size(m.newSize()) + ", " + m.copied() + " bytes copied at instruction "
                            + m.instructions()))
                    .append("</title></path>\n");
        }
        // Legend under the top panel.
        double lx = LEFT;
        for (StackTimeline.Series s : drawn) {
            out.append("<rect x=\"").append(f(lx)).append("\" y=\"").append(TOP_Y + TOP_H + 34)
                    .append("\" width=\"12\" height=\"4\" fill=\"").append(colour.get(s.goid())).append("\"/>");
            out.append(text(lx + 16, TOP_Y + TOP_H + 40, "start", "g" + s.goid()));
            lx += 60;
        }
        out.append('\n');

        summary(out, t, plotW, end);
        out.append("</svg>\n");
        return out.toString();
    }

    /** The bottom panel: total bytes of live stacks (left axis) and live goroutines (right axis). */
    private static void summary(StringBuilder out, StackTimeline t, int plotW, long end) {
        List<StackTimeline.Total> totals = t.totals();
        // Four steps of a round size: a power of two of bytes, 1, 2 or 5 times a power of ten goroutines.
        long byteStep = Long.highestOneBit(Math.max(1, totals.stream().mapToLong(StackTimeline.Total::bytes).max()
                .orElse(1) - 1) / 4) * 2;
        long maxBytes = Math.max(4, byteStep * 4);
        long maxG = roundStep(totals.stream().mapToLong(StackTimeline.Total::goroutines).max().orElse(1)) * 4;
        out.append(text(LEFT, BOTTOM_Y - 10, "start", "all goroutines: bytes of live stacks (blue, left), "
                + "live goroutines (orange, right); peaks of each stretch of time"));
        for (int k = 0; k <= 4; k++) {
            double y = BOTTOM_Y + BOTTOM_H - k / 4.0 * BOTTOM_H;
            out.append(line(LEFT, y, LEFT + plotW, y, "#e4e4e4", 1, null));
            out.append(text(LEFT - 8, y + 4, "end", size(maxBytes * k / 4)));
            out.append(text(LEFT + plotW + 8, y + 4, "start", count(maxG * k / 4)));
        }
        axes(out, BOTTOM_Y, BOTTOM_H, plotW, end);
        out.append(step(totals, StackTimeline.Total::bytes, maxBytes, plotW, end, "#1f77b4"));
        out.append(step(totals, StackTimeline.Total::goroutines, maxG, plotW, end, "#ff7f0e"));
        out.append(text(LEFT + plotW / 2.0, HEIGHT - 12, "middle", "guest instructions (run of " + end + ")"));
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least a quarter of {@code max}. */
    private static long roundStep(long max) {
        long quarter = Math.max(1, (max + 3) / 4);
        for (long p = 1; ; p *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * p >= quarter) {
                    return m * p;
                }
            }
        }
    }

    private static String step(List<StackTimeline.Total> totals, java.util.function.ToLongFunction<StackTimeline.Total> v,
                               long max, int plotW, long end, String colour) {
        StringBuilder path = new StringBuilder();
        for (int k = 0; k < totals.size(); k++) {
            StackTimeline.Total p = totals.get(k);
            double x = LEFT + (double) p.instructions() / end * plotW;
            double y = BOTTOM_Y + BOTTOM_H - (double) v.applyAsLong(p) / max * BOTTOM_H;
            path.append(k == 0 ? "M" + f(x) + " " + f(y) : " H" + f(x) + " V" + f(y));
        }
        if (path.isEmpty()) {
            return "";
        }
        return "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\"/>\n";
    }

    private static void axes(StringBuilder out, int y0, int h, int plotW, long end) {
        out.append(line(LEFT, y0, LEFT, y0 + h, "#333", 1, null));
        out.append(line(LEFT, y0 + h, LEFT + plotW, y0 + h, "#333", 1, null));
        for (int k = 0; k <= 4; k++) {
            double x = LEFT + k / 4.0 * plotW;
            out.append(line(x, y0 + h, x, y0 + h + 4, "#333", 1, null));
            out.append(text(x, y0 + h + 16, "middle", count(end * k / 4)));
        }
    }

    private static String line(double x1, double y1, double x2, double y2, String stroke, double width, String dash) {
        return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\""
                + stroke + "\" stroke-width=\"" + f(width) + "\"" + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"")
                + "/>\n";
    }

    private static String text(double x, double y, String anchor, String s) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\">" + esc(s) + "</text>\n";
    }

    private static int log2(long v) {
        return 63 - Long.numberOfLeadingZeros(Math.max(1, v));
    }

    private static double log2exact(long v) {
        return Math.log(Math.max(1, v)) / Math.log(2);
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + " GB";
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return bytes / (1 << 10) + " KB";
        }
        if (bytes >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
        }
        if (bytes >= 1 << 10) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return bytes + " B";
    }

    private static String count(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 1_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return Long.toString(n);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
