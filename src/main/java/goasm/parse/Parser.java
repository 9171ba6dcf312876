package goasm.parse;

import goasm.arch.amd64.Mnemonics;
import goasm.arch.amd64.OpSuffix;
import goasm.arch.amd64.Registers.PseudoReg;
import goasm.lex.InputError;
import goasm.lex.Token;
import goasm.lex.TokenSource;
import goasm.obj.Abi;
import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.Diagnostics;
import goasm.obj.GoQuote;
import goasm.obj.Link;
import goasm.obj.Opcode;
import goasm.obj.OperandFormat;
import goasm.obj.Position;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Reloc;
import goasm.obj.RelocType;
import goasm.obj.SymKind;
import goasm.obj.Symbol;
import goasm.obj.TextFlag;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's amd64 assembly parser: reads statements ({@code label: WORD[.suffix] op, op, ...}),
 * defines functions (TEXT) and data (DATA, GLOBL) in the {@link Link}, and builds each
 * function's instruction list, headed by its TEXT Prog and chained through {@link Prog#link}.
 *
 * <pre>{@code
 * Parser parser = new Parser(link, Preprocessor.open("f.s", includes, defines, false, diags::note));
 * boolean ok = parser.parse();
 * }</pre>
 *
 * Errors are printed through the Link's {@link Diagnostics} in Go's words ("f.s:3: ..."), at most
 * one per line. Work Go leaves to its object writer's first step (dropping instructions outside
 * functions, giving each function its own chain) is done here; renaming FUNCDATA's
 * go_args_stackmap is not.
 */
public final class Parser {
    private static final int POINTER_SIZE = 8;

    private final Link link;
    private final TokenSource lex;
    private final Diagnostics diagnostics;
    private final String packagePath;
    private final OperandParser operands;

    private int lineNum;
    private int errorLine;
    private int errorCount;
    private boolean inputFailed;
    private java.util.function.Consumer<String> debugOutput;
    /** Null unless a line-by-line check is watching. */
    private StatementObserver statementObserver;
    private boolean sawCode;
    /** Virtual PC: the number of instructions so far (DATA and GLOBL do not count). */
    private long pc;
    private final List<String> pendingLabels = new ArrayList<>();
    /** Instructions before the first TEXT, in order: no function keeps them, but -v -S lists them. */
    private final List<Prog> outsideText = new ArrayList<>();
    private Map<String, Prog> labels = new HashMap<>();
    private final List<Patch> toPatch = new ArrayList<>();
    /** End of the last DATA per symbol name, to reject overlapping or backward DATA. */
    private final Map<String, Long> dataEnd = new HashMap<>();
    /**
     * The contents DATA builds up, kept with spare room while the file is read so that n DATA
     * lines cost O(n) rather than a copy of the symbol per line; stored into the symbols at the end.
     */
    private final Map<Symbol, DataContents> dataContents = new java.util.LinkedHashMap<>();

    private static final class DataContents {
        private final Symbol sym;
        private byte[] bytes;
        private int length;

        DataContents(Symbol sym) {
            this.sym = sym;
            this.bytes = sym.data;
            this.length = sym.data.length;
        }

        void write(int offset, byte[] b) {
            int end = offset + b.length;
            if (end > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(end, bytes.length * 2));
            }
            System.arraycopy(b, 0, bytes, offset, b.length);
            length = Math.max(length, end);
        }

        void store() {
            sym.data = bytes.length == length ? bytes : java.util.Arrays.copyOf(bytes, length);
        }
    }
    /** Set per instruction and left as is for pseudo-ops, as Go does. */
    private boolean isJump;
    /** The last instruction of the current function's chain; null before the first TEXT. */
    private Prog tail;

    /** A branch to a label not seen yet. */
    private record Patch(Prog prog, String label) {
    }

    /** A statement: the instruction word, its ".suffix" text, and each operand's tokens. */
    private record Statement(String word, String cond, List<List<Token>> operands, boolean fromMacro) {
    }

    public Parser(Link link, TokenSource tokens) {
        this(link, tokens, goasm.release.SymbolNaming.UNLINKABLE);
    }

    /**
     * @param packagePath the -p import path; Go substitutes it for {@code ""} when it decides
     *                    whether a function is a special runtime one (its FuncID)
     */
    public Parser(Link link, TokenSource tokens, String packagePath) {
        this.link = link;
        this.lex = tokens;
        this.diagnostics = link.diagnostics();
        this.packagePath = packagePath;
        this.operands = new OperandParser(link, link.options().compilingRuntime(), packagePath, this::error);
    }

    /**
     * Parses the whole input. Returns false when a source error was reported (Go's parser then
     * produces nothing). Errors the symbol table reports ("asm: symbol x listed multiple times")
     * or an undefined label at the very end do not make it false, as in Go; check
     * {@link Diagnostics#hasErrors()} for those.
     */
    public boolean parse() {
        try {
            return parseStatements();
        } finally {
            dataContents.values().forEach(DataContents::store);
            dataContents.clear();
        }
    }

    private boolean parseStatements() {
        try {
            Statement st;
            while ((st = statement()) != null) {
                if (statementObserver != null) {
                    statementObserver.statement(st.word(), st.operands().stream()
                            .map(op -> op.stream().map(Token::text).collect(java.util.stream.Collectors.joining()))
                            .toList(), st.fromMacro(), pos());
                }
                if (pseudo(st)) {
                    continue;
                }
                Opcode op = Mnemonics.lookup(st.word(), link.release().instructionSet());
                if (op != null) {
                    instruction(op, st);
                    continue;
                }
                error("unrecognized instruction " + GoQuote.quote(st.word()));
            }
        } catch (InputError e) {
            inputFailed = true;
            diagnostics.fatalAt(e.position(), e.getMessage());
            return false;
        }
        if (errorCount > 0) {
            return false;
        }
        patch();
        return true;
    }

    /**
     * The -gensymabis mode: instead of assembling, lists the text symbols this file defines
     * ("def name ABI") and the function references in its operands ("ref name ABI"), the
     * format the Go compiler reads. Returns false on errors, as {@link #parse()} does.
     */
    public boolean parseSymAbis(StringBuilder out) {
        try {
            Statement st;
            while ((st = statement()) != null) {
                List<List<Token>> ops = st.operands();
                switch (st.word()) {
                    case "TEXT" -> {
                        if (!ops.isEmpty()) {
                            funcAddress(ops.get(0)).ifPresent(ref -> out.append("def ").append(ref).append('\n'));
                        }
                        continue;
                    }
                    // GLOBL and PCDATA define no text symbols, but their operands are searched like any.
                    case "DATA", "FUNCDATA" -> ops = ops.size() < 2 ? List.of() : ops.subList(1, ops.size());
                    default -> {
                    }
                }
                for (List<Token> op : ops) {
                    funcAddress(op).ifPresent(ref -> out.append("ref ").append(ref).append('\n'));
                }
            }
        } catch (InputError e) {
            inputFailed = true;
            diagnostics.fatalAt(e.position(), e.getMessage());
            return false;
        }
        return errorCount == 0;
    }

    /**
     * "name ABI" when the operand is a plain function address, [$|*]sym[<abi>][+int](SB) —
     * never static, never with a register — as Go's funcAddress accepts it.
     */
    private java.util.Optional<String> funcAddress(List<Token> op) {
        int i = 0;
        if (i < op.size() && (op.get(i).is('$') || op.get(i).is('*'))) {
            i++;
        }
        if (i >= op.size() || !op.get(i).is(Token.Kind.IDENT) || (goasm.arch.amd64.Registers.lookup(op.get(i).text()) != null
                && link.release().registerNames().isRegister(op.get(i).text()))) {
            return java.util.Optional.empty();
        }
        String name = link.release().symbolNaming().qualify(op.get(i++).withGoNames().text(), packagePath);
        String abi = "ABI0";
        if (i < op.size() && op.get(i).is('<')) {
            if (link.release().symbolNaming().symAbiSelectors()
                    == goasm.release.SymbolNaming.SymAbiSelectors.NOT_A_FUNCTION_ADDRESS) {
                return java.util.Optional.empty();
            }
            i++;
            if (i < op.size() && op.get(i).is('>')) {
                return java.util.Optional.empty();
            }
            if (i < op.size() && op.get(i).is(Token.Kind.IDENT)) {
                String selector = op.get(i++).text();
                // Go's funcAddress reads the selector without complaints: one not permitted
                // here, or malformed, leaves ABI0 (the assembly pass reports it).
                if (link.options().compilingRuntime() && (selector.equals("ABI0") || selector.equals("ABIInternal"))) {
                    abi = selector;
                }
            }
            if (i < op.size() && op.get(i).is('>')) {
                i++;
            } else {
                error("expected '>', found " + (i < op.size() ? GoQuote.quote(op.get(i).text()) : "EOF"));
                return java.util.Optional.empty();
            }
        }
        if (i < op.size() && op.get(i).is('+')) {
            i++;
            if (i >= op.size() || !op.get(i).is(Token.Kind.INT)) {
                return java.util.Optional.empty();
            }
            i++;
        }
        if (i + 3 != op.size() || !op.get(i).is('(') || !op.get(i + 1).is(Token.Kind.IDENT)
                || !op.get(i + 1).text().equals("SB") || !op.get(i + 2).is(')')) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(name + " " + abi);
    }

    /**
     * Whether parsing stopped on a preprocessor error. Go exits at once on those, without its
     * "assembly of f.s failed" line.
     */
    public boolean inputFailed() {
        return inputFailed;
    }

    /** The instructions written before the file's first TEXT, which no function keeps. */
    public List<Prog> instructionsOutsideText() {
        return List.copyOf(outsideText);
    }

    private void error(String message) {
        if (lineNum == errorLine) {
            return; // one error per line
        }
        errorLine = lineNum;
        errorCount++;
        diagnostics.error(new Position(lex.file(), lineNum), message);
    }

    private Position pos() {
        return lex.position(lineNum);
    }

    // ---- statements ----

    private Token nextToken() {
        while (true) {
            Token tok = lex.next();
            if (tok.is(Token.Kind.BUILD_COMMENT)) {
                if (sawCode) {
                    error("misplaced //go:build comment");
                }
                continue;
            }
            if (!tok.is(Token.Kind.NEWLINE)) {
                sawCode = true;
            }
            if (tok.is('#')) {
                continue; // what is left of a directive
            }
            return tok;
        }
    }

    /** Reads one statement; null at the end or when the input cannot be read further. */
    private Statement statement() {
        Token tok;
        while (true) {
            // Skip empty statements; errors of this one are reported on its first line.
            while (true) {
                tok = nextToken();
                lineNum = lex.line();
                if (!tok.endsStatement()) {
                    break;
                }
            }
            if (tok.is(Token.Kind.EOF)) {
                return null;
            }
            if (!tok.is(Token.Kind.IDENT)) {
                error("expected identifier, found " + GoQuote.quote(tok.text()));
                return null;
            }
            String word = tok.text();
            boolean wordFromMacro = lex.lastFromMacro();
            StringBuilder cond = new StringBuilder();
            List<List<Token>> ops = new ArrayList<>();
            int nesting = 0;
            int colon = -1;
            boolean label = false;
            while (!tok.endsStatement()) {
                List<Token> items = new ArrayList<>();
                while (true) {
                    tok = nextToken();
                    if (ops.isEmpty() && items.isEmpty()) {
                        if (tok.is('.')) {
                            // Suffix: MOVQ.Z and friends.
                            tok = nextToken();
                            if (!tok.is(Token.Kind.IDENT)) {
                                error("instruction suffix expected identifier, found " + tok.text());
                            }
                            cond.append('.').append(tok.text());
                            continue;
                        }
                        if (tok.is(':')) {
                            pendingLabels.add(word);
                            label = true;
                            break;
                        }
                    }
                    if (tok.is(Token.Kind.EOF)) {
                        error("unexpected EOF");
                        return null;
                    }
                    // Operands split on ','; the old register pair syntax AX:DX means DX, AX.
                    if (tok.endsStatement() || (nesting == 0 && (tok.is(',') || tok.is(':')))) {
                        if (tok.is(':')) {
                            if (colon >= 0) {
                                error("invalid ':' in operand");
                                return new Statement(word, cond.toString(), ops, wordFromMacro);
                            }
                            colon = ops.size();
                        }
                        break;
                    }
                    if (tok.is('(') || tok.is('[')) {
                        nesting++;
                    }
                    if (tok.is(')') || tok.is(']')) {
                        nesting--;
                    }
                    items.add(tok.withGoNames());
                }
                if (label) {
                    break;
                }
                if (!items.isEmpty()) {
                    ops.add(items);
                    if (colon >= 0 && ops.size() == colon + 2) {
                        List<Token> first = ops.get(colon);
                        ops.set(colon, ops.get(colon + 1));
                        ops.set(colon + 1, first);
                        colon = -1;
                    }
                } else if (!ops.isEmpty() || tok.is(',') || colon >= 0) {
                    error("missing operand");
                }
            }
            if (label) {
                continue;
            }
            return new Statement(word, cond.toString(), ops, wordFromMacro);
        }
    }

    private boolean pseudo(Statement st) {
        switch (st.word()) {
            case "DATA" -> data(st.operands());
            case "FUNCDATA" -> funcData(st.operands());
            case "GLOBL" -> globl(st.operands());
            case "PCDATA" -> pcData(st.operands());
            case "PCALIGN" -> pcAlign(st.operands());
            case "TEXT" -> text(st.operands());
            default -> {
                return false;
            }
        }
        return true;
    }

    private Addr address(List<Token> operand) {
        return operands.parse(operand, isJump);
    }

    // ---- building the instruction list ----

    private void append(Prog prog, String cond) {
        if (!cond.isEmpty()) {
            OpSuffix.Parsed suffix = OpSuffix.parse(cond);
            if (suffix.error() != null) {
                error(suffix.error());
                return;
            }
            prog.suffix = suffix.value();
        }
        if (statementObserver != null) {
            statementObserver.instruction(prog);
        }
        if (prog.op == Pseudo.TEXT) {
            tail = prog;
        } else if (tail != null) {
            tail.link = prog;
            tail = prog;
        } else {
            // Before the first TEXT: the instruction belongs to no function and Go's back end
            // drops it, after -v -S listed it; its position was made all the same.
            outsideText.add(prog);
            if (prog.pos != null) {
                link.addUnlistedPosition(new Link.UnlistedPosition(null, prog.pos));
            }
        }
        pc++;
        for (String label : pendingLabels) {
            if (labels.containsKey(label)) {
                error("label " + GoQuote.quote(label) + " multiply defined");
                return;
            }
            labels.put(label, prog);
        }
        pendingLabels.clear();
        prog.pc = pc;
        if (debugOutput != null) {
            debugOutput.accept(lineNum + " " + OperandFormat.withPosition(prog));
        }
    }

    /**
     * Tells {@code observer} the word and position of every statement before it is handled,
     * pseudo-ops (DATA, GLOBL, TEXT) and statements that fail included: checks that follow the
     * source line by line see what the instruction lists leave out.
     */
    public void setStatementObserver(StatementObserver observer) {
        this.statementObserver = observer;
    }

    /**
     * Sees each statement (its word, each operand's tokens written together, whether a macro
     * expansion wrote it, where it is) and then each instruction it became.
     */
    @FunctionalInterface
    public interface StatementObserver {
        void statement(String word, List<String> operands, boolean fromMacro, Position at);

        default void instruction(Prog prog) {
        }
    }

    /** -debug: every instruction as it is parsed, "line pc (file:line)\tinstruction", as Go prints it. */
    public void setDebugOutput(java.util.function.Consumer<String> output) {
        this.debugOutput = output;
    }

    private static String symbolName(Addr a) {
        if (a.sym() != null) {
            return a.sym().name();
        }
        return a.localName() != null ? a.localName() : "<erroneous symbol>";
    }

    /** Whether a names a symbol as TEXT, DATA, GLOBL and FUNCDATA need: sym(SB) or sym<>(SB). */
    private boolean validSymbol(String pseudo, Addr a, boolean offsetOk) {
        if (a.sym() == null || (a.name() != AddrName.EXTERN && a.name() != AddrName.STATIC) || a.scale() != 0
                || a.reg() != null) {
            error(pseudo + " symbol " + GoQuote.quote(symbolName(a)) + " must be a symbol(SB)");
            return false;
        }
        if (!offsetOk && a.offset() != 0) {
            error(pseudo + " symbol " + GoQuote.quote(symbolName(a)) + " must not be offset from SB");
            return false;
        }
        return true;
    }

    private boolean validImmediate(String pseudo, Addr a) {
        if (a.type() != AddrType.CONST || a.name() != AddrName.NONE || a.reg() != null || a.index() != null) {
            error(pseudo + ": expected immediate constant; found " + OperandFormat.format(a));
            return false;
        }
        return true;
    }

    /** The TEXT/GLOBL flag operand: a constant without '$' (NOSPLIT, 4, DUPOK|NOPTR). */
    private long flagOperand(String pseudo, List<Token> operand) {
        Addr a = address(operand);
        if (a.type() != AddrType.MEM || a.name() != AddrName.NONE || a.reg() != null || a.index() != null) {
            error(pseudo + ": expected integer constant; found " + OperandFormat.format(a));
        }
        return a.offset();
    }

    // ---- pseudo-instructions ----

    /** TEXT sym(SB), [flags,] $frame[-args] */
    private void text(List<List<Token>> ops) {
        if (ops.size() != 2 && ops.size() != 3) {
            error("expect two or three operands for TEXT");
            return;
        }
        // Labels are local to a function.
        patch();
        labels = new HashMap<>();

        Addr nameAddr = address(ops.get(0));
        if (!validSymbol("TEXT", nameAddr, false)) {
            return;
        }
        Symbol sym = nameAddr.sym();
        String name = sym.name();
        int next = 1;
        long flag = 0;
        if (ops.size() == 3) {
            flag = flagOperand("TEXT", ops.get(1));
            next++;
        }
        // The frame lowering of ABIInternal functions would need their signature.
        if (sym.abi() == Abi.ABIInternal && (flag & TextFlag.NOSPLIT) == 0) {
            error("TEXT " + GoQuote.quote(name) + ": ABIInternal requires NOSPLIT");
        }
        // $frame-args is two numbers, not a subtraction; only the frame size may be negative.
        List<Token> op = ops.get(next);
        if (op.size() < 2 || !op.get(0).is('$')) {
            error("TEXT " + name + ": frame size must be an immediate constant");
            return;
        }
        int i = 1;
        boolean negative = false;
        if (op.get(i).is('-')) {
            negative = true;
            i++;
        }
        if (i >= op.size() || !op.get(i).is(Token.Kind.INT)) {
            error("TEXT " + name + ": frame size must be an immediate constant");
            return;
        }
        long frameSize = positiveAtoi(op.get(i).text());
        if (negative) {
            frameSize = -frameSize;
        }
        i++;
        long argSize = Addr.ARGS_SIZE_UNKNOWN;
        if (i < op.size()) {
            if (op.size() - i != 2 || !op.get(i).is('-') || !op.get(i + 1).is(Token.Kind.INT)) {
                error("TEXT " + name + ": argument size must be of form -integer");
                return;
            }
            argSize = positiveAtoi(op.get(i + 1).text());
        }
        defineFunction(sym, (int) flag);
        Prog prog = new Prog(Pseudo.TEXT, pos());
        prog.from = nameAddr;
        prog.to = Addr.textSize(frameSize, (int) argSize);
        sym.func.text = prog;
        append(prog, "");
    }

    private long positiveAtoi(String s) {
        long value;
        try {
            value = GoNumbers.parseInt(s);
        } catch (GoNumbers.NumberError e) {
            error(e.getMessage());
            value = e.partial();
        }
        if (value < 0) {
            error(s + " overflows int64");
        }
        return value;
    }

    /** What Go's InitTextSym records about a function. */
    private void defineFunction(Symbol sym, int flag) {
        switch (link.release().textSymbols().redeclaration()) {
            case DOUBLE_INIT_THEN_LISTED -> {
                if (sym.func != null) {
                    diagnostics.passError("InitTextSym double init for " + sym.name());
                }
                sym.func = new Symbol.FuncInfo();
                if (sym.has(Symbol.Attr.ON_LIST)) {
                    diagnostics.passError("symbol " + sym.name() + " listed multiple times");
                }
            }
            case REDECLARED_AT_POSITIONS -> {
                if (sym.func != null) {
                    String other = sym.func.text != null ? sym.func.text.pos.toString() : "<unknown line number>";
                    diagnostics.passError(pos() + ": symbol " + sym.name() + " redeclared\n\t" + other
                            + ": other declaration of symbol " + sym.name());
                    return;
                }
                sym.func = new Symbol.FuncInfo();
                if (sym.has(Symbol.Attr.ON_LIST)) {
                    diagnostics.passError(pos() + ": symbol " + sym.name() + " redeclared");
                    return;
                }
            }
        }
        String qualified = sym.name().replace("\"\"", packagePath);
        sym.func.funcId = link.release().funcIds().of(qualified, (flag & (TextFlag.WRAPPER | TextFlag.ABIWRAPPER)) != 0);
        sym.func.topFrame = (flag & TextFlag.TOPFRAME) != 0;
        sym.set(Symbol.Attr.ON_LIST, true);
        sym.set(Symbol.Attr.DUPOK, (flag & TextFlag.DUPOK) != 0);
        sym.set(Symbol.Attr.NOSPLIT, (flag & TextFlag.NOSPLIT) != 0);
        sym.set(Symbol.Attr.REFLECTMETHOD, (flag & TextFlag.REFLECTMETHOD) != 0);
        sym.set(Symbol.Attr.WRAPPER, (flag & TextFlag.WRAPPER) != 0);
        sym.set(Symbol.Attr.ABIWRAPPER, (flag & TextFlag.ABIWRAPPER) != 0);
        sym.set(Symbol.Attr.PKGINIT, (flag & TextFlag.PKGINIT) != 0);
        sym.set(Symbol.Attr.NEEDCTXT, (flag & TextFlag.NEEDCTXT) != 0);
        sym.set(Symbol.Attr.NOFRAME, (flag & TextFlag.NOFRAME) != 0);
        sym.kind = SymKind.STEXT;
        link.addText(sym);
    }

    /** DATA sym+off(SB)/width, value */
    private void data(List<List<Token>> ops) {
        if (ops.size() != 2) {
            error("expect two operands for DATA");
            return;
        }
        List<Token> op = ops.get(0);
        int n = op.size();
        if (n < 3 || !op.get(n - 2).is('/') || !op.get(n - 1).is(Token.Kind.INT)) {
            error("expect /size for DATA argument");
            return;
        }
        String sizeText = op.get(n - 1).text();
        // strconv.Atoi: any int64 is a size here; the checks below judge it.
        long size = 0;
        try {
            size = Long.parseLong(sizeText);
        } catch (NumberFormatException e) {
            error("bad size for DATA argument: " + GoQuote.quote(sizeText));
        }
        Addr nameAddr = address(op.subList(0, n - 2));
        if (!validSymbol("DATA", nameAddr, true)) {
            return;
        }
        String name = symbolName(nameAddr);
        Addr value = address(ops.get(1));
        switch (value.type()) {
            case CONST, FCONST, SCONST, ADDR -> {
            }
            default -> {
                error("DATA value must be an immediate constant or address");
                return;
            }
        }
        Long last = dataEnd.get(name);
        if (last != null && nameAddr.offset() < last) {
            error("overlapping DATA entry for " + name);
            return;
        }
        dataEnd.put(name, nameAddr.offset() + size);

        Symbol sym = nameAddr.sym();
        long off = nameAddr.offset();
        switch (value.type()) {
            case CONST -> {
                if (size == 1 || size == 2 || size == 4 || size == 8) {
                    writeData(sym, off, littleEndian(value.offset(), (int) size));
                } else {
                    error("bad int size for DATA argument: " + size);
                }
            }
            case FCONST -> {
                double d = (Double) value.val();
                if (size == 4) {
                    writeData(sym, off, littleEndian(Float.floatToRawIntBits((float) d), 4));
                } else if (size == 8) {
                    writeData(sym, off, littleEndian(Double.doubleToRawLongBits(d), 8));
                } else {
                    error("bad float size for DATA argument: " + size);
                }
            }
            case SCONST -> {
                byte[] str = goasm.obj.GoQuote.bytes((String) value.val());
                if (size < str.length) {
                    diagnostics.passError("WriteString: bad string size: " + size + " < " + str.length);
                }
                if (size >= MAX_DATA_OFFSET) {
                    // Go would try to grow the symbol to this size (and run out of memory).
                    diagnostics.passError("prepwrite: bad off=" + off + " siz=" + size + " s=" + sym.name());
                    return;
                }
                byte[] bytes = new byte[(int) Math.max(size, 0)];
                System.arraycopy(str, 0, bytes, 0, Math.min(bytes.length, str.length));
                writeData(sym, off, bytes);
            }
            case ADDR -> {
                if (size == POINTER_SIZE) {
                    if (writeData(sym, off, new byte[POINTER_SIZE])) {
                        sym.relocs.add(new Reloc((int) off, POINTER_SIZE, RelocType.ADDR, value.sym(), value.offset()));
                    }
                } else {
                    error("bad addr size for DATA argument: " + size);
                }
            }
            default -> {
            }
        }
    }

    /**
     * Go's %+v of a pointer to an obj.Addr, as "cannot assemble jump" prints the operand: its
     * fields in declaration order, registers by Go's number (pseudo-registers are names, 0
     * here), the symbol by its name, the value if a constant carries one.
     */
    private static String goStructText(Addr a) {
        String val = switch (a.type()) {
            case FCONST -> goasm.obj.GoFloat.formatV((Double) a.val());
            case SCONST -> (String) a.val();
            default -> "<nil>";
        };
        return "&{Reg:" + goRegisterNumber(a.reg()) + " Index:" + goRegisterNumber(a.index()) + " Scale:" + a.scale()
                + " Type:TYPE_" + a.type().name() + " Name:" + a.name().ordinal() + " Class:0 Offset:" + a.offset()
                + " Sym:" + (a.sym() != null ? a.sym().name() : a.localName() != null ? a.localName() : "<nil>")
                + " Val:" + val + "}";
    }

    private static int goRegisterNumber(goasm.obj.Register r) {
        return r instanceof goasm.arch.amd64.Reg reg ? reg.goNumber() : 0;
    }

    private static byte[] littleEndian(long v, int size) {
        byte[] eight = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
        byte[] out = new byte[size];
        System.arraycopy(eight, 0, out, 0, size);
        return out;
    }

    /** Go's prepwrite refuses data at offsets from 1 GiB on. */
    private static final long MAX_DATA_OFFSET = 1L << 30;

    /** Writes initial contents, turning BSS into data as Go's prepwrite does; false if refused. */
    private boolean writeData(Symbol sym, long off, byte[] bytes) {
        if (off < 0 || off >= MAX_DATA_OFFSET) {
            diagnostics.passError("prepwrite: bad off=" + off + " siz=" + bytes.length + " s=" + sym.name());
            return false;
        }
        if (sym.kind == null || sym.kind == SymKind.SBSS) {
            sym.kind = SymKind.SDATA;
        } else if (sym.kind == SymKind.SNOPTRBSS) {
            sym.kind = SymKind.SNOPTRDATA;
        } else if (sym.kind == SymKind.STLSBSS) {
            diagnostics.passError("cannot supply data for STLSBSS var " + sym.name());
        }
        dataContents.computeIfAbsent(sym, DataContents::new).write((int) off, bytes);
        long end = off + bytes.length;
        if (end > sym.size) {
            sym.size = end;
        }
        return true;
    }

    /** GLOBL sym(SB), [flags,] $size */
    private void globl(List<List<Token>> ops) {
        if (ops.size() != 2 && ops.size() != 3) {
            error("expect two or three operands for GLOBL");
            return;
        }
        Addr nameAddr = address(ops.get(0));
        if (!validSymbol("GLOBL", nameAddr, false)) {
            return;
        }
        int next = 1;
        long flag = 0;
        if (ops.size() == 3) {
            flag = flagOperand("GLOBL", ops.get(1));
            next++;
        }
        Addr size = address(ops.get(next));
        if (!validImmediate("GLOBL", size)) {
            return;
        }
        if (link.release().positions().globlPositioned()) {
            link.addUnlistedPosition(new Link.UnlistedPosition(tail, pos()));
        }
        link.globl(nameAddr.sym(), size.offset(), (int) flag, pos());
    }

    /** PCDATA $key, $value */
    private void pcData(List<List<Token>> ops) {
        if (ops.size() != 2) {
            error("expect two operands for PCDATA");
            return;
        }
        Addr key = address(ops.get(0));
        if (!validImmediate("PCDATA", key)) {
            return;
        }
        Addr value = address(ops.get(1));
        if (!validImmediate("PCDATA", value)) {
            return;
        }
        Prog prog = new Prog(Pseudo.PCDATA, pos());
        prog.from = key;
        prog.to = value;
        append(prog, "");
    }

    /** PCALIGN $n */
    private void pcAlign(List<List<Token>> ops) {
        if (ops.size() != 1) {
            error("expect one operand for PCALIGN");
            return;
        }
        Addr key = address(ops.get(0));
        if (!validImmediate("PCALIGN", key)) {
            return;
        }
        // Releases whose parser leaves PCALIGN without a position list it as "<unknown line
        // number>" and keep it out of the line tables.
        Prog prog = new Prog(Pseudo.PCALIGN, link.release().positions().pcAlignPositioned() ? pos() : null);
        prog.from = key;
        append(prog, "");
    }

    /** FUNCDATA $n, sym(SB) */
    private void funcData(List<List<Token>> ops) {
        if (ops.size() != 2) {
            error("expect two operands for FUNCDATA");
            return;
        }
        Addr value = address(ops.get(0));
        if (!validImmediate("FUNCDATA", value)) {
            return;
        }
        Addr nameAddr = address(ops.get(1));
        if (!validSymbol("FUNCDATA", nameAddr, true)) {
            return;
        }
        Prog prog = new Prog(Pseudo.FUNCDATA, pos());
        prog.from = value;
        prog.to = nameAddr;
        append(prog, "");
    }

    // ---- instructions ----

    private void instruction(Opcode op, Statement st) {
        isJump = Mnemonics.isJump(st.word());
        List<Addr> addrs = new ArrayList<>(st.operands().size());
        for (List<Token> operand : st.operands()) {
            Addr a = address(operand);
            // Jumps may name PC; nothing else may use a pseudo-register as a register.
            if (!isJump && a.reg() instanceof PseudoReg) {
                error("illegal use of pseudo-register in " + st.word());
            }
            addrs.add(a);
        }
        if (isJump) {
            jump(op, st.cond(), addrs);
        } else {
            plain(op, st.cond(), addrs);
        }
    }

    /** JMP label, JMP 2(PC), CALL sym(SB), JMP AX, JMP (AX), ... */
    private void jump(Opcode op, String cond, List<Addr> a) {
        Prog prog = new Prog(op, pos());
        Addr target;
        switch (a.size()) {
            case 1 -> target = a.get(0);
            case 2 -> {
                target = a.get(1);
                prog.from = a.get(0);
            }
            default -> {
                error("wrong number of arguments to " + op.mnemonic() + " instruction");
                return;
            }
        }
        if (target.type() == AddrType.BRANCH) {
            // n(PC): n instructions from this one (pc is advanced when it is appended).
            prog.to = new Addr(AddrType.BRANCH, null, null, 0, AddrName.NONE, pc + 1 + target.offset(), null, null,
                    null);
        } else if (target.type() == AddrType.REG) {
            prog.to = target;
        } else if (target.type() == AddrType.MEM
                && (target.name() == AddrName.EXTERN || target.name() == AddrName.STATIC)) {
            // CALL f(SB): Go's progedit later makes this a branch to the symbol (done here), but
            // only for CALL, JMP and RET: "JEQ f(SB)" stays a memory operand and is rejected.
            boolean branch = prog.op == Pseudo.CALL || prog.op == Pseudo.JMP || prog.op == Pseudo.RET;
            prog.to = branch ? target.withType(AddrType.BRANCH) : target;
        } else if (target.type() == AddrType.INDIR
                && (target.name() == AddrName.EXTERN || target.name() == AddrName.STATIC)) {
            prog.to = target;
        } else if (target.type() == AddrType.MEM && target.reg() == null && target.offset() == 0) {
            String label = target.sym() != null ? target.sym().name() : target.localName();
            if (label == null) {
                return; // "JMP 0": Go drops it without a word
            }
            Prog targetProg = labels.get(label);
            if (targetProg == null) {
                toPatch.add(new Patch(prog, label));
            } else {
                prog.to = Addr.branchTo(targetProg);
            }
        } else if (target.type() == AddrType.MEM && target.name() == AddrName.NONE) {
            prog.to = target;
        } else if (target.type() == AddrType.CONST) {
            prog.to = a.get(0);
        } else if (target.type() != AddrType.NONE) {
            error("cannot assemble jump " + goStructText(target));
            return;
        }
        append(prog, cond);
    }

    private void patch() {
        for (Patch patch : toPatch) {
            Prog target = labels.get(patch.label());
            if (target == null) {
                error("undefined label " + patch.label());
                toPatch.clear();
                return;
            }
            patch.prog().to = Addr.branchTo(target);
        }
        toPatch.clear();
    }

    /** Go's operand placement for amd64: From, then the middle operands, then To. */
    private void plain(Opcode op, String cond, List<Addr> a) {
        Prog prog = new Prog(op, pos());
        switch (a.size()) {
            case 0 -> {
            }
            case 1 -> {
                if (Mnemonics.hasUnaryDestination(op) || op == Pseudo.RET || op == Pseudo.GETCALLERPC) {
                    prog.to = a.get(0);
                } else {
                    prog.from = a.get(0);
                }
            }
            case 2, 3, 4, 5 -> {
                prog.from = a.get(0);
                prog.restArgs = List.copyOf(a.subList(1, a.size() - 1));
                prog.to = a.get(a.size() - 1);
            }
            default -> {
                error("can't handle " + op.mnemonic() + " instruction with " + a.size() + " operands");
                return;
            }
        }
        append(prog, cond);
    }
}
