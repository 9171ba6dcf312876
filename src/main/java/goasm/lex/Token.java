package goasm.lex;

/**
 * One lexical item of Go assembly. Punctuation is one character of kind {@link Kind#PUNCT};
 * the text is always the source spelling (for EOF the word "EOF", as Go prints it).
 * {@code punct} is the punctuation character itself, which is the text's but for a token Go
 * puts back with another token's text (see the preprocessor's macro invocation).
 */
public record Token(Kind kind, String text, int punct) {

    public Token(Kind kind, String text) {
        this(kind, text, kind == Kind.PUNCT && !text.isEmpty() ? text.codePointAt(0) : -1);
    }

    /** This token carrying another text, as Go's put-back token does. */
    public Token withText(String otherText) {
        return new Token(kind, otherText, punct);
    }

    /** Token classes, named after the words Go uses when it reports them ("expected identifier"). */
    public enum Kind {
        EOF("EOF"),
        IDENT("identifier"),
        INT("integer constant"),
        FLOAT("float constant"),
        CHAR("rune constant"),
        STRING("string constant"),
        /** {@code <<} */
        SHIFT_LEFT("'\uFFFD'"),
        /** {@code >>} */
        SHIFT_RIGHT("'\uFFFD'"),
        /** {@code ->} (ARM shifts; kept so such input fails in the parser, as in Go) */
        ARROW("'\uFFFD'"),
        /** {@code @>} */
        ROTATE("'\uFFFD'"),
        NEWLINE("'\\n'"),
        /** Any other single character: {@code ( ) $ , ; # + - ...}. */
        PUNCT(null),
        /** A {@code //go:build} comment, which the parser checks for placement. */
        BUILD_COMMENT("build comment"),
        /** A macro name that must not be expanded again (function-like macro used without arguments). */
        MACRO_NAME("identifier");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    public static final Token EOF = new Token(Kind.EOF, "EOF");
    public static final Token NEWLINE = new Token(Kind.NEWLINE, "\n");

    public static Token punct(int ch) {
        return new Token(Kind.PUNCT, new String(Character.toChars(ch)));
    }

    /** Whether this is the punctuation character {@code ch}. */
    public boolean is(char ch) {
        return kind == Kind.PUNCT && punct == ch;
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    /** Whether this token ends a statement: a newline or ';'. */
    public boolean endsStatement() {
        return kind == Kind.NEWLINE || is(';');
    }

    /**
     * How Go names this token's class in "expected X" messages: "identifier", "EOF", or the
     * character quoted as Go's %q quotes a rune ('(' ).
     */
    public String describeKind() {
        if (kind == Kind.PUNCT) {
            return quoteRune(punct);
        }
        return kind.description;
    }

    /** Go's %q for a rune. */
    static String quoteRune(int cp) {
        return switch (cp) {
            case '\'' -> "'\\''";
            case '\\' -> "'\\\\'";
            case '\n' -> "'\\n'";
            case '\t' -> "'\\t'";
            case '\r' -> "'\\r'";
            case 0 -> "'\\x00'";
            default -> cp < 0x20 || cp == 0x7f ? String.format("'\\x%02x'", cp) : "'" + new String(Character.toChars(cp)) + "'";
        };
    }

    /**
     * The token as the parser sees it: Go spells package separators as U+00B7 (middle dot) and
     * path slashes as U+2215 (division slash) so they can live inside identifiers; a leading dot
     * means the package being assembled, marked {@code ""} here and named by the parser as the
     * release does ({@link goasm.release.SymbolNaming}).
     */
    public Token withGoNames() {
        if (kind != Kind.IDENT && kind != Kind.MACRO_NAME && text.indexOf('\u00B7') < 0 && text.indexOf('\u2215') < 0) {
            return this;
        }
        String t = text;
        if (kind == Kind.IDENT && t.startsWith("\u00B7")) {
            t = "\"\"" + t;
        }
        t = t.replace('\u00B7', '.').replace('\u2215', '/');
        return t.equals(text) ? this : new Token(kind, t, punct);
    }

    @Override
    public String toString() {
        return text;
    }
}
