package goasm.vet;

import goasm.godecl.ArgFrame;
import goasm.godecl.GoDeclarations;
import goasm.obj.Abi;
import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.Prog;
import goasm.obj.Register;
import goasm.obj.Symbol;
import goasm.release.VetRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks an assembly file against the Go declarations of its functions, reporting what go vet's
 * asmdecl reports: the argument size in {@code $frame-args}, names, offsets and move sizes of
 * {@code name+off(FP)} references, hardware-SP references into the argument frame, results
 * never written before RET, and functions without a Go declaration.
 */
final class AsmDeclCheck {
    private final AsmSource source;
    private final String packagePath;
    private final Map<String, GoDeclarations.Declared> declared;
    private final VetRules rules;
    private final Consumer<Finding> out;
    private final Consumer<String> verbose;

    // The state of the function being read, as go vet keeps it line by line.
    private ArgFrame fn;
    private String fnName = "";
    private Abi abi = Abi.ABI0;
    private long localSize;
    private long argSize;
    private boolean wroteSP;
    private boolean noFrame;
    private boolean haveRetArg;
    private final List<Integer> retLines = new ArrayList<>();
    /** Functions checked against a declaration, and functions skipped for an unresolved type. */
    int checked;
    int skipped;

    AsmDeclCheck(AsmSource source, String packagePath, Map<String, GoDeclarations.Declared> declared, VetRules rules,
                 Consumer<Finding> out, Consumer<String> verbose) {
        this.source = source;
        this.packagePath = packagePath;
        this.declared = declared;
        this.rules = rules;
        this.out = out;
        this.verbose = verbose;
    }

    void run() {
        for (AsmSource.Line line : source.lines) {
            visit(line);
        }
        flushRet();
    }

    private void report(int line, String message) {
        out.accept(new Finding(source.file, line, Finding.ASMDECL, "[amd64] " + fnName + ": " + message));
    }

    private void flushRet() {
        if (fn != null && fn.vars.get("ret") != null && !haveRetArg && !retLines.isEmpty()) {
            ArgFrame.Var v = fn.vars.get("ret");
            String result = abi == Abi.ABIInternal && rules.abiSelectors() ? "result register"
                    : v.size + "-byte ret+" + v.offset + "(FP)";
            for (int line : retLines) {
                report(line, "RET without writing to " + result);
            }
        }
        retLines.clear();
    }

    private void visit(AsmSource.Line line) {
        if (line.text != null) {
            flushRet();
            startFunction(line);
            return;
        }
        if (line.hasWord("TEXT")) {
            // A TEXT statement that failed to parse ends the function before it.
            flushRet();
            fn = null;
            fnName = "";
            abi = Abi.ABI0;
            return;
        }
        boolean mentionsSB = line.operands().stream().anyMatch(AsmDeclCheck::isSymbolic);
        if (line.words.stream().anyMatch(w -> w.contains("RET")) && (rules.retToSymbolIsReturn() || !mentionsSB)) {
            retLines.add(line.number);
        }
        if (fnName.isEmpty()) {
            return;
        }
        if (line.hasWord("DATA") || line.hasWord("GLOBL")) {
            fn = null;
        }
        if (writesSP(line)) {
            wroteSP = true;
            return;
        }
        if (abi == Abi.ABIInternal && rules.abiSelectors() && !haveRetArg && writesResultRegister(line)) {
            haveRetArg = true;
        }
        for (Prog p : line.progs) {
            for (Addr a : AsmSource.Line.operands(p)) {
                checkHardwareSP(line.number, a);
            }
        }
        if (fn == null) {
            return;
        }
        for (Prog p : line.progs) {
            List<Addr> operands = AsmSource.Line.operands(p);
            for (int i = 0; i < operands.size(); i++) {
                Addr a = operands.get(i);
                if (a.name() != AddrName.PARAM || a.localName() == null || a.offset() < 0) {
                    continue;
                }
                checkNamed(line.number, p, a, i > 0);
            }
        }
    }

    private void startFunction(AsmSource.Line line) {
        Symbol sym = line.text;
        Prog text = line.textProg();
        String name = sym.name();
        String local = localName(name);
        fn = null;
        abi = sym.abi();
        if (local == null) {
            // Another package's function, or a name without a package part: not checked.
            fnName = "";
            return;
        }
        fnName = local;
        String selector = selectorAsWritten(line.textName);
        if (!rules.abiSelectors() && selector != null) {
            // Before ABI selectors, go vet took them for part of the name.
            fnName = local + selector;
        }
        boolean noSplit = sym.has(Symbol.Attr.NOSPLIT);
        noFrame = sym.has(Symbol.Attr.NOFRAME);
        int args = text.to.argsSize();
        long argsGiven = args == Addr.ARGS_SIZE_UNKNOWN ? 0 : args;
        GoDeclarations.Declared d = declared.get(fnName);
        if (d != null && d.frame().isEmpty()) {
            verbose.accept(source.file + ":" + line.number + ": " + fnName + ": not checked: " + d.unresolved());
            skipped++;
            fnName = "";
            return;
        }
        fn = d == null ? null : d.frame().get();
        if (fn != null) {
            checked++;
        }
        if (fn != null && argsGiven != fn.size && (!noSplit || argsGiven != 0)) {
            report(line.number, "wrong argument size " + argsGiven + "; expected $...-" + fn.size);
        }
        localSize = text.to.offset() + ArgFrame.WORD;
        argSize = argsGiven;
        if (fn == null && !fnName.contains("<>") && !noFrame && !sym.has(Symbol.Attr.STATIC)) {
            report(line.number, "function " + fnName + " missing Go declaration");
        }
        wroteSP = false;
        haveRetArg = false;
    }

    /** The {@code <ABI...>} after the name in a TEXT operand as written, or null. */
    private static String selectorAsWritten(String operand) {
        if (operand == null) {
            return null;
        }
        int open = operand.indexOf("<ABI");
        int close = operand.indexOf('>', Math.max(open, 0));
        return open < 0 || close < 0 ? null : operand.substring(open, close + 1);
    }

    /** The function name when {@code symbol} is this package's ({@code ·f}), else null. */
    private String localName(String symbol) {
        for (String prefix : List.of("\"\".", goasm.release.SymbolNaming.UNLINKABLE + ".")) {
            if (symbol.startsWith(prefix)) {
                return symbol.substring(prefix.length());
            }
        }
        int dot = symbol.lastIndexOf('.');
        if (dot > 0 && symbol.substring(0, dot).equals(goasm.release.SymbolNaming.pathToPrefix(packagePath))) {
            return symbol.substring(dot + 1);
        }
        return null;
    }

    private static boolean isSymbolic(Addr a) {
        return a.name() == AddrName.EXTERN || a.name() == AddrName.STATIC || a.name() == AddrName.GOTREF;
    }

    /** An instruction that writes SP (SP as a later operand, or NOP SP): offsets from SP are no longer known. */
    private static boolean writesSP(AsmSource.Line line) {
        for (Prog p : line.progs) {
            List<Addr> ops = AsmSource.Line.operands(p);
            for (int i = 0; i < ops.size(); i++) {
                Addr a = ops.get(i);
                boolean sp = a.type() == AddrType.REG && isRegister(a.reg(), "SP");
                if (sp && (i > 0 || p.op.mnemonic().equals("NOP"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean writesResultRegister(AsmSource.Line line) {
        for (String w : line.words) {
            for (String op : rules.resultWritingOpcodes()) {
                if (w.contains(op)) {
                    return true;
                }
            }
            for (String reg : rules.resultRegisters()) {
                if (w.contains(reg)) {
                    return true;
                }
            }
        }
        for (Addr a : line.operands()) {
            for (String reg : rules.resultRegisters()) {
                if (isRegister(a.reg(), reg) || isRegister(a.index(), reg)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isRegister(Register r, String spelling) {
        return r != null && r.spelling().equals(spelling);
    }

    /** {@code n(SP)} on the hardware stack pointer reaching into the caller's argument frame. */
    private void checkHardwareSP(int line, Addr a) {
        if (a.type() != AddrType.MEM || a.name() != AddrName.NONE || !isRegister(a.reg(), "SP") || a.offset() <= 0
                || wroteSP || noFrame) {
            return;
        }
        long off = a.offset();
        String expr = off + "(SP)";
        if (off >= localSize) {
            if (fn != null) {
                ArgFrame.Var v = fn.byOffset.get(off - localSize);
                if (v != null) {
                    report(line, expr + " should be " + v.name + "+" + (off - localSize) + "(FP)");
                    return;
                }
            }
            if (off >= localSize + argSize) {
                report(line, "use of " + expr + " points beyond argument frame");
                return;
            }
            report(line, "use of " + expr + " to access argument frame");
        }
    }

    private void checkNamed(int line, Prog p, Addr a, boolean afterComma) {
        String name = a.localName();
        long off = a.offset();
        boolean address = a.type() == AddrType.ADDR;
        String expr = (address ? "$" : "") + name + "+" + off + "(FP)";
        if (name.equals("ret") || name.startsWith("ret_")) {
            haveRetArg = true;
        }
        ArgFrame.Var v = fn.vars.get(name);
        if (v == null) {
            if (name.equals("argframe") && off == 0) {
                return;
            }
            ArgFrame.Var at = fn.byOffset.get(off);
            if (at != null) {
                report(line, "unknown variable " + name + "; offset " + off + " is " + at.name + "+" + at.offset
                        + "(FP)");
            } else {
                report(line, "unknown variable " + name);
            }
            return;
        }
        checkVar(line, p, expr, off, v, address, afterComma);
    }

    private void checkVar(int line, Prog p, String expr, long off, ArgFrame.Var v, boolean address,
                          boolean afterComma) {
        String op = leadingLetters(p.op.mnemonic());
        MoveSizes sizes = MoveSizes.of(op);
        if (op.equals("LEAQ")) {
            address = true;
        }
        long moved = afterComma ? sizes.dst() : sizes.src();
        ArgFrame.Kind kind = v.kind;
        long size = v.size;
        String type = v.type;
        boolean complexWhole = false;
        switch (kind) {
            case INTERFACE, EMPTY_INTERFACE, STRING, SLICE -> {
                ArgFrame.Var first = v.inner.get(0);
                kind = first.kind;
                size = first.size;
                type = first.type;
            }
            case COMPLEX -> complexWhole = moved == size;
            default -> { }
        }
        if (address) {
            kind = ArgFrame.Kind.SCALAR;
            size = ArgFrame.WORD;
            type = "address";
            complexWhole = false;
        }
        if (off != v.offset) {
            StringBuilder inner = new StringBuilder();
            for (int i = 0; i < v.inner.size(); i++) {
                ArgFrame.Var vi = v.inner.get(i);
                if (v.inner.size() > 1) {
                    inner.append(',');
                }
                inner.append(' ');
                if (i == v.inner.size() - 1) {
                    inner.append("or ");
                }
                inner.append(vi.name).append('+').append(vi.offset).append("(FP)");
            }
            report(line, "invalid offset " + expr + "; expected " + v.name + "+" + v.offset + "(FP)" + inner);
            return;
        }
        boolean fits = complexWhole || kind == ArgFrame.Kind.SCALAR && moved == size;
        if (moved != 0 && !fits) {
            StringBuilder inner = new StringBuilder();
            if (!v.inner.isEmpty()) {
                inner.append(" containing");
                for (int i = 0; i < v.inner.size(); i++) {
                    ArgFrame.Var vi = v.inner.get(i);
                    if (i > 0 && v.inner.size() > 2) {
                        inner.append(',');
                    }
                    inner.append(' ');
                    if (i > 0 && i == v.inner.size() - 1) {
                        inner.append("and ");
                    }
                    inner.append(vi.name).append('+').append(vi.offset).append("(FP)");
                }
            }
            report(line, "invalid " + op + " of " + expr + "; " + type + " is " + size + "-byte value" + inner);
        }
    }

    private static String leadingLetters(String mnemonic) {
        int i = 0;
        while (i < mnemonic.length() && mnemonic.charAt(i) >= 'A' && mnemonic.charAt(i) <= 'Z') {
            i++;
        }
        return mnemonic.substring(0, i);
    }

    /** How many bytes an amd64 instruction reads from its first operand and writes to its last (0: unknown). */
    record MoveSizes(long src, long dst) {
        static MoveSizes of(String op) {
            if (op.equals("LEAQ")) {
                return new MoveSizes(0, 8);
            }
            long src = 0;
            if (op.startsWith("F") && (op.endsWith("D") || op.endsWith("DP"))) {
                src = 8;
            } else if (op.startsWith("P") && op.endsWith("RD")) {
                src = 4;
            } else if (op.startsWith("F") && (op.endsWith("F") || op.endsWith("FP"))) {
                src = 4;
            } else if (op.endsWith("SD")) {
                src = 8;
            } else if (op.endsWith("SS")) {
                src = 4;
            } else if (op.equals("MOVO") || op.equals("MOVOU")) {
                src = 16;
            } else if (op.startsWith("SET")) {
                src = 1;
            } else if (!op.isEmpty()) {
                src = switch (op.charAt(op.length() - 1)) {
                    case 'B' -> 1;
                    case 'W' -> 2;
                    case 'L' -> 4;
                    case 'D', 'Q' -> 8;
                    default -> 0;
                };
            }
            return new MoveSizes(src, src);
        }
    }
}
