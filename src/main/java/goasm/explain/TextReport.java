package goasm.explain;

import java.util.List;

/**
 * The terminal form: per function its facts, the source interleaved with the listing (inserted
 * lines marked +, rewritten ones ~, each with its reason), the frame picture and the NOSPLIT
 * budget. ANSI colours only when asked for (a terminal without NO_COLOR).
 */
public final class TextReport {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";

    /** Instructions are padded to this width before their reason. */
    private static final int INSTRUCTION_WIDTH = 34;

    private final boolean colour;

    public TextReport(boolean colour) {
        this.colour = colour;
    }

    public String render(List<Model.Function> functions) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < functions.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            function(functions.get(i), out);
        }
        return out.toString();
    }

    private void function(Model.Function f, StringBuilder out) {
        out.append(paint(BOLD, f.name())).append("  (").append(f.position()).append(", ").append(f.goVersion())
                .append(")\n");
        for (String s : f.summary()) {
            out.append("  ").append(s).append('\n');
        }
        out.append("  ").append(f.budget().text()).append("\n\n");
        for (Model.SourceBlock b : f.blocks()) {
            out.append(paint(BOLD, String.format("%5d  %s", b.line(), b.source()))).append('\n');
            for (Model.Instruction in : b.instructions()) {
                String head = String.format("     %s %04x  %s", in.mark().sign(), in.pc(), columns(in.text()));
                String colourOf = switch (in.mark()) {
                    case WRITTEN -> null;
                    case INSERTED -> GREEN;
                    case REWRITTEN -> CYAN;
                };
                if (in.reasons().isEmpty()) {
                    out.append(colourOf == null ? head : paint(colourOf, head)).append('\n');
                    continue;
                }
                for (int r = 0; r < in.reasons().size(); r++) {
                    String left = r == 0 ? head : "";
                    String pad = " ".repeat(Math.max(1, INSTRUCTION_WIDTH + 15 - left.length()));
                    out.append(colourOf == null ? left : paint(colourOf, left)).append(pad)
                            .append(paint(DIM, "; " + in.reasons().get(r).text())).append('\n');
                }
            }
        }
        out.append('\n');
        frame(f.frame(), out);
    }

    private void frame(Model.FrameLayout frame, StringBuilder out) {
        out.append("  frame: ").append(frame.frameSize()).append(" bytes below the return address")
                .append(frame.bpSize() > 0 ? " (" + frame.bpSize() + " of them the saved BP)" : "")
                .append(", ").append(frame.argsSize()).append(" bytes of arguments and results in the caller's frame\n");
        out.append("  names from ").append(frame.declaration()).append('\n');
        out.append("  pseudo-FP = SP+").append(frame.pseudoFp()).append(", pseudo-SP = SP+").append(frame.pseudoSp())
                .append(" (offsets below: from the hardware SP, the pseudo-SP and the pseudo-FP)\n");
        int width = 40;
        for (Model.Slot s : frame.slots()) {
            width = Math.max(width, s.label().length() + 2);
        }
        String rule = "  " + " ".repeat(22) + "+" + "-".repeat(width + 9) + "+";
        out.append(String.format("  %6s %7s %6s%n", "SP", "pseudoSP", "FP"));
        out.append(rule).append('\n');
        boolean callerFrame = true;
        for (Model.Slot s : frame.slots()) {
            boolean inCaller = s.kind() == Model.SlotKind.ARGUMENT || s.kind() == Model.SlotKind.RESULT
                    || s.kind() == Model.SlotKind.ARGUMENTS;
            if (callerFrame && !inCaller) {
                if (frame.argsSize() > 0) {
                    out.append(rule).append("  ^ caller's frame\n");
                }
                callerFrame = false;
            }
            String kind = switch (s.kind()) {
                case RESULT -> "result";
                case ARGUMENT -> "argument";
                case ARGUMENTS, LOCALS, LOCAL -> "";
                case RETURN_ADDRESS -> "pushed by CALL";
                case SAVED_BP -> "BP points here";
            };
            out.append(String.format("  %6s %7s %6s  | %-" + width + "s %4d |  %s%n", signed(s.spOffset()),
                    signed(s.spOffset() - frame.pseudoSp()), signed(s.spOffset() - frame.pseudoFp()), s.label(),
                    s.size(), kind).stripTrailing()).append('\n');
        }
        out.append(rule).append("  <- SP\n");
    }

    /** The listing's tab after the opcode as spaces, so that operands line up. */
    static String columns(String instruction) {
        int tab = instruction.indexOf('\t');
        if (tab < 0) {
            return instruction;
        }
        return instruction.substring(0, tab) + " ".repeat(Math.max(1, 10 - tab)) + instruction.substring(tab + 1);
    }

    private static String signed(long v) {
        return v < 0 ? Long.toString(v) : "+" + v;
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
