package goasm.obj;

/**
 * Prints instructions and operands the way Go's assembler prints them in -S listings and
 * diagnostics (cmd/internal/obj's Prog and Addr formatting, for the operand kinds amd64 uses).
 */
public final class OperandFormat {
    private OperandFormat() {
    }

    /** "MOVQ\tAX, 8(SP)": mnemonic, suffix, a tab, operands separated by ", ". */
    public static String instruction(Prog p) {
        StringBuilder sb = new StringBuilder(32);
        sb.append(p.op.mnemonic()).append(p.op.suffixSpelling(p.suffix));
        String sep = "\t";
        if (!p.from.isNone()) {
            sb.append(sep);
            append(sb, p.from);
            sep = ", ";
        }
        for (Addr a : p.restArgs) {
            sb.append(sep);
            append(sb, a);
            sep = ", ";
        }
        if (p.op == Pseudo.TEXT && p.from.sym() != null) {
            String attrs = textAttributes(p.from.sym());
            if (!attrs.isEmpty()) {
                sb.append(sep).append(attrs);
                sep = ", ";
            }
        }
        if (!p.to.isNone()) {
            sb.append(sep);
            append(sb, p.to);
        }
        return sb.toString();
    }

    /** Go's Prog.String(): "00012 (file.s:7)\tMOVQ\tAX, BX", the form diagnostics quote. */
    public static String withPosition(Prog p) {
        return String.format("%05d (%s)\t%s", p.pc, position(p), instruction(p));
    }

    /** Where the instruction comes from, or Go's text for an instruction without a position. */
    public static String position(Prog p) {
        return p.pos == null ? "<unknown line number>" : p.pos.toString();
    }

    /** TEXT's attribute list, e.g. "DUPOK|NOSPLIT|ABIInternal". */
    public static String textAttributes(Symbol s) {
        StringBuilder sb = new StringBuilder();
        // Go's fixed order of attribute names.
        appendFlag(sb, s.has(Symbol.Attr.DUPOK), "DUPOK");
        appendFlag(sb, s.has(Symbol.Attr.NOSPLIT), "NOSPLIT");
        appendFlag(sb, s.has(Symbol.Attr.LEAF), "LEAF");
        appendFlag(sb, s.has(Symbol.Attr.REFLECTMETHOD), "REFLECTMETHOD");
        appendFlag(sb, s.has(Symbol.Attr.WRAPPER), "WRAPPER");
        appendFlag(sb, s.has(Symbol.Attr.NEEDCTXT), "NEEDCTXT");
        appendFlag(sb, s.has(Symbol.Attr.NOFRAME), "NOFRAME");
        appendFlag(sb, s.has(Symbol.Attr.STATIC), "STATIC");
        appendFlag(sb, s.has(Symbol.Attr.ABIWRAPPER), "ABIWRAPPER");
        appendFlag(sb, s.abi() == Abi.ABIInternal, "ABIInternal");
        appendFlag(sb, s.func != null && s.func.topFrame, "TOPFRAME");
        return sb.toString();
    }

    private static void appendFlag(StringBuilder sb, boolean on, String name) {
        if (on) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append(name);
        }
    }

    public static String format(Addr a) {
        StringBuilder sb = new StringBuilder();
        append(sb, a);
        return sb.toString();
    }

    public static void append(StringBuilder sb, Addr a) {
        switch (a.type()) {
            case NONE -> {
                if (a.name() != AddrName.NONE || a.reg() != null || a.sym() != null) {
                    appendName(sb, a);
                    sb.append('(').append(reg(a.reg())).append(")(NONE)");
                }
            }
            case REG -> {
                if (a.offset() != 0) {
                    sb.append('$').append(a.offset()).append(',').append(reg(a.reg()));
                } else if (a.name() != AddrName.NONE || a.sym() != null) {
                    appendName(sb, a);
                    sb.append('(').append(reg(a.reg())).append(")(REG)");
                } else {
                    sb.append(reg(a.reg()));
                }
            }
            case BRANCH -> {
                if (a.sym() != null) {
                    sb.append(a.sym().name()).append("(SB)");
                } else if (a.target() != null) {
                    sb.append(a.target().pc);
                } else {
                    sb.append(a.offset()).append("(PC)");
                }
            }
            case INDIR -> {
                sb.append('*');
                appendName(sb, a);
            }
            case MEM -> {
                appendName(sb, a);
                if (a.index() != null) {
                    // An index written without a scale, as (CX)(GS), is listed without one.
                    sb.append('(').append(a.index().listingName());
                    if (a.scale() != 0) {
                        sb.append('*').append(a.scale());
                    }
                    sb.append(')');
                }
            }
            case CONST -> {
                sb.append('$');
                appendName(sb, a);
                // As Go does: the register is printed again even when the name already showed it.
                if (a.reg() != null) {
                    sb.append('(').append(reg(a.reg())).append(')');
                }
            }
            case TEXTSIZE -> {
                if (a.argsSize() == Addr.ARGS_SIZE_UNKNOWN) {
                    sb.append('$').append(a.offset());
                } else {
                    sb.append('$').append(a.offset()).append('-').append(a.argsSize());
                }
            }
            case FCONST -> sb.append("$(").append(GoFloat.format((Double) a.val())).append(')');
            case SCONST -> sb.append('$').append(GoQuote.quote((String) a.val()));
            case ADDR -> {
                sb.append('$');
                appendName(sb, a);
            }
            case REGLIST -> sb.append(a.val());
        }
    }

    private static void appendName(StringBuilder sb, Addr a) {
        switch (a.name()) {
            case NONE -> {
                if (a.reg() == null) {
                    sb.append(a.offset());
                } else if (a.offset() == 0) {
                    sb.append('(').append(reg(a.reg())).append(')');
                } else {
                    sb.append(a.offset()).append('(').append(reg(a.reg())).append(')');
                }
            }
            case EXTERN -> appendSymbolic(sb, a, symName(a), "", "SB");
            case GOTREF -> appendSymbolic(sb, a, symName(a), "@GOT", "SB");
            case STATIC -> appendSymbolic(sb, a, a.sym() != null ? a.sym().name() + "<>" : "<>", "", "SB");
            case AUTO -> appendSymbolic(sb, a, a.localName() != null ? a.localName() : "", "", "SP");
            case PARAM -> appendSymbolic(sb, a, a.localName() != null ? a.localName() : "", "", "FP");
        }
    }

    private static String symName(Addr a) {
        return a.sym() != null ? a.sym().name() : "";
    }

    private static void appendSymbolic(StringBuilder sb, Addr a, String name, String after, String defaultBase) {
        String base = a.reg() != null ? reg(a.reg()) : defaultBase;
        if (after.isEmpty()) {
            sb.append(name).append(offset(a.offset())).append('(').append(base).append(')');
        } else {
            sb.append(name).append(offset(a.offset())).append(after).append('(').append(base).append(')');
        }
    }

    private static String offset(long off) {
        if (off == 0) {
            return "";
        }
        return off > 0 ? "+" + off : Long.toString(off);
    }

    private static String reg(Register r) {
        return r == null ? "NONE" : r.spelling();
    }
}
