package goasm.explain;

import java.util.List;

/**
 * One self-contained page (inline style, inline SVG, no scripts, nothing fetched): every
 * function with its facts, the listing with inserted and rewritten lines highlighted beside
 * their reasons, and the frame drawn as SVG.
 */
public final class HtmlReport {
    private static final int ROW = 30;
    private static final int OFFSETS = 190;
    private static final int BOX = 300;
    private static final int NOTE = 150;

    private HtmlReport() {
    }

    public static String render(String title, List<Model.Function> functions) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#1d2330;background:#fbfbfd}\n")
                .append("h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccd}\n")
                .append("table.listing{border-collapse:collapse;font-family:ui-monospace,monospace;font-size:13px}\n")
                .append("table.listing td{padding:1px 8px;vertical-align:top;white-space:pre}\n")
                .append("tr.src td{font-weight:bold;color:#34405a;padding-top:6px}\n")
                .append("tr.ins{background:#e3f6e3}tr.rw{background:#e1ecfb}\n")
                .append("td.why{white-space:normal;color:#4a4f5c;font-family:system-ui,sans-serif;max-width:44em}\n")
                .append("td.mark{color:#2a7a2a;font-weight:bold}\n")
                .append(".layout{display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start}\n")
                .append("ul.facts{margin:.3em 0 1em 0}\n")
                .append("</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n")
                .append("<p>Green: inserted by the assembler. Blue: written, then rewritten. ")
                .append("Offsets in the frame are from the hardware SP, the pseudo-SP and the pseudo-FP.</p>\n");
        for (Model.Function f : functions) {
            function(f, out);
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    private static void function(Model.Function f, StringBuilder out) {
        out.append("<section class=\"function\">\n<h2>").append(esc(f.name())).append(" <small>(")
                .append(esc(f.position())).append(", ").append(esc(f.goVersion())).append(")</small></h2>\n");
        out.append("<ul class=\"facts\">\n");
        for (String s : f.summary()) {
            out.append("<li>").append(esc(s)).append("</li>\n");
        }
        out.append("<li>").append(esc(f.budget().text())).append("</li>\n</ul>\n<div class=\"layout\">\n");
        out.append("<table class=\"listing\">\n");
        for (Model.SourceBlock b : f.blocks()) {
            out.append("<tr class=\"src\"><td></td><td>").append(b.line()).append("</td><td colspan=\"2\">")
                    .append(esc(b.source())).append("</td></tr>\n");
            for (Model.Instruction in : b.instructions()) {
                String cls = switch (in.mark()) {
                    case WRITTEN -> "";
                    case INSERTED -> " class=\"ins\"";
                    case REWRITTEN -> " class=\"rw\"";
                };
                out.append("<tr").append(cls).append("><td class=\"mark\">").append(esc(in.mark().sign().strip()))
                        .append("</td><td>").append(String.format("0x%04x", in.pc())).append("</td><td>")
                        .append(esc(TextReport.columns(in.text()))).append("</td><td class=\"why\">");
                for (int r = 0; r < in.reasons().size(); r++) {
                    out.append(r > 0 ? "<br>" : "").append(esc(in.reasons().get(r).text()));
                }
                out.append("</td></tr>\n");
            }
        }
        out.append("</table>\n");
        svg(f.frame(), out);
        out.append("</div>\n</section>\n");
    }

    /** The frame as stacked boxes, highest address on top, with the three offsets at the left. */
    static void svg(Model.FrameLayout frame, StringBuilder out) {
        List<Model.Slot> slots = frame.slots();
        int height = ROW * (slots.size() + 2) + 20;
        int width = OFFSETS + BOX + NOTE;
        out.append("<svg class=\"frame\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"monospace\" font-size=\"12\">\n");
        out.append("<text x=\"10\" y=\"16\" font-weight=\"bold\">SP</text><text x=\"65\" y=\"16\" font-weight=\"bold\">")
                .append("pseudo-SP</text><text x=\"140\" y=\"16\" font-weight=\"bold\">FP</text>\n");
        int y = ROW;
        boolean caller = true;
        for (Model.Slot s : slots) {
            boolean inCaller = s.kind() == Model.SlotKind.ARGUMENT || s.kind() == Model.SlotKind.RESULT
                    || s.kind() == Model.SlotKind.ARGUMENTS;
            if (caller && !inCaller && y > ROW) {
                out.append("<line x1=\"").append(OFFSETS - 10).append("\" y1=\"").append(y).append("\" x2=\"")
                        .append(OFFSETS + BOX + 10).append("\" y2=\"").append(y)
                        .append("\" stroke=\"#b33\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>")
                        .append("<text x=\"").append(OFFSETS + BOX + 14).append("\" y=\"").append(y - 4)
                        .append("\" fill=\"#b33\">caller's frame ↑</text>\n");
            }
            caller &= inCaller;
            String fill = switch (s.kind()) {
                case RESULT -> "#f6e7c1";
                case ARGUMENT, ARGUMENTS -> "#fbf1d6";
                case RETURN_ADDRESS -> "#e5e5ea";
                case SAVED_BP -> "#d9e6f7";
                case LOCAL -> "#dcefdc";
                case LOCALS -> "#eef7ee";
            };
            out.append("<rect x=\"").append(OFFSETS).append("\" y=\"").append(y).append("\" width=\"").append(BOX)
                    .append("\" height=\"").append(ROW).append("\" fill=\"").append(fill)
                    .append("\" stroke=\"#556\"/>\n");
            int text = y + ROW / 2 + 4;
            out.append("<text x=\"10\" y=\"").append(text).append("\">").append(signed(s.spOffset()))
                    .append("</text><text x=\"65\" y=\"").append(text).append("\">")
                    .append(signed(s.spOffset() - frame.pseudoSp())).append("</text><text x=\"140\" y=\"")
                    .append(text).append("\">").append(signed(s.spOffset() - frame.pseudoFp())).append("</text>\n");
            out.append("<text x=\"").append(OFFSETS + 8).append("\" y=\"").append(text).append("\">")
                    .append(esc(s.label())).append("</text><text x=\"").append(OFFSETS + BOX - 8).append("\" y=\"")
                    .append(text).append("\" text-anchor=\"end\" fill=\"#667\">").append(s.size())
                    .append(" B</text>\n");
            y += ROW;
        }
        out.append("<text x=\"").append(OFFSETS + BOX + 14).append("\" y=\"").append(y + 4)
                .append("\" fill=\"#335\">← SP (hardware)</text>\n");
        out.append("<text x=\"10\" y=\"").append(y + ROW).append("\" fill=\"#556\">frame ").append(frame.frameSize())
                .append(" B, pseudo-SP = SP+").append(frame.pseudoSp()).append(", FP = SP+").append(frame.pseudoFp())
                .append("</text>\n</svg>\n");
    }

    private static String signed(long v) {
        return v < 0 ? Long.toString(v) : "+" + v;
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
