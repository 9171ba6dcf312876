package goasm.godecl;

import goasm.godecl.GoTokens.Kind;
import goasm.godecl.GoTokens.Tok;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves declared types to their amd64 layout (go/types' gc sizes: 8-byte words, 8-byte
 * maximum alignment), following named types into their packages and evaluating array lengths.
 * A type it cannot follow raises {@link Unresolved}: its function's frame is then unknown, and said so.
 */
final class TypeResolver {
    static final long WORD = 8;

    /** A type that cannot be resolved from what is on disk, and why. */
    static final class Unresolved extends RuntimeException {
        Unresolved(String why) {
            super(why, null, false, false);
        }
    }

    private final PackageLoader loader;
    private final boolean zeroSizedFieldPadding;
    private final Set<String> resolving = new HashSet<>();

    TypeResolver(PackageLoader loader, boolean zeroSizedFieldPadding) {
        this.loader = loader;
        this.zeroSizedFieldPadding = zeroSizedFieldPadding;
    }

    Layout resolve(TypeExpr t, GoPackage pkg, Map<String, String> imports) {
        return switch (t) {
            case TypeExpr.Name n -> named(n, pkg, imports);
            case TypeExpr.Pointer p -> Layout.scalar("*" + text(p.elem(), pkg, imports), WORD);
            case TypeExpr.Slice s -> new Layout("[]" + text(s.elem(), pkg, imports), 3 * WORD, WORD,
                    new Layout.SliceShape());
            case TypeExpr.Variadic v -> new Layout("[]" + text(v.elem(), pkg, imports), 3 * WORD, WORD,
                    new Layout.SliceShape());
            case TypeExpr.MapType m -> Layout.scalar("map[" + text(m.key(), pkg, imports) + "]"
                    + text(m.value(), pkg, imports), WORD);
            case TypeExpr.Chan c -> Layout.scalar(c.prefix() + text(c.elem(), pkg, imports), WORD);
            case TypeExpr.Func f -> Layout.scalar(text(f, pkg, imports), WORD);
            case TypeExpr.Interface i -> new Layout(text(i, pkg, imports), 2 * WORD, WORD,
                    new Layout.Iface(i.elements().isEmpty()));
            case TypeExpr.Array a -> array(a, pkg, imports);
            case TypeExpr.Struct s -> struct(s, pkg, imports);
            case TypeExpr.Unsupported u -> throw new Unresolved(u.why());
        };
    }

    private Layout array(TypeExpr.Array a, GoPackage pkg, Map<String, String> imports) {
        long n = new ConstEval(pkg, imports).eval(a.length(), 0);
        Layout elem = resolve(a.elem(), pkg, imports);
        return new Layout("[" + n + "]" + elem.text(), n * elem.size(), elem.align(), new Layout.ArrayShape(n, elem));
    }

    private Layout struct(TypeExpr.Struct s, GoPackage pkg, Map<String, String> imports) {
        List<Layout.Member> members = new ArrayList<>();
        long offset = 0;
        long align = 1;
        long lastSize = 0;
        StringBuilder text = new StringBuilder("struct{");
        for (TypeExpr.Field f : s.fields()) {
            Layout type = resolve(f.type(), pkg, imports);
            List<String> names = f.names().isEmpty() ? List.of("_") : f.names();
            for (String name : names) {
                offset = Layout.alignUp(offset, type.align());
                members.add(new Layout.Member(name, type, offset));
                if (text.length() > 7) {
                    text.append("; ");
                }
                text.append(name).append(' ').append(type.text());
                offset += type.size();
                lastSize = type.size();
                align = Math.max(align, type.align());
            }
        }
        text.append('}');
        long end = offset;
        if (zeroSizedFieldPadding && !members.isEmpty() && lastSize == 0 && end > 0) {
            end++;
        }
        return new Layout(text.toString(), Layout.alignUp(end, align), align, new Layout.StructShape(members));
    }

    private Layout named(TypeExpr.Name n, GoPackage pkg, Map<String, String> imports) {
        if (n.pkg().isEmpty()) {
            GoPackage.Scoped<GoFile.TypeDecl> local = pkg.types.get(n.name());
            if (local != null) {
                return declared(local, pkg);
            }
            return builtin(n.name());
        }
        String path = imports.get(n.pkg());
        if (path == null) {
            throw new Unresolved("no import named " + n.pkg());
        }
        if (path.equals("unsafe") && n.name().equals("Pointer")) {
            return Layout.scalar("unsafe.Pointer", WORD);
        }
        if (path.equals("C")) {
            throw new Unresolved("cgo type C." + n.name());
        }
        GoPackage other = loader.load(path, pkg.dir).orElseThrow(() -> new Unresolved("package " + path
                + " not found"));
        GoPackage.Scoped<GoFile.TypeDecl> decl = other.types.get(n.name());
        if (decl == null) {
            throw new Unresolved("no type " + n.name() + " in " + path);
        }
        return declared(decl, other);
    }

    private Layout declared(GoPackage.Scoped<GoFile.TypeDecl> d, GoPackage owner) {
        String key = owner.importPath + "." + d.decl().name();
        if (!resolving.add(key)) {
            throw new Unresolved("type " + key + " refers to itself");
        }
        try {
            Layout under = resolve(d.decl().type(), owner, d.imports());
            return d.decl().alias() ? under : under.named(key);
        } finally {
            resolving.remove(key);
        }
    }

    private static Layout builtin(String name) {
        return switch (name) {
            case "bool", "int8", "uint8", "byte" -> Layout.scalar(name, 1);
            case "int16", "uint16" -> Layout.scalar(name, 2);
            case "int32", "uint32", "float32", "rune" -> Layout.scalar(name, 4);
            case "int64", "uint64", "float64", "int", "uint", "uintptr" -> Layout.scalar(name, 8);
            case "complex64" -> new Layout(name, 8, 4, new Layout.Complex());
            case "complex128" -> new Layout(name, 16, 8, new Layout.Complex());
            case "string" -> new Layout(name, 2 * WORD, WORD, new Layout.Str());
            case "error" -> new Layout(name, 2 * WORD, WORD, new Layout.Iface(false));
            case "any" -> new Layout(name, 2 * WORD, WORD, new Layout.Iface(true));
            default -> throw new Unresolved("unknown type " + name);
        };
    }

    /** How go/types spells a type: named types with their package path. */
    String text(TypeExpr t, GoPackage pkg, Map<String, String> imports) {
        return switch (t) {
            case TypeExpr.Name n when n.pkg().isEmpty() -> pkg.types.containsKey(n.name())
                    ? pkg.importPath + "." + n.name() : n.name();
            case TypeExpr.Name n -> imports.getOrDefault(n.pkg(), n.pkg()) + "." + n.name();
            case TypeExpr.Pointer p -> "*" + text(p.elem(), pkg, imports);
            case TypeExpr.Slice s -> "[]" + text(s.elem(), pkg, imports);
            case TypeExpr.Variadic v -> "..." + text(v.elem(), pkg, imports);
            case TypeExpr.Array a -> "[" + new ConstEval(pkg, imports).eval(a.length(), 0) + "]"
                    + text(a.elem(), pkg, imports);
            case TypeExpr.MapType m -> "map[" + text(m.key(), pkg, imports) + "]" + text(m.value(), pkg, imports);
            case TypeExpr.Chan c -> c.prefix() + text(c.elem(), pkg, imports);
            case TypeExpr.Func f -> "func" + signature(f, pkg, imports);
            case TypeExpr.Struct s -> resolve(s, pkg, imports).text();
            case TypeExpr.Interface i -> i.elements().isEmpty() ? "interface{}"
                    : "interface{" + String.join("; ", i.elements()) + "}";
            case TypeExpr.Unsupported u -> throw new Unresolved(u.why());
        };
    }

    private String signature(TypeExpr.Func f, GoPackage pkg, Map<String, String> imports) {
        String params = "(" + fields(f.params(), pkg, imports) + ")";
        if (f.results().isEmpty()) {
            return params;
        }
        if (f.results().size() == 1 && f.results().get(0).names().isEmpty()) {
            return params + " " + text(f.results().get(0).type(), pkg, imports);
        }
        return params + " (" + fields(f.results(), pkg, imports) + ")";
    }

    private String fields(List<TypeExpr.Field> list, GoPackage pkg, Map<String, String> imports) {
        List<String> parts = new ArrayList<>();
        for (TypeExpr.Field f : list) {
            String type = text(f.type(), pkg, imports);
            if (f.names().isEmpty()) {
                parts.add(type);
            } else {
                for (String name : f.names()) {
                    parts.add(name + " " + type);
                }
            }
        }
        return String.join(", ", parts);
    }

    /** Integer constant expressions of array lengths: literals, constants, iota, arithmetic. */
    private final class ConstEval {
        private final GoPackage pkg;
        private final Map<String, String> imports;
        private List<Tok> toks;
        private int p;
        private long iota;

        ConstEval(GoPackage pkg, Map<String, String> imports) {
            this.pkg = pkg;
            this.imports = imports;
        }

        long eval(List<Tok> expr, long iotaValue) {
            if (expr.isEmpty()) {
                throw new Unresolved("array length missing");
            }
            List<Tok> savedToks = toks;
            int savedP = p;
            long savedIota = iota;
            toks = expr;
            p = 0;
            iota = iotaValue;
            try {
                long v = binary(1);
                if (p != toks.size()) {
                    throw new Unresolved("constant expression not understood");
                }
                return v;
            } finally {
                toks = savedToks;
                p = savedP;
                iota = savedIota;
            }
        }

        private Tok peek() {
            return p < toks.size() ? toks.get(p) : new Tok(Kind.EOF, "", 0);
        }

        private static int precedence(String op) {
            return switch (op) {
                case "*", "/", "%", "<<", ">>", "&", "&^" -> 5;
                case "+", "-", "|", "^" -> 4;
                default -> 0;
            };
        }

        private long binary(int minPrec) {
            long left = unary();
            while (true) {
                Tok t = peek();
                int prec = t.kind() == Kind.OP ? precedence(t.text()) : 0;
                if (prec < minPrec || prec == 0) {
                    return left;
                }
                p++;
                long right = binary(prec + 1);
                left = switch (t.text()) {
                    case "*" -> left * right;
                    case "/" -> divide(left, right, false);
                    case "%" -> divide(left, right, true);
                    case "<<" -> left << right;
                    case ">>" -> left >> right;
                    case "&" -> left & right;
                    case "&^" -> left & ~right;
                    case "+" -> left + right;
                    case "-" -> left - right;
                    case "|" -> left | right;
                    case "^" -> left ^ right;
                    default -> throw new Unresolved("operator " + t.text());
                };
            }
        }

        private long divide(long a, long b, boolean remainder) {
            if (b == 0) {
                throw new Unresolved("division by zero");
            }
            return remainder ? a % b : a / b;
        }

        private long unary() {
            Tok t = peek();
            if (t.is("-") || t.is("+") || t.is("^")) {
                p++;
                long v = unary();
                return t.is("-") ? -v : t.is("^") ? ~v : v;
            }
            return primary();
        }

        private long primary() {
            Tok t = peek();
            p++;
            if (t.is("(")) {
                long v = binary(1);
                expect(")");
                return v;
            }
            if (t.kind() == Kind.INT) {
                return parseInt(t.text());
            }
            if (t.kind() == Kind.CHAR) {
                String body = t.text().substring(1, t.text().length() - 1);
                if (body.length() == 1) {
                    return body.charAt(0);
                }
                throw new Unresolved("rune literal " + t.text());
            }
            if (t.kind() != Kind.IDENT) {
                throw new Unresolved("constant expression not understood");
            }
            if (t.text().equals("iota")) {
                return iota;
            }
            if (peek().is("(")) {
                // A conversion such as uintptr(8): the value is the operand's.
                p++;
                long v = binary(1);
                expect(")");
                return v;
            }
            if (peek().is(".") && p + 1 < toks.size()) {
                p++;
                String name = toks.get(p++).text();
                String path = imports.get(t.text());
                if (path == null) {
                    throw new Unresolved("no import named " + t.text());
                }
                GoPackage other = loader.load(path, pkg.dir).orElseThrow(() -> new Unresolved("package " + path
                        + " not found"));
                return constant(other, name);
            }
            return constant(pkg, t.text());
        }

        private long constant(GoPackage owner, String name) {
            GoPackage.Scoped<GoFile.ConstDecl> c = owner.consts.get(name);
            if (c == null) {
                throw new Unresolved("constant " + name + " not found");
            }
            String key = owner.importPath + "." + name;
            if (!resolving.add(key)) {
                throw new Unresolved("constant " + key + " refers to itself");
            }
            try {
                return new ConstEval(owner, c.imports()).eval(c.decl().expr(), c.decl().iota());
            } finally {
                resolving.remove(key);
            }
        }

        private void expect(String s) {
            if (!peek().is(s)) {
                throw new Unresolved("constant expression not understood");
            }
            p++;
        }

        private static long parseInt(String text) {
            String s = text.replace("_", "").toLowerCase();
            try {
                if (s.startsWith("0x")) {
                    return Long.parseUnsignedLong(s.substring(2), 16);
                }
                if (s.startsWith("0b")) {
                    return Long.parseUnsignedLong(s.substring(2), 2);
                }
                if (s.startsWith("0o")) {
                    return Long.parseUnsignedLong(s.substring(2), 8);
                }
                if (s.length() > 1 && s.startsWith("0")) {
                    return Long.parseUnsignedLong(s.substring(1), 8);
                }
                return Long.parseUnsignedLong(s);
            } catch (NumberFormatException e) {
                throw new Unresolved("integer " + text);
            }
        }
    }
}
