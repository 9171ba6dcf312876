package goasm.lex;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns the bytes of one file into tokens with the rules of Go's text/scanner as the assembler
 * configures it: identifiers may hold U+00B7 and U+2215, numbers follow Go literal syntax,
 * strings and runes are double- and single-quoted (backquotes are plain characters), blanks are
 * space, tab and CR, and a newline is a token. Scanner complaints ("literal not terminated") are
 * printed as "file:line:col: message" and do not stop the assembly, as in Go.
 */
final class FileTokenizer implements TokenReader {
    private static final int EOF = -1;
    /** Not read yet: the first character is read lazily so a byte order mark can be skipped. */
    private static final int UNREAD = -2;
    private static final int REPLACEMENT = 0xFFFD;

    private final byte[] src;
    private final String name;
    private final Consumer<String> notes;
    private LineBase base;
    /** The assembler's line: advanced by newline tokens and by newlines inside comments. */
    private int line = 1;

    // Reading state of the character scanner (its own line/column, used only in its messages).
    private int srcPos;
    private int lastCharLen;
    private int column;
    private int scanLine = 1;
    private int lastLineLen;
    private int lookahead = UNREAD;

    // The token being scanned.
    private int tokStart = -1;
    private int tokEnd;
    /** Line of the token's start; 0 when no token position is valid (messages then use the reading position). */
    private int tokLine;
    private int tokColumn;

    /**
     * What Go's scanner reports on its first read when the file opened but cannot be read (a
     * directory): the input is then empty. Null for a readable file.
     */
    private String readError;

    FileTokenizer(String name, byte[] src, Consumer<String> notes) {
        this.name = name;
        this.src = src;
        this.notes = notes;
        this.base = LineBase.of(name);
    }

    /**
     * An input that opened but fails on its first read with {@code readError}
     * ("read adir.s: is a directory"): reported once, as Go's scanner does, then an empty file.
     */
    static FileTokenizer unreadable(String name, String readError, Consumer<String> notes) {
        FileTokenizer t = new FileTokenizer(name, new byte[0], notes);
        t.readError = readError;
        return t;
    }

    @Override
    public LineBase base() {
        return base;
    }

    @Override
    public void setBase(LineBase base) {
        this.base = base;
    }

    @Override
    public int line() {
        return line;
    }

    @Override
    public int column() {
        return column > 0 ? column : (lastLineLen > 0 ? lastLineLen : 1);
    }

    @Override
    public Token next() {
        if (readError != null) {
            // text/scanner names an unnamed input "<input>".
            notes.accept((name.isEmpty() ? "<input>" : name) + ":1:1: " + readError);
            readError = null;
        }
        Token.Kind kind;
        int single;
        while (true) {
            single = scan();
            kind = kindOf(single);
            if (single != COMMENT) {
                break;
            }
            String text = tokenText();
            line += (int) text.chars().filter(c -> c == '\n').count();
            if (text.startsWith("//go:build")) {
                return new Token(Token.Kind.BUILD_COMMENT, text);
            }
        }
        if (single == '\n') {
            line++;
            return Token.NEWLINE;
        }
        if (kind == Token.Kind.PUNCT) {
            Token.Kind pair = switch (single) {
                case '-' -> peekChar() == '>' ? Token.Kind.ARROW : null;
                case '@' -> peekChar() == '>' ? Token.Kind.ROTATE : null;
                case '<' -> peekChar() == '<' ? Token.Kind.SHIFT_LEFT : null;
                case '>' -> peekChar() == '>' ? Token.Kind.SHIFT_RIGHT : null;
                default -> null;
            };
            if (pair != null) {
                consumeLookahead();
                return new Token(pair, switch (pair) {
                    case ARROW -> "->";
                    case ROTATE -> "@>";
                    case SHIFT_LEFT -> "<<";
                    default -> ">>";
                });
            }
        }
        if (kind == Token.Kind.EOF) {
            return new Token(Token.Kind.EOF, "");
        }
        return new Token(kind, tokenText());
    }

    // Scan results that are classes rather than characters (negative, below EOF).
    private static final int IDENT = -2;
    private static final int INT = -3;
    private static final int FLOAT = -4;
    private static final int CHAR = -5;
    private static final int STRING = -6;
    private static final int COMMENT = -7;

    private static Token.Kind kindOf(int scanned) {
        return switch (scanned) {
            case EOF -> Token.Kind.EOF;
            case IDENT -> Token.Kind.IDENT;
            case INT -> Token.Kind.INT;
            case FLOAT -> Token.Kind.FLOAT;
            case CHAR -> Token.Kind.CHAR;
            case STRING -> Token.Kind.STRING;
            case COMMENT -> Token.Kind.PUNCT; // never returned
            default -> Token.Kind.PUNCT;
        };
    }

    // ---- character level ----

    private int peekChar() {
        if (lookahead == UNREAD) {
            lookahead = read();
            if (lookahead == 0xFEFF) {
                lookahead = read();
            }
        }
        return lookahead;
    }

    /** text/scanner's Next: takes the lookahead and invalidates the token position. */
    private void consumeLookahead() {
        tokStart = -1;
        tokLine = 0;
        int c = peekChar();
        if (c != EOF) {
            lookahead = read();
        }
    }

    private int read() {
        if (srcPos >= src.length) {
            if (lastCharLen > 0) {
                column++;
            }
            lastCharLen = 0;
            return EOF;
        }
        int b = src[srcPos] & 0xff;
        int ch = b;
        int width = 1;
        if (b >= 0x80) {
            long decoded = Utf8.decode(src, srcPos);
            ch = (int) decoded;
            width = (int) (decoded >>> 32);
            if (ch == REPLACEMENT && width == 1) {
                srcPos += 1;
                lastCharLen = 1;
                column++;
                error("invalid UTF-8 encoding");
                return ch;
            }
        }
        srcPos += width;
        lastCharLen = width;
        column++;
        if (ch == 0) {
            error("invalid character NUL");
        } else if (ch == '\n') {
            scanLine++;
            lastLineLen = column;
            column = 0;
        }
        return ch;
    }

    private void error(String msg) {
        tokEnd = srcPos - lastCharLen;
        int l;
        int c;
        if (tokLine > 0) {
            l = tokLine;
            c = tokColumn;
        } else if (column > 0) {
            l = scanLine;
            c = column;
        } else if (lastLineLen > 0) {
            l = scanLine - 1;
            c = lastLineLen;
        } else {
            l = 1;
            c = 1;
        }
        notes.accept(name + ":" + l + ":" + c + ": " + msg);
    }

    private String tokenText() {
        if (tokStart < 0) {
            return "";
        }
        int end = Math.max(tokEnd, tokStart);
        return Utf8.toStringKeepingRawBytes(src, tokStart, end);
    }

    private static boolean isIdentRune(int ch, int i) {
        if (ch == EOF) {
            return false;
        }
        if (Character.isLetter(ch) || ch == '_' || ch == '\u00B7' || ch == '\u2215') {
            return true;
        }
        return i > 0 && Character.isDigit(ch);
    }

    private static boolean isDecimal(int ch) {
        return ch >= '0' && ch <= '9';
    }

    private static int lower(int ch) {
        return ('a' - 'A') | ch;
    }

    private static boolean isHex(int ch) {
        return isDecimal(ch) || (lower(ch) >= 'a' && lower(ch) <= 'f');
    }

    /** One token; returns a character, EOF, or one of the class codes. */
    private int scan() {
        int ch = peekChar();
        tokStart = -1;
        tokLine = 0;
        while (ch == ' ' || ch == '\t' || ch == '\r') {
            ch = read();
        }
        tokStart = srcPos - lastCharLen;
        if (column > 0) {
            tokLine = scanLine;
            tokColumn = column;
        } else {
            tokLine = scanLine - 1;
            tokColumn = lastLineLen;
        }
        int tok = ch;
        if (isIdentRune(ch, 0)) {
            tok = IDENT;
            ch = read();
            for (int i = 1; isIdentRune(ch, i); i++) {
                ch = read();
            }
        } else if (isDecimal(ch)) {
            int[] result = scanNumber(ch, false);
            tok = result[0];
            ch = result[1];
        } else {
            switch (ch) {
                case EOF -> {
                }
                case '"' -> {
                    scanString('"');
                    tok = STRING;
                    ch = read();
                }
                case '\'' -> {
                    if (scanString('\'') != 1) {
                        error("invalid char literal");
                    }
                    tok = CHAR;
                    ch = read();
                }
                case '.' -> {
                    ch = read();
                    if (isDecimal(ch)) {
                        int[] result = scanNumber(ch, true);
                        tok = result[0];
                        ch = result[1];
                    }
                }
                case '/' -> {
                    ch = read();
                    if (ch == '/' || ch == '*') {
                        ch = scanComment(ch);
                        tok = COMMENT;
                    }
                }
                default -> ch = read();
            }
        }
        tokEnd = srcPos - lastCharLen;
        lookahead = ch;
        return tok;
    }

    private int invalidDigit;

    /** Accepts digits and '_'; returns {next char, bits: 1 = digits seen, 2 = '_' seen}. */
    private int[] digits(int ch, int base, boolean trackInvalid) {
        int digsep = 0;
        if (base <= 10) {
            int max = '0' + base;
            while (isDecimal(ch) || ch == '_') {
                int ds = 1;
                if (ch == '_') {
                    ds = 2;
                } else if (ch >= max && trackInvalid && invalidDigit == 0) {
                    invalidDigit = ch;
                }
                digsep |= ds;
                ch = read();
            }
        } else {
            while (isHex(ch) || ch == '_') {
                digsep |= ch == '_' ? 2 : 1;
                ch = read();
            }
        }
        return new int[] {ch, digsep};
    }

    private int[] scanNumber(int ch, boolean seenDot) {
        int base = 10;
        int prefix = 0;
        int digsep = 0;
        invalidDigit = 0;
        int tok = INT;
        if (!seenDot) {
            if (ch == '0') {
                ch = read();
                switch (lower(ch)) {
                    case 'x' -> {
                        ch = read();
                        base = 16;
                        prefix = 'x';
                    }
                    case 'o' -> {
                        ch = read();
                        base = 8;
                        prefix = 'o';
                    }
                    case 'b' -> {
                        ch = read();
                        base = 2;
                        prefix = 'b';
                    }
                    default -> {
                        base = 8;
                        prefix = '0';
                        digsep = 1;
                    }
                }
            }
            int[] d = digits(ch, base, true);
            ch = d[0];
            digsep |= d[1];
            if (ch == '.') {
                ch = read();
                seenDot = true;
            }
        }
        if (seenDot) {
            tok = FLOAT;
            if (prefix == 'o' || prefix == 'b') {
                error("invalid radix point in " + literalName(prefix));
            }
            int[] d = digits(ch, base, true);
            ch = d[0];
            digsep |= d[1];
        }
        if ((digsep & 1) == 0) {
            error(literalName(prefix) + " has no digits");
        }
        int e = lower(ch);
        if (e == 'e' || e == 'p') {
            if (e == 'e' && prefix != 0 && prefix != '0') {
                error(Token.quoteRune(ch) + " exponent requires decimal mantissa");
            } else if (e == 'p' && prefix != 'x') {
                error(Token.quoteRune(ch) + " exponent requires hexadecimal mantissa");
            }
            ch = read();
            tok = FLOAT;
            if (ch == '+' || ch == '-') {
                ch = read();
            }
            int[] d = digits(ch, 10, false);
            ch = d[0];
            digsep |= d[1];
            if ((d[1] & 1) == 0) {
                error("exponent has no digits");
            }
        } else if (prefix == 'x' && tok == FLOAT) {
            error("hexadecimal mantissa requires a 'p' exponent");
        }
        if (tok == INT && invalidDigit != 0) {
            error("invalid digit " + Token.quoteRune(invalidDigit) + " in " + literalName(prefix));
        }
        if ((digsep & 2) != 0) {
            tokEnd = srcPos - lastCharLen;
            if (invalidSeparator(tokenText()) >= 0) {
                error("'_' must separate successive digits");
            }
        }
        return new int[] {tok, ch};
    }

    private static String literalName(int prefix) {
        return switch (prefix) {
            case 'x' -> "hexadecimal literal";
            case 'o', '0' -> "octal literal";
            case 'b' -> "binary literal";
            default -> "decimal literal";
        };
    }

    /** Index of the first '_' that does not sit between digits, or -1. */
    private static int invalidSeparator(String x) {
        int x1 = ' ';
        int d = '.';
        int i = 0;
        if (x.length() >= 2 && x.charAt(0) == '0') {
            x1 = lower(x.charAt(1));
            if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
                d = '0';
                i = 2;
            }
        }
        for (; i < x.length(); i++) {
            int p = d;
            d = x.charAt(i);
            if (d == '_') {
                if (p != '0') {
                    return i;
                }
            } else if (isDecimal(d) || (x1 == 'x' && isHex(d))) {
                d = '0';
            } else {
                if (p == '_') {
                    return i - 1;
                }
                d = '.';
            }
        }
        return d == '_' ? x.length() - 1 : -1;
    }

    private static int digitValue(int ch) {
        if (isDecimal(ch)) {
            return ch - '0';
        }
        if (lower(ch) >= 'a' && lower(ch) <= 'f') {
            return lower(ch) - 'a' + 10;
        }
        return 16;
    }

    private int scanDigits(int ch, int base, int n) {
        while (n > 0 && digitValue(ch) < base) {
            ch = read();
            n--;
        }
        if (n > 0) {
            error("invalid char escape");
        }
        return ch;
    }

    private int scanEscape(int quote) {
        int ch = read();
        switch (ch) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> ch = read();
            case '0', '1', '2', '3', '4', '5', '6', '7' -> ch = scanDigits(ch, 8, 3);
            case 'x' -> ch = scanDigits(read(), 16, 2);
            case 'u' -> ch = scanDigits(read(), 16, 4);
            case 'U' -> ch = scanDigits(read(), 16, 8);
            default -> {
                if (ch == quote) {
                    ch = read();
                } else {
                    error("invalid char escape");
                }
            }
        }
        return ch;
    }

    /** Scans to the closing quote; returns the number of characters inside. */
    private int scanString(int quote) {
        int ch = read();
        int n = 0;
        while (ch != quote) {
            if (ch == '\n' || ch < 0) {
                error("literal not terminated");
                return n;
            }
            if (ch == '\\') {
                ch = scanEscape(quote);
            } else {
                ch = read();
            }
            n++;
        }
        return n;
    }

    private int scanComment(int ch) {
        if (ch == '/') {
            ch = read();
            while (ch != '\n' && ch >= 0) {
                ch = read();
            }
            return ch;
        }
        ch = read();
        while (true) {
            if (ch < 0) {
                error("comment not terminated");
                break;
            }
            int ch0 = ch;
            ch = read();
            if (ch0 == '*' && ch == '/') {
                ch = read();
                break;
            }
        }
        return ch;
    }
}
