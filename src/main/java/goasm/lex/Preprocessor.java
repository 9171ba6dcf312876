package goasm.lex;

import goasm.obj.Position;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The preprocessor of Go's assembler: a stack of token readers (the main file, included files,
 * macro bodies) with #include, #define/#undef, #ifdef/#ifndef/#else/#endif and #line.
 *
 * <pre>{@code
 * TokenSource in = Preprocessor.open("f.s", List.of("/usr/lib/go/pkg/include"), List.of("DEBUG=1"),
 *         false, System.err::println);
 * }</pre>
 *
 * Directive errors end the assembly at once, as in Go: {@link #next()} throws {@link InputError}.
 * Complaints of the character scanner go to {@code notes} and do not stop anything.
 */
public final class Preprocessor implements TokenSource {
    /** Go's limit on nested readers, which catches a file that includes itself. */
    private static final int MAX_STACK = 100;
    /** Go's limit on macro expansions that produce no token, which catches self-reference. */
    private static final int MAX_EXPANSIONS = 100;

    private final List<String> includeDirs = new ArrayList<>();
    private final Map<String, Macro> macros = new HashMap<>();
    private final Deque<Boolean> ifdefs = new ArrayDeque<>();
    private final List<TokenReader> stack = new ArrayList<>();
    private final Consumer<String> notes;
    private boolean beginningOfLine = true;
    /** Text of the last token returned (Go hands it to a put-back token, see invokeMacro). */
    private String lastText = "";
    private Token putBack;
    /** What relative file names are read against (Go's process working directory). */
    private final Path workingDir;

    private Preprocessor(String mainFile, List<String> includeDirs, List<String> defines,
                         List<String> runtimeExperiments, Consumer<String> notes, Path workingDir) {
        this.notes = notes;
        this.workingDir = workingDir;
        this.includeDirs.add(GoPaths.dir(mainFile));
        this.includeDirs.addAll(includeDirs);
        for (String exp : runtimeExperiments) {
            String name = "GOEXPERIMENT_" + exp;
            macros.put(name, new Macro(name, null, tokenize("1")));
        }
        for (String define : defines) {
            String name = define;
            String value = "1";
            int eq = define.indexOf('=');
            if (eq > 0) {
                name = define.substring(0, eq);
                value = define.substring(eq + 1);
            }
            List<Token> nameTokens = tokenize(name);
            if (nameTokens.size() != 1 || nameTokens.get(0).kind() != Token.Kind.IDENT) {
                String shown = nameTokens.isEmpty() ? "" : nameTokens.get(0).text();
                throw InputError.badDefine("parsing -D: " + GoStrings.quote(shown) + " is not a valid identifier name");
            }
            macros.put(name, new Macro(name, null, tokenize(value)));
        }
    }

    /**
     * Opens the main input file. Throws {@link InputError} with Go's words when it cannot be read
     * ("open x.s: no such file or directory") or a -D is malformed.
     */
    public static Preprocessor open(String path, List<String> includeDirs, List<String> defines,
                                    boolean compilingRuntime, Consumer<String> notes) {
        return open(path, includeDirs, defines, compilingRuntime, notes, Path.of(""));
    }

    /**
     * As {@link #open(String, List, List, boolean, Consumer)}, with relative names (the file, the
     * #include names, the -I directories) read against {@code workingDir} rather than the
     * process's own, while messages and positions keep the names as written.
     */
    public static Preprocessor open(String path, List<String> includeDirs, List<String> defines,
                                    boolean compilingRuntime, Consumer<String> notes, Path workingDir) {
        return open(path, includeDirs, defines, compilingRuntime ? newestDefaultExperiments() : List.of(), notes, workingDir);
    }

    /**
     * As {@link #open(String, List, List, boolean, Consumer, Path)}, with the GOEXPERIMENT_name
     * macros given: Go defines one per enabled experiment when compiling the runtime, none else.
     */
    public static Preprocessor open(String path, List<String> includeDirs, List<String> defines,
                                    List<String> runtimeExperiments, Consumer<String> notes, Path workingDir) {
        Preprocessor p = new Preprocessor(path, includeDirs, defines, runtimeExperiments, notes, workingDir);
        try {
            p.stack.add(tokenizer(path, path, workingDir, notes));
        } catch (IOException | RuntimeException e) {
            throw new InputError(null, openError(path, workingDir, e));
        }
        return p;
    }

    /** The GOEXPERIMENT_name macros of the newest release's defaults, for callers that name no release. */
    private static List<String> newestDefaultExperiments() {
        return goasm.release.ReleaseProfile.newest().experiments().defaults();
    }

    /** Reads source text given in memory, under a file name (for tests and generated input). */
    public static Preprocessor ofText(String name, String text, List<String> includeDirs, List<String> defines,
                                      boolean compilingRuntime, Consumer<String> notes) {
        Preprocessor p = new Preprocessor(name, includeDirs, defines,
                compilingRuntime ? newestDefaultExperiments() : List.of(), notes, Path.of(""));
        p.stack.add(new FileTokenizer(name, text.getBytes(StandardCharsets.UTF_8), notes));
        return p;
    }

    /** The tokens of a -D value, which Go scans as a file called "command line". */
    private List<Token> tokenize(String text) {
        FileTokenizer t = new FileTokenizer("command line", text.getBytes(StandardCharsets.UTF_8), notes);
        List<Token> tokens = new ArrayList<>();
        for (Token tok = t.next(); tok.kind() != Token.Kind.EOF; tok = t.next()) {
            tokens.add(tok.withGoNames());
        }
        return tokens;
    }

    /**
     * The tokenizer of the file opened as {@code osName}, named {@code name} in positions. A
     * directory opens (as with Go's os.Open) and then fails its first read.
     */
    private static FileTokenizer tokenizer(String name, String osName, Path workingDir, Consumer<String> notes)
            throws IOException {
        Path file = workingDir.resolve(osName);
        if (!osName.isEmpty() && Files.isDirectory(file)) {
            return FileTokenizer.unreadable(name, "read " + osName + ": is a directory", notes);
        }
        return new FileTokenizer(name, Files.readAllBytes(file), notes);
    }

    private static String openError(String path, Path workingDir, Exception e) {
        String reason = OsErrors.reason(e);
        if (e instanceof java.nio.file.InvalidPathException && throughAFile(path, workingDir)) {
            // A name the JDK cannot pass on never reaches the system, which would have refused it
            // at the first directory that is a file.
            reason = "not a directory";
        }
        return "open " + path + ": " + reason;
    }

    /** Whether a directory named on the way to {@code path} exists and is not a directory. */
    private static boolean throughAFile(String path, Path workingDir) {
        int slash = path.indexOf('/', 1);
        while (slash > 0) {
            String prefix = path.substring(0, slash);
            try {
                Path dir = workingDir.resolve(prefix);
                if (!Files.exists(dir)) {
                    return false;
                }
                if (!Files.isDirectory(dir)) {
                    return true;
                }
            } catch (java.nio.file.InvalidPathException invalid) {
                return false;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return false;
    }

    // ---- the reader stack ----

    private TokenReader top() {
        return stack.get(stack.size() - 1);
    }

    /** The next raw token, leaving finished readers (but never the main file). */
    private Token raw() {
        Token tok = top().next();
        while (tok.kind() == Token.Kind.EOF && stack.size() > 1) {
            stack.remove(stack.size() - 1);
            tok = top().next();
        }
        return tok;
    }

    private void push(TokenReader reader) {
        if (stack.size() > MAX_STACK) {
            throw error("input recursion");
        }
        stack.add(reader);
    }

    @Override
    public String file() {
        return top().base().file();
    }

    @Override
    public int line() {
        return top().line();
    }

    @Override
    public Position position(int rawLine) {
        return top().base().position(rawLine);
    }

    private InputError error(String message) {
        return new InputError(new Position(file(), line()), message);
    }

    /** Go's "expected X ; got "text"" form (its words are joined by single spaces). */
    private InputError expected(String what, Token got) {
        return error(what + " ; got " + GoStrings.quote(got.text()));
    }

    private boolean enabled() {
        return ifdefs.isEmpty() || ifdefs.peek();
    }

    // ---- the token stream ----

    /** Whether the token last returned by {@link #next()} came from a macro's body. */
    private boolean lastFromMacro;

    @Override
    public boolean lastFromMacro() {
        return lastFromMacro;
    }

    @Override
    public Token next() {
        if (putBack != null) {
            Token t = putBack;
            putBack = null;
            lastText = t.text();
            return t;
        }
        for (int expansions = 0; expansions < MAX_EXPANSIONS; ) {
            Token tok = raw();
            if (tok.is('#')) {
                if (!beginningOfLine) {
                    throw error("'#' must be first item on line");
                }
                beginningOfLine = directive();
                lastText = "#";
                return tok;
            }
            if (tok.kind() == Token.Kind.IDENT) {
                Macro macro = macros.get(tok.text());
                if (macro != null) {
                    expansions++;
                    invoke(macro);
                    continue;
                }
            }
            if (tok.kind() == Token.Kind.EOF && !ifdefs.isEmpty()) {
                throw error("unclosed #ifdef or #ifndef");
            }
            beginningOfLine = tok.kind() == Token.Kind.NEWLINE;
            if (enabled()) {
                lastText = tok.text();
                lastFromMacro = top() instanceof MacroExpansion;
                return tok;
            }
        }
        throw error("recursive macro invocation");
    }

    /** Handles the directive after '#'; reports whether it consumed its line. */
    private boolean directive() {
        Token word = raw();
        if (word.kind() != Token.Kind.IDENT) {
            throw expected("expected identifier after '#'", word);
        }
        String name = word.text();
        if (!enabled()) {
            // Only nesting and #line matter in skipped text.
            switch (name) {
                case "else", "endif", "ifdef", "ifndef", "line" -> {
                }
                default -> {
                    return false;
                }
            }
        }
        switch (name) {
            case "define" -> define();
            case "else" -> elseDirective();
            case "endif" -> endif();
            case "ifdef" -> ifdef(true);
            case "ifndef" -> ifdef(false);
            case "include" -> include();
            case "line" -> lineDirective();
            case "undef" -> undef();
            default -> throw error("unexpected token after '#': " + name);
        }
        return true;
    }

    private String macroName() {
        Token tok = raw();
        if (tok.kind() != Token.Kind.IDENT) {
            throw expected("expected identifier after # directive", tok);
        }
        return tok.text();
    }

    private void expectNewline(String directive) {
        Token tok = raw();
        if (tok.kind() != Token.Kind.NEWLINE) {
            throw expected("expected newline after " + directive, tok);
        }
    }

    private void define() {
        String name = macroName();
        int nameColumn = top().column();
        Token tok = raw();
        List<String> params = null;
        List<Token> body = new ArrayList<>();
        if (tok.kind() != Token.Kind.NEWLINE && tok.kind() != Token.Kind.EOF) {
            // "#define F(x)" takes arguments; "#define F (x)" is object-like. The '(' must touch the name.
            if (tok.is('(') && top().column() == nameColumn + 1) {
                params = new ArrayList<>();
                boolean acceptParam = true;
                while (true) {
                    tok = raw();
                    if (tok.is(')')) {
                        tok = raw();
                        break;
                    } else if (tok.is(',')) {
                        if (acceptParam) {
                            throw error("bad syntax in definition for macro: " + name);
                        }
                        acceptParam = true;
                    } else if (tok.kind() == Token.Kind.IDENT) {
                        if (!acceptParam) {
                            throw error("bad syntax in definition for macro: " + name);
                        }
                        if (params.contains(tok.text())) {
                            throw error("duplicate argument " + tok.text() + " in definition for macro: " + name);
                        }
                        params.add(tok.text());
                        acceptParam = false;
                    } else {
                        throw error("bad definition for macro: " + name);
                    }
                }
            }
            // The body runs to the newline; a backslash keeps a newline (or a backslash) in the body.
            while (tok.kind() != Token.Kind.NEWLINE) {
                if (tok.kind() == Token.Kind.EOF) {
                    throw error("missing newline in definition for macro: " + name);
                }
                if (tok.is('\\')) {
                    tok = raw();
                    if (tok.kind() != Token.Kind.NEWLINE && !tok.is('\\')) {
                        throw error("can only escape \\ or \\n in definition for macro: " + name);
                    }
                }
                body.add(tok.withGoNames());
                tok = raw();
            }
        }
        if (macros.containsKey(name)) {
            throw error("redefinition of macro: " + name);
        }
        macros.put(name, new Macro(name, params, List.copyOf(body)));
    }

    private void invoke(Macro macro) {
        LineBase base = top().base();
        int line = top().line();
        if (macro.params() == null) {
            push(new MacroExpansion(base, line, macro.body()));
            return;
        }
        Token tok = raw();
        if (!tok.is('(')) {
            // A function-like macro without arguments stands for its own name. Go puts the
            // following token back carrying the text of the last token returned, and hands it out
            // before the name; kept as Go does it.
            putBack = tok.withText(lastText);
            push(new MacroExpansion(base, line, List.of(new Token(Token.Kind.MACRO_NAME, macro.name()))));
            return;
        }
        Map<String, List<Token>> actuals = arguments(macro);
        List<Token> tokens = new ArrayList<>();
        for (Token t : macro.body()) {
            List<Token> substitution = t.kind() == Token.Kind.IDENT ? actuals.get(t.text()) : null;
            // An empty argument leaves the parameter's name in place, as in Go.
            if (substitution == null || substitution.isEmpty()) {
                tokens.add(t);
            } else {
                tokens.addAll(substitution);
            }
        }
        push(new MacroExpansion(base, line, tokens));
    }

    private Map<String, List<Token>> arguments(Macro macro) {
        List<List<Token>> args = new ArrayList<>();
        while (true) {
            List<Token> arg = new ArrayList<>();
            Token end = collectArgument(macro, arg);
            args.add(arg);
            if (end.is(')')) {
                break;
            }
        }
        if (macro.params().isEmpty() && args.size() == 1 && args.get(0).isEmpty()) {
            args.clear();
        } else if (args.size() != macro.params().size()) {
            throw error("wrong arg count for macro " + macro.name());
        }
        Map<String, List<Token>> byName = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            byName.put(macro.params().get(i), args.get(i));
        }
        return byName;
    }

    private Token collectArgument(Macro macro, List<Token> into) {
        int nesting = 0;
        while (true) {
            Token tok = raw();
            if (tok.kind() == Token.Kind.EOF || tok.kind() == Token.Kind.NEWLINE) {
                throw error("unterminated arg list invoking macro: " + macro.name());
            }
            if (nesting == 0 && (tok.is(')') || tok.is(','))) {
                return tok;
            }
            if (tok.is('(')) {
                nesting++;
            }
            if (tok.is(')')) {
                nesting--;
            }
            into.add(tok.withGoNames());
        }
    }

    private void ifdef(boolean wantDefined) {
        String name = macroName();
        expectNewline("#if[n]def");
        boolean truth = wantDefined;
        if (!enabled()) {
            truth = false;
        } else if (!macros.containsKey(name)) {
            truth = !truth;
        }
        ifdefs.push(truth);
    }

    private void elseDirective() {
        expectNewline("#else");
        if (ifdefs.isEmpty()) {
            throw error("unmatched #else");
        }
        boolean current = ifdefs.pop();
        boolean outerEnabled = ifdefs.isEmpty() || ifdefs.peek();
        ifdefs.push(outerEnabled ? !current : current);
    }

    private void endif() {
        expectNewline("#endif");
        if (ifdefs.isEmpty()) {
            throw error("unmatched #endif");
        }
        ifdefs.pop();
    }

    private void include() {
        Token tok = raw();
        if (tok.kind() != Token.Kind.STRING) {
            throw expected("expected string after #include", tok);
        }
        String name = GoStrings.unquoteText(tok.text());
        if (name == null) {
            throw error("unquoting include file name:  invalid syntax");
        }
        expectNewline("#include");
        // As Go: the name as given (from the working directory), then the main file's
        // directory and the -I directories; the last failure is the one reported.
        FileTokenizer included = null;
        Exception failure = null;
        String tried = name;
        try {
            included = tokenizer(name, name, workingDir, notes);
        } catch (IOException | RuntimeException e) {
            failure = e;
            for (String dir : includeDirs) {
                tried = GoPaths.join(dir, name);
                try {
                    included = tokenizer(name, tried, workingDir, notes);
                    failure = null;
                    break;
                } catch (IOException | RuntimeException e2) {
                    failure = e2;
                }
            }
        }
        if (failure != null) {
            throw error("#include: " + openError(tried, workingDir, failure));
        }
        push(included);
    }

    private void lineDirective() {
        Token tok = raw();
        if (tok.kind() != Token.Kind.INT) {
            throw expected("expected line number after #line", tok);
        }
        int line;
        try {
            line = Integer.parseInt(tok.text());
        } catch (NumberFormatException e) {
            // strconv.Atoi's two failures: decimal digits too many for an int, or anything else.
            String why = tok.text().matches("[0-9]+") ? "value out of range" : "invalid syntax";
            throw error("error parsing #line (cannot happen): strconv.Atoi: parsing "
                    + GoStrings.quote(tok.text()) + ": " + why);
        }
        tok = raw();
        if (tok.kind() != Token.Kind.STRING) {
            throw expected("expected file name in #line", tok);
        }
        String file = GoStrings.unquoteText(tok.text());
        if (file == null) {
            throw error("unquoting #line file name:  invalid syntax");
        }
        tok = raw();
        if (tok.kind() != Token.Kind.NEWLINE) {
            throw error("unexpected token at end of #line:  " + tok.describeKind());
        }
        // Go anchors the new numbering one line below the current one (the newline is already read).
        int anchor = top().line() + 1;
        top().setBase(top().base().directive(file, line, line - anchor));
    }

    private void undef() {
        String name = macroName();
        if (!macros.containsKey(name)) {
            throw error("#undef for undefined macro: " + name);
        }
        Token tok = raw();
        if (tok.kind() != Token.Kind.NEWLINE) {
            throw error("syntax error in #undef for macro: " + name);
        }
        macros.remove(name);
    }
}
