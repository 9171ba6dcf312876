package goasm.godecl;

import java.util.List;

/** A Go type as written in a declaration, before names are resolved. */
sealed interface TypeExpr {
    /** {@code T} or {@code pkg.T} (package empty for an unqualified name). */
    record Name(String pkg, String name) implements TypeExpr {
    }

    record Pointer(TypeExpr elem) implements TypeExpr {
    }

    record Slice(TypeExpr elem) implements TypeExpr {
    }

    /** {@code [len]elem}; the length as its tokens (a constant expression). */
    record Array(List<GoTokens.Tok> length, TypeExpr elem) implements TypeExpr {
    }

    record MapType(TypeExpr key, TypeExpr value) implements TypeExpr {
    }

    /** {@code chan T}, {@code <-chan T} or {@code chan<- T}, as {@code prefix + elem}. */
    record Chan(String prefix, TypeExpr elem) implements TypeExpr {
    }

    record Func(List<Field> params, List<Field> results) implements TypeExpr {
    }

    record Struct(List<Field> fields) implements TypeExpr {
    }

    /** An interface; its method and embedded lines as text, for printing and emptiness. */
    record Interface(List<String> elements) implements TypeExpr {
    }

    /** {@code ...T} as the last parameter: a slice of T. */
    record Variadic(TypeExpr elem) implements TypeExpr {
    }

    /** Something this reader does not follow (a generic instantiation): its function is not laid out. */
    record Unsupported(String why) implements TypeExpr {
    }

    /**
     * One field or parameter group: names (empty for an unnamed parameter or an embedded field)
     * sharing one type.
     */
    record Field(List<String> names, TypeExpr type) {
        public Field {
            names = List.copyOf(names);
        }
    }
}
