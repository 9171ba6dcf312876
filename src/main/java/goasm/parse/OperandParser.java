package goasm.parse;

import goasm.arch.amd64.Reg;
import goasm.arch.amd64.Registers;
import goasm.arch.amd64.Registers.PseudoReg;
import goasm.lex.GoStrings;
import goasm.lex.Token;
import goasm.obj.Abi;
import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.GoQuote;
import goasm.obj.Link;
import goasm.obj.Register;
import goasm.obj.Symbol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one operand's tokens into an {@link Addr}, with Go's grammar
 * {@code [$|*]sym[<>|<ABI>][±off](SB|FP|SP|PC)(base)(index*scale)}, registers, constant
 * expressions, floats, strings and {@code [Z0-Z3]} register ranges, and Go's messages.
 */
final class OperandParser {
    private static final Token END = Token.EOF;

    private final Link link;
    private final boolean compilingRuntime;
    private final Consumer<String> errors;
    private List<Token> input = List.of();
    private int pos;
    private boolean isJump;

    /** The -p path, for naming the package's own ·symbols. */
    private final String importPath;

    OperandParser(Link link, boolean compilingRuntime, String importPath, Consumer<String> errors) {
        this.link = link;
        this.importPath = importPath;
        this.compilingRuntime = compilingRuntime;
        this.errors = errors;
    }

    /** The operand being built; Go fills one in place while it reads left to right. */
    private static final class Draft {
        AddrType type = AddrType.NONE;
        Register reg;
        Register index;
        int scale;
        AddrName name = AddrName.NONE;
        long offset;
        String symbol;
        boolean isStatic;
        Abi abi = Abi.ABI0;
        Object val;
    }

    Addr parse(List<Token> operand, boolean jump) {
        this.input = operand;
        this.pos = 0;
        this.isJump = jump;
        Draft a = new Draft();
        operand(a);
        return build(a);
    }

    private Addr build(Draft a) {
        Symbol sym = null;
        String localName = null;
        if (a.symbol != null) {
            if (a.name == AddrName.PARAM || a.name == AddrName.AUTO) {
                localName = a.symbol;
            } else if (a.isStatic) {
                sym = link.lookupStatic(a.symbol);
            } else {
                sym = link.lookup(a.symbol, a.abi);
            }
        }
        return new Addr(a.type, a.reg, a.index, a.scale, a.name, a.offset, sym, localName, a.val);
    }

    private void error(String message) {
        errors.accept(message);
    }

    // ---- cursor ----

    private Token next() {
        return pos < input.size() ? input.get(pos++) : END;
    }

    private void back() {
        if (pos == 0) {
            error("internal error: backing up before BOL");
        } else {
            pos--;
        }
    }

    private Token peek() {
        return pos < input.size() ? input.get(pos) : END;
    }

    private boolean peekIs(char c) {
        return peek().is(c);
    }

    private boolean atEnd() {
        return pos >= input.size();
    }

    /** Whether the rest of the operand (from the current token) holds a token of this kind. */
    private boolean have(Token.Kind kind) {
        for (int i = pos; i < input.size(); i++) {
            if (input.get(i).kind() == kind) {
                return true;
            }
        }
        return false;
    }

    private Token get(char expected) {
        if (!peekIs(expected)) {
            error("expected " + Token.punct(expected).describeKind() + ", found " + next().text());
        }
        return next();
    }

    private Token get(Token.Kind expected) {
        if (peek().kind() != expected) {
            error("expected " + new Token(expected, "").describeKind() + ", found " + next().text());
        }
        return next();
    }

    private void expectOperandEnd() {
        if (!atEnd()) {
            error("expected end of operand, found " + next().text());
        }
    }

    private Register register(String name) {
        return link.release().registerNames().isRegister(name) ? Registers.lookup(name) : null;
    }

    private boolean isRegister(String name) {
        return register(name) != null;
    }

    // ---- grammar ----

    private void operand(Draft a) {
        if (input.isEmpty()) {
            error("empty operand: cannot happen");
            return;
        }
        char prefix = 0;
        if (peekIs('$') || peekIs('*')) {
            prefix = (char) next().punct();
        }
        Token tok = next();
        String name = tok.text();
        if (tok.is(Token.Kind.IDENT) && !isRegister(name)) {
            symbolReference(a, name, prefix);
            if (atEnd()) {
                return;
            }
        }
        if (tok.is('[')) {
            if (prefix != 0) {
                error("illegal use of register list");
            }
            registerList(a);
            expectOperandEnd();
            return;
        }
        if (tok.is(Token.Kind.IDENT) && isRegister(name)) {
            RegisterRef r = register(name, prefix);
            if (r.ok()) {
                if (r.scale() != 0) {
                    error("expected simple register reference");
                }
                a.type = AddrType.REG;
                a.reg = r.first();
            }
            expectOperandEnd();
            return;
        }
        boolean haveConstant = false;
        switch (tok.kind()) {
            case INT, FLOAT, STRING, CHAR -> haveConstant = true;
            case PUNCT -> {
                if (tok.is('+') || tok.is('-') || tok.is('~')) {
                    haveConstant = true;
                } else if (tok.is('(')) {
                    // A parenthesized expression or (R): look at what follows.
                    Token inner = next();
                    if (inner.is(Token.Kind.EOF)) {
                        error("missing right parenthesis");
                        return;
                    }
                    back();
                    haveConstant = !isRegister(inner.text());
                    if (!haveConstant) {
                        back();
                    }
                }
            }
            default -> {
            }
        }
        if (haveConstant) {
            back();
            if (have(Token.Kind.FLOAT)) {
                if (prefix != '$') {
                    error("floating-point constant must be an immediate");
                }
                a.type = AddrType.FCONST;
                a.val = floatExpr();
                expectOperandEnd();
                return;
            }
            if (have(Token.Kind.STRING)) {
                if (prefix != '$') {
                    error("string constant must be an immediate");
                    return;
                }
                byte[] bytes = GoStrings.unquote(get(Token.Kind.STRING).text());
                if (bytes == null) {
                    error("string parse error: invalid syntax");
                    bytes = new byte[0];
                }
                a.type = AddrType.SCONST;
                // Every byte kept: "\xff" is the byte ff, not a replacement character.
                a.val = GoStrings.keepingBytes(bytes);
                expectOperandEnd();
                return;
            }
            a.offset = expr();
            if (!peekIs('(')) {
                a.type = switch (prefix) {
                    case '$' -> AddrType.CONST;
                    // Accepted here and rejected later, as in Go.
                    case '*' -> AddrType.INDIR;
                    default -> AddrType.MEM;
                };
                expectOperandEnd();
                return;
            }
        }
        registerIndirect(a, prefix);
        expectOperandEnd();
    }

    /** sym, sym<>, sym<ABIInternal>, each with an optional ±offset and (SB)/(FP)/(SP)/(PC). */
    private void symbolReference(Draft a, String written, char prefix) {
        String name = link.release().symbolNaming().qualify(written, importPath);
        a.type = switch (prefix) {
            case '$' -> AddrType.ADDR;
            case '*' -> AddrType.INDIR;
            default -> AddrType.MEM;
        };
        symbolAttributes(a, name);
        if (peekIs('+') || peekIs('-')) {
            a.offset = expr();
        }
        a.symbol = name;
        if (atEnd()) {
            if (prefix == 0 && isJump) {
                return; // a label
            }
            error("illegal or missing addressing mode for symbol " + name);
            return;
        }
        get('(');
        String reg = get(Token.Kind.IDENT).text();
        get(')');
        setPseudoRegister(a, reg, a.isStatic, prefix);
    }

    private void symbolAttributes(Draft a, String name) {
        if (!peekIs('<')) {
            return;
        }
        next();
        Token tok = peek();
        // A release without selectors has no compiling-runtime mode either; goasm vet asks for that
        // mode to read selectors anywhere, as go vet's text reading of the release does.
        boolean selectors = compilingRuntime || link.release().symbolNaming().symAbiSelectors()
                != goasm.release.SymbolNaming.SymAbiSelectors.NOT_A_FUNCTION_ADDRESS;
        if (tok.is('>') || !selectors) {
            // Without selectors, '<' makes the symbol static whatever follows (and '>' must).
            a.isStatic = true;
        } else if (tok.is(Token.Kind.IDENT)) {
            String abi = get(Token.Kind.IDENT).text();
            if (!compilingRuntime) {
                error("ABI selector only permitted when compiling runtime, reference was to " + GoQuote.quote(name));
            } else {
                switch (abi) {
                    case "ABI0" -> a.abi = Abi.ABI0;
                    case "ABIInternal" -> a.abi = Abi.ABIInternal;
                    default -> error("malformed ABI selector " + GoQuote.quote(abi) + " in reference to "
                            + GoQuote.quote(name));
                }
            }
        }
        get('>');
    }

    private void setPseudoRegister(Draft a, String reg, boolean isStatic, char prefix) {
        switch (reg) {
            case "FP" -> a.name = AddrName.PARAM;
            case "PC" -> {
                if (prefix != 0) {
                    error("illegal addressing mode for PC");
                }
                a.type = AddrType.BRANCH;
            }
            case "SB" -> a.name = isStatic ? AddrName.STATIC : AddrName.EXTERN;
            case "SP" -> a.name = AddrName.AUTO;
            default -> error("expected pseudo-register; found " + reg);
        }
        if (prefix == '$') {
            a.type = AddrType.ADDR;
        }
    }

    /** A register reference: the register, a second one of a pair (never valid on amd64), a scale. */
    private record RegisterRef(Register first, Register second, int scale, boolean ok) {
    }

    private RegisterRef register(String name, char prefix) {
        Register r1 = register(name);
        if (r1 == null) {
            error("expected register; found " + name);
            return new RegisterRef(null, null, 0, false);
        }
        if (prefix != 0 && prefix != '*') {
            error("prefix " + prefix + " not allowed for register: " + prefix + name);
        }
        Register r2 = null;
        if (peekIs(':') || peekIs(',') || peekIs('+')) {
            Token sep = next();
            if (sep.is(',')) {
                error("(register,register) not supported on this architecture");
                return new RegisterRef(r1, null, 0, true);
            }
            if (sep.is('+')) {
                error("(register+register) not supported on this architecture");
                return new RegisterRef(r1, null, 0, true);
            }
            String second = next().text();
            r2 = register(second);
            if (r2 == null) {
                error("expected register; found " + second);
                return new RegisterRef(r1, null, 0, false);
            }
        }
        int scale = 0;
        if (peekIs('*')) {
            next();
            scale = parseScale(next().text());
        }
        return new RegisterRef(r1, r2, scale, true);
    }

    private int parseScale(String s) {
        return switch (s) {
            case "1", "2", "4", "8" -> s.charAt(0) - '0';
            default -> {
                error("bad scale: " + s);
                yield 0;
            }
        };
    }

    /** (R), (R*scale), (R)(R*scale), or a pseudo-register such as (FP). We are on the '('. */
    private void registerIndirect(Draft a, char prefix) {
        get('(');
        Token tok = next();
        String name = tok.text();
        RegisterRef r = register(name, (char) 0);
        if (!r.ok()) {
            error("indirect through non-register " + tok.text());
        }
        get(')');
        a.type = AddrType.MEM;
        if (r.first() instanceof PseudoReg) {
            if (r.second() != null) {
                error("cannot use pseudo-register in pair");
                return;
            }
            // SB, SP and FP need a name: 0(FP) is not legal.
            if (!name.equals("PC") && a.name == AddrName.NONE) {
                error("cannot reference " + name + " without a symbol");
            }
            setPseudoRegister(a, name, false, prefix);
            return;
        }
        a.reg = r.first();
        if (r.second() != null) {
            error("indirect through register pair");
        }
        if (prefix == '$') {
            a.type = AddrType.ADDR;
        }
        if (r.scale() == 0 && peekIs('(')) {
            // (R)(R*scale)
            next();
            Token indexTok = next();
            RegisterRef index = register(indexTok.text(), (char) 0);
            if (!index.ok()) {
                error("indirect through non-register " + indexTok.text());
            }
            if (index.second() != null) {
                error("unimplemented two-register form");
            }
            a.index = index.first();
            a.scale = index.scale();
            get(')');
        } else if (r.scale() != 0) {
            // Only (R*scale): the register is the index.
            a.reg = null;
            a.index = r.first();
            a.scale = r.scale();
        }
    }

    /** [Z0-Z3]: the AVX-512 4-register source; the '[' has been read. */
    private void registerList(Draft a) {
        String loName = next().text();
        Register lo = register(loName);
        if (!(lo instanceof Reg)) {
            if (loName.equals("EOF")) {
                error("register list: expected ']', found EOF");
            } else {
                error("register list: bad low register in `[" + loName + "`");
            }
            return;
        }
        Token dash = next();
        if (!dash.is('-')) {
            error("register list: expected '-' after `[" + loName + "`, found " + dash.describeKind());
            return;
        }
        String hiName = next().text();
        Register hi = register(hiName);
        if (!(hi instanceof Reg)) {
            error("register list: bad high register in `[" + loName + "-" + hiName + "`");
            return;
        }
        Token close = next();
        if (!close.is(']')) {
            error("register list: expected ']' after `[" + loName + "-" + hiName + "`, found " + close.describeKind());
        }
        a.type = AddrType.REGLIST;
        a.reg = lo;
        a.index = hi;
        a.val = "[" + lo.spelling() + "-" + hi.spelling() + "]";
    }

    // ---- constant expressions (uint64 arithmetic, Go precedence) ----

    /** expr = term {('+' | '-' | '|' | '^') term}. */
    long expr() {
        long value = term();
        while (true) {
            Token t = peek();
            if (t.is('+')) {
                next();
                value += term();
            } else if (t.is('-')) {
                next();
                value -= term();
            } else if (t.is('|')) {
                next();
                value |= term();
            } else if (t.is('^')) {
                next();
                value ^= term();
            } else {
                return value;
            }
        }
    }

    /** term = factor {('*' | '/' | '%' | '<<' | '>>' | '&') factor}. */
    private long term() {
        long value = factor();
        while (true) {
            Token t = peek();
            if (t.is('*')) {
                next();
                value *= factor();
            } else if (t.is('/')) {
                next();
                if (value < 0) {
                    error("divide of value with high bit set");
                }
                long divisor = factor();
                if (divisor == 0) {
                    error("division by zero");
                } else {
                    value = Long.divideUnsigned(value, divisor);
                }
            } else if (t.is('%')) {
                next();
                long divisor = factor();
                if (value < 0) {
                    error("modulo of value with high bit set");
                }
                if (divisor == 0) {
                    error("modulo by zero");
                } else {
                    value = Long.remainderUnsigned(value, divisor);
                }
            } else if (t.is(Token.Kind.SHIFT_LEFT)) {
                next();
                long shift = factor();
                if (shift < 0) {
                    error("negative left shift count");
                }
                // Go ends the term here: 1<<2*3 is (1<<2), then *3 is left unread.
                return Long.compareUnsigned(shift, 64) >= 0 ? 0 : value << shift;
            } else if (t.is(Token.Kind.SHIFT_RIGHT)) {
                next();
                long shift = term();
                if (shift < 0) {
                    error("negative right shift count");
                }
                if (value < 0) {
                    error("right shift of value with high bit set");
                }
                value = Long.compareUnsigned(shift, 64) >= 0 ? 0 : value >>> shift;
            } else if (t.is('&')) {
                next();
                value &= factor();
            } else {
                return value;
            }
        }
    }

    /** factor = const | '+' factor | '-' factor | '~' factor | '(' expr ')'. */
    private long factor() {
        Token tok = next();
        switch (tok.kind()) {
            case INT -> {
                try {
                    return GoNumbers.parseUint(tok.text());
                } catch (GoNumbers.NumberError e) {
                    error(e.getMessage());
                    return e.partial();
                }
            }
            case CHAR -> {
                byte[] bytes = GoStrings.unquote(tok.text());
                if (bytes == null) {
                    error("invalid syntax");
                    // Go decodes the empty string a failed unquote leaves: utf8.RuneError.
                    return 0xFFFD;
                }
                if (bytes.length == 0) {
                    // '' decodes as no rune at all: utf8.RuneError.
                    return 0xFFFD;
                }
                String s = new String(bytes, StandardCharsets.UTF_8);
                int cp = s.codePointAt(0);
                if (cp == 0xFFFD && !(bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF)) {
                    error("illegal UTF-8 encoding for character constant");
                }
                return cp;
            }
            case PUNCT -> {
                if (tok.is('+')) {
                    return factor();
                }
                if (tok.is('-')) {
                    return -factor();
                }
                if (tok.is('~')) {
                    return ~factor();
                }
                if (tok.is('(')) {
                    long v = expr();
                    if (!next().is(')')) {
                        error("missing closing paren");
                    }
                    return v;
                }
            }
            default -> {
            }
        }
        error("unexpected " + tok.text() + " evaluating expression");
        return 0;
    }

    /** floatExpr = fconst | '-' floatExpr | '+' floatExpr | '(' floatExpr ')'. */
    private double floatExpr() {
        Token tok = next();
        if (tok.is('(')) {
            double v = floatExpr();
            if (!next().is(')')) {
                error("missing closing paren");
            }
            return v;
        }
        if (tok.is('+')) {
            return floatExpr();
        }
        if (tok.is('-')) {
            return -floatExpr();
        }
        if (tok.is(Token.Kind.FLOAT)) {
            try {
                return GoNumbers.parseFloat(tok.text());
            } catch (GoNumbers.NumberError e) {
                error(e.getMessage());
                return tok.text().startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
        }
        error("unexpected " + tok.text() + " evaluating float expression");
        return 0;
    }

    /** Evaluates a whole token list as an integer expression (for the TEXT/GLOBL flag operand). */
    long evaluate(List<Token> tokens) {
        this.input = tokens;
        this.pos = 0;
        return expr();
    }
}
