package goasm.godecl;

import goasm.godecl.GoTokens.Kind;
import goasm.godecl.GoTokens.Tok;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top-level declarations of one Go file that checking assembly needs: the package name, the
 * imports, functions declared without a body, types and constants. Function bodies and variable
 * initializers are skipped by bracket matching; nothing is type-checked.
 */
final class GoFile {
    /** A function declared without a body (implemented in assembly), with its 1-based line. */
    record FuncDecl(String name, List<TypeExpr.Field> params, List<TypeExpr.Field> results, int line) {
    }

    /** {@code type Name T} or {@code type Name = T}; generic types are recorded as unsupported. */
    record TypeDecl(String name, TypeExpr type, boolean alias) {
    }

    /** A constant: its expression (the group's previous one when omitted) and its iota. */
    record ConstDecl(String name, List<Tok> expr, int iota) {
    }

    String packageName = "";
    /** The file's name in its directory. */
    final String fileName;
    final List<String> headerComments;
    /** Import name (the last path element unless renamed) to path. */
    final Map<String, String> imports = new LinkedHashMap<>();
    final List<FuncDecl> bodilessFuncs = new ArrayList<>();
    final Map<String, TypeDecl> types = new LinkedHashMap<>();
    final Map<String, ConstDecl> consts = new LinkedHashMap<>();

    private final List<Tok> toks;
    private int p;

    private GoFile(GoTokens tokens, String fileName) {
        this.fileName = fileName;
        this.toks = tokens.tokens;
        this.headerComments = List.copyOf(tokens.headerComments);
    }

    /** Only the package clause and header comments (for build constraints and package names). */
    static GoFile header(String source) {
        GoFile f = new GoFile(new GoTokens(source), "");
        f.packageClause();
        return f;
    }

    static GoFile parse(String source, String fileName) {
        GoFile f = new GoFile(new GoTokens(source), fileName);
        f.packageClause();
        f.declarations();
        return f;
    }

    private Tok peek() {
        return toks.get(p);
    }

    private Tok peek(int ahead) {
        return toks.get(Math.min(p + ahead, toks.size() - 1));
    }

    private Tok next() {
        Tok t = toks.get(p);
        if (t.kind() != Kind.EOF) {
            p++;
        }
        return t;
    }

    private boolean accept(String s) {
        if (peek().is(s)) {
            p++;
            return true;
        }
        return false;
    }

    private void packageClause() {
        skipSemis();
        if (accept("package") && peek().kind() == Kind.IDENT) {
            packageName = next().text();
        }
    }

    private void skipSemis() {
        while (peek().is(";")) {
            p++;
        }
    }

    private void declarations() {
        while (peek().kind() != Kind.EOF) {
            Tok t = next();
            switch (t.text()) {
                case "import" -> group(this::importSpec);
                case "type" -> group(this::typeSpec);
                case "const" -> constGroup();
                case "func" -> funcDecl(t.line());
                default -> { }
            }
        }
    }

    private void group(Runnable spec) {
        if (accept("(")) {
            while (!peek().is(")") && peek().kind() != Kind.EOF) {
                skipSemis();
                if (peek().is(")")) {
                    break;
                }
                int before = p;
                spec.run();
                skipToSemiOr(")");
                if (p == before) {
                    next();
                }
            }
            accept(")");
        } else {
            spec.run();
        }
    }

    /** Skips to the end of the current spec: a ';' at bracket depth 0 (consumed), or the closer. */
    private void skipToSemiOr(String closer) {
        skipAtDepthZeroUntil(closer, false);
        if (peek().is(";")) {
            p++;
        }
    }

    private void importSpec() {
        String name = null;
        if (peek().kind() == Kind.IDENT || peek().is(".")) {
            name = next().text();
        }
        if (peek().kind() != Kind.STRING) {
            return;
        }
        String path = unquote(next().text());
        if (name == null) {
            name = path.substring(path.lastIndexOf('/') + 1);
        }
        imports.put(name, path);
    }

    private static String unquote(String s) {
        return s.length() >= 2 ? s.substring(1, s.length() - 1) : s;
    }

    private void typeSpec() {
        if (peek().kind() != Kind.IDENT) {
            return;
        }
        String name = next().text();
        if (peek().is("[") && !peek(1).is("]") && peek(1).kind() == Kind.IDENT && !peek(2).is("]")) {
            // type T[P constraint] ...: generic.
            skipBrackets("[", "]");
            types.put(name, new TypeDecl(name, new TypeExpr.Unsupported("generic type " + name), false));
            return;
        }
        boolean alias = accept("=");
        types.put(name, new TypeDecl(name, type(), alias));
    }

    private void constGroup() {
        if (accept("(")) {
            List<Tok> previous = List.of();
            int iota = 0;
            while (!peek().is(")") && peek().kind() != Kind.EOF) {
                skipSemis();
                if (peek().is(")")) {
                    break;
                }
                List<String> names = new ArrayList<>();
                while (peek().kind() == Kind.IDENT) {
                    names.add(next().text());
                    if (!accept(",")) {
                        break;
                    }
                }
                List<Tok> expr = previous;
                if (!peek().is("=") && !peek().is(";") && !peek().is(")")) {
                    skipType();
                }
                if (accept("=")) {
                    expr = exprUntilSemi(")");
                    previous = expr;
                }
                if (names.size() == 1) {
                    consts.put(names.get(0), new ConstDecl(names.get(0), expr, iota));
                }
                skipToSemiOr(")");
                iota++;
            }
            accept(")");
        } else {
            if (peek().kind() != Kind.IDENT) {
                return;
            }
            String name = next().text();
            if (!peek().is("=")) {
                if (peek().is(",")) {
                    return;
                }
                skipType();
            }
            if (accept("=")) {
                consts.put(name, new ConstDecl(name, exprUntilSemi(")"), 0));
            }
        }
    }

    private void skipType() {
        int save = p;
        try {
            type();
        } catch (RuntimeException e) {
            p = save;
        }
    }

    private List<Tok> exprUntilSemi(String closer) {
        int start = p;
        skipToSemiOrNoConsume(closer);
        return List.copyOf(toks.subList(start, p));
    }

    private void skipToSemiOrNoConsume(String closer) {
        skipAtDepthZeroUntil(closer, true);
    }

    /** Skips to a ';', the closer or (with {@code comma}) a ',' at bracket depth 0, not consuming it. */
    private void skipAtDepthZeroUntil(String closer, boolean comma) {
        int depth = 0;
        while (peek().kind() != Kind.EOF) {
            Tok t = peek();
            if (depth == 0 && (t.is(";") || t.is(closer) || comma && t.is(","))) {
                return;
            }
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            }
            p++;
        }
    }

    private void funcDecl(int line) {
        if (peek().is("(")) {
            // A method: never implemented in assembly.
            skipBrackets("(", ")");
            skipFuncRest();
            return;
        }
        if (peek().kind() != Kind.IDENT) {
            return;
        }
        String name = next().text();
        boolean generic = false;
        if (peek().is("[")) {
            generic = true;
            skipBrackets("[", "]");
        }
        List<TypeExpr.Field> params = parameters();
        List<TypeExpr.Field> results = results();
        if (peek().is("{")) {
            skipBrackets("{", "}");
            return;
        }
        if (!generic) {
            bodilessFuncs.add(new FuncDecl(name, params, results, line));
        }
    }

    private void skipFuncRest() {
        parameters();
        results();
        if (peek().is("{")) {
            skipBrackets("{", "}");
        }
    }

    private void skipBrackets(String open, String close) {
        int depth = 0;
        do {
            Tok t = next();
            if (t.kind() == Kind.EOF) {
                return;
            }
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            }
        } while (depth > 0);
    }

    private List<TypeExpr.Field> results() {
        if (peek().is("(")) {
            return parameters();
        }
        if (startsType(peek())) {
            return List.of(new TypeExpr.Field(List.of(), type()));
        }
        return List.of();
    }

    private static boolean startsType(Tok t) {
        return t.kind() == Kind.IDENT && (!GoTokens.isKeyword(t.text())
                || List.of("func", "map", "chan", "struct", "interface").contains(t.text()))
                || t.is("*") || t.is("[") || t.is("(") || t.is("<-");
    }

    /** One entry of a parameter list: maybe a name, maybe a type. */
    private record Entry(String name, TypeExpr type) {
    }

    private List<TypeExpr.Field> parameters() {
        if (!accept("(")) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        while (!peek().is(")") && peek().kind() != Kind.EOF) {
            skipSemis();
            Tok t = peek();
            if (t.kind() == Kind.IDENT && !GoTokens.isKeyword(t.text())
                    && (peek(1).is(",") || peek(1).is(")") || peek(1).is(";"))) {
                entries.add(new Entry(next().text(), null));
            } else if (t.kind() == Kind.IDENT && !GoTokens.isKeyword(t.text()) && !peek(1).is(".")) {
                String name = next().text();
                entries.add(new Entry(name, accept("...") ? new TypeExpr.Variadic(type()) : type()));
            } else {
                entries.add(new Entry(null, accept("...") ? new TypeExpr.Variadic(type()) : type()));
            }
            skipSemis();
            if (!accept(",")) {
                break;
            }
        }
        skipSemis();
        accept(")");
        boolean named = entries.stream().anyMatch(e -> e.name() != null && e.type() != null);
        List<TypeExpr.Field> fields = new ArrayList<>();
        if (!named) {
            for (Entry e : entries) {
                fields.add(new TypeExpr.Field(List.of(), e.type() != null ? e.type() : new TypeExpr.Name("", e.name())));
            }
            return fields;
        }
        List<String> pending = new ArrayList<>();
        for (Entry e : entries) {
            pending.add(e.name());
            if (e.type() != null) {
                fields.add(new TypeExpr.Field(pending, e.type()));
                pending = new ArrayList<>();
            }
        }
        return fields;
    }

    TypeExpr type() {
        Tok t = next();
        if (t.is("*")) {
            return new TypeExpr.Pointer(type());
        }
        if (t.is("(")) {
            TypeExpr inner = type();
            accept(")");
            return inner;
        }
        if (t.is("[")) {
            if (accept("]")) {
                return new TypeExpr.Slice(type());
            }
            int start = p;
            skipToSemiOrNoConsume("]");
            List<Tok> length = List.copyOf(toks.subList(start, p));
            accept("]");
            return new TypeExpr.Array(length, type());
        }
        if (t.is("<-")) {
            accept("chan");
            return new TypeExpr.Chan("<-chan ", type());
        }
        if (t.kind() != Kind.IDENT) {
            return new TypeExpr.Unsupported("unexpected " + t.text());
        }
        switch (t.text()) {
            case "map" -> {
                accept("[");
                TypeExpr key = type();
                accept("]");
                return new TypeExpr.MapType(key, type());
            }
            case "chan" -> {
                if (accept("<-")) {
                    return new TypeExpr.Chan("chan<- ", type());
                }
                return new TypeExpr.Chan("chan ", type());
            }
            case "func" -> {
                List<TypeExpr.Field> params = parameters();
                return new TypeExpr.Func(params, results());
            }
            case "struct" -> {
                return struct();
            }
            case "interface" -> {
                return iface();
            }
            default -> {
                TypeExpr name = new TypeExpr.Name("", t.text());
                if (peek().is(".") && peek(1).kind() == Kind.IDENT) {
                    next();
                    name = new TypeExpr.Name(t.text(), next().text());
                }
                if (peek().is("[") && !peek(1).is("]")) {
                    skipBrackets("[", "]");
                    return new TypeExpr.Unsupported("generic instantiation of " + t.text());
                }
                return name;
            }
        }
    }

    private TypeExpr struct() {
        List<TypeExpr.Field> fields = new ArrayList<>();
        if (!accept("{")) {
            return new TypeExpr.Struct(fields);
        }
        while (!peek().is("}") && peek().kind() != Kind.EOF) {
            skipSemis();
            if (peek().is("}")) {
                break;
            }
            Tok t = peek();
            if (t.is("*") || t.kind() == Kind.IDENT && (peek(1).is(".") || peek(1).is(";") || peek(1).is("}")
                    || peek(1).kind() == Kind.STRING)) {
                // An embedded field: named after its type.
                TypeExpr type = type();
                String name = switch (type) {
                    case TypeExpr.Pointer ptr when ptr.elem() instanceof TypeExpr.Name n -> n.name();
                    case TypeExpr.Name n -> n.name();
                    default -> "?";
                };
                fields.add(new TypeExpr.Field(List.of(name), type));
            } else {
                List<String> names = new ArrayList<>();
                while (peek().kind() == Kind.IDENT) {
                    names.add(next().text());
                    if (!accept(",")) {
                        break;
                    }
                }
                fields.add(new TypeExpr.Field(names, type()));
            }
            if (peek().kind() == Kind.STRING) {
                next();
            }
            skipSemis();
        }
        accept("}");
        return new TypeExpr.Struct(fields);
    }

    private TypeExpr iface() {
        List<String> elements = new ArrayList<>();
        if (!accept("{")) {
            return new TypeExpr.Interface(elements);
        }
        StringBuilder element = new StringBuilder();
        int depth = 0;
        while (peek().kind() != Kind.EOF) {
            Tok t = next();
            if (depth == 0 && t.is("}")) {
                break;
            }
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            }
            if (depth == 0 && t.is(";")) {
                if (!element.isEmpty()) {
                    elements.add(element.toString());
                    element.setLength(0);
                }
                continue;
            }
            element.append(t.text());
        }
        if (!element.isEmpty()) {
            elements.add(element.toString());
        }
        return new TypeExpr.Interface(elements);
    }
}
