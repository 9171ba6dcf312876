package goasm.godecl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Go source into the tokens a declaration reader needs: identifiers, literals, operators,
 * and a {@code ;} wherever Go's automatic semicolon rule would put one. Comments are dropped,
 * except that the build-constraint lines of the file's header are kept aside.
 */
final class GoTokens {
    enum Kind { IDENT, INT, FLOAT, IMAG, CHAR, STRING, OP, EOF }

    record Tok(Kind kind, String text, int line) {
        boolean is(String s) {
            return (kind == Kind.OP || kind == Kind.IDENT) && text.equals(s);
        }
    }

    /** The tokens, ending with EOF. */
    final List<Tok> tokens = new ArrayList<>();
    /** {@code //go:build} and {@code // +build} lines before the package clause, as written. */
    final List<String> headerComments = new ArrayList<>();

    private final String src;
    private int pos;
    private int line = 1;
    private boolean sawCode;

    GoTokens(String src) {
        this.src = src;
        scan();
    }

    private static final String[] OPERATORS = {
            "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "<<", ">>",
            "&^", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "~"};

    private void scan() {
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '\n') {
                newline();
                pos++;
                line++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (src.startsWith("//", pos)) {
                int end = src.indexOf('\n', pos);
                if (end < 0) {
                    end = n;
                }
                if (!sawCode) {
                    headerComments.add(src.substring(pos, end));
                }
                pos = end;
            } else if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                end = end < 0 ? n : end + 2;
                boolean multiline = false;
                for (int i = pos; i < end; i++) {
                    if (src.charAt(i) == '\n') {
                        line++;
                        multiline = true;
                    }
                }
                if (multiline) {
                    newline();
                }
                pos = end;
            } else if (Character.isLetter(c) || c == '_' || c > 0x7f && Character.isLetterOrDigit(src.codePointAt(pos))) {
                int start = pos;
                while (pos < n && (Character.isLetterOrDigit(src.codePointAt(pos)) || src.charAt(pos) == '_')) {
                    pos += Character.charCount(src.codePointAt(pos));
                }
                add(Kind.IDENT, src.substring(start, pos));
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < n && Character.isDigit(src.charAt(pos + 1))) {
                number();
            } else if (c == '"') {
                quoted(Kind.STRING, '"');
            } else if (c == '`') {
                int start = pos;
                int end = src.indexOf('`', pos + 1);
                end = end < 0 ? n : end + 1;
                for (int i = pos; i < end; i++) {
                    if (src.charAt(i) == '\n') {
                        line++;
                    }
                }
                pos = end;
                add(Kind.STRING, src.substring(start, end));
            } else if (c == '\'') {
                quoted(Kind.CHAR, '\'');
            } else {
                String op = String.valueOf(c);
                for (String candidate : OPERATORS) {
                    if (src.startsWith(candidate, pos)) {
                        op = candidate;
                        break;
                    }
                }
                pos += op.length();
                add(Kind.OP, op);
            }
        }
        newline();
        tokens.add(new Tok(Kind.EOF, "", line));
    }

    /** A "..." or '...' literal from pos: escapes skipped, ended by its quote or the line's end. */
    private void quoted(Kind kind, char quote) {
        int n = src.length();
        int start = pos++;
        while (pos < n && src.charAt(pos) != quote && src.charAt(pos) != '\n') {
            pos += src.charAt(pos) == '\\' ? 2 : 1;
        }
        pos++;
        add(kind, src.substring(start, Math.min(pos, n)));
    }

    private void number() {
        int start = pos;
        int n = src.length();
        boolean isFloat = false;
        boolean hex = src.startsWith("0x", pos) || src.startsWith("0X", pos);
        while (pos < n) {
            char c = src.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_') {
                if (!hex && (c == 'e' || c == 'E') || hex && (c == 'p' || c == 'P')) {
                    isFloat = true;
                    if (pos + 1 < n && (src.charAt(pos + 1) == '+' || src.charAt(pos + 1) == '-')) {
                        pos++;
                    }
                }
                pos++;
            } else if (c == '.') {
                isFloat = true;
                pos++;
            } else {
                break;
            }
        }
        String text = src.substring(start, pos);
        add(text.endsWith("i") ? Kind.IMAG : isFloat ? Kind.FLOAT : Kind.INT, text);
    }

    private void add(Kind kind, String text) {
        sawCode = true;
        tokens.add(new Tok(kind, text, line));
    }

    /** Go's rule: a line ending in an identifier, literal, keyword or closing bracket ends a statement. */
    private void newline() {
        if (tokens.isEmpty()) {
            return;
        }
        Tok last = tokens.get(tokens.size() - 1);
        boolean ends = switch (last.kind()) {
            case IDENT -> !List.of("break", "continue", "fallthrough", "return").contains(last.text())
                    ? !isKeyword(last.text()) : true;
            case INT, FLOAT, IMAG, CHAR, STRING -> true;
            case OP -> List.of(")", "]", "}", "++", "--").contains(last.text());
            case EOF -> false;
        };
        if (ends) {
            tokens.add(new Tok(Kind.OP, ";", last.line()));
        }
    }

    static boolean isKeyword(String s) {
        return switch (s) {
            case "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
                 "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
                 "struct", "switch", "type", "var" -> true;
            default -> false;
        };
    }
}
