package goasm.godecl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The argument frame of a Go function on amd64 with the stack ABI: every name an assembly
 * reference {@code name+off(FP)} may use (parameters, results, and their parts such as
 * {@code s_len}, {@code x_real}, {@code p_f}, {@code a_1}), with offset, size and description.
 */
public final class ArgFrame {
    /** The machine word on amd64: pointers, lengths, the return address. */
    public static final long WORD = TypeResolver.WORD;

    /** What a named part is, for deciding which move sizes fit it. */
    public enum Kind { SCALAR, STRING, SLICE, ARRAY, INTERFACE, EMPTY_INTERFACE, STRUCT, COMPLEX }

    /** One name in the frame. {@code inner}: its parts one level down (the words of a string, ...). */
    public static final class Var {
        public final String name;
        public final Kind kind;
        public final String type;
        public final long offset;
        public final long size;
        public final List<Var> inner = new ArrayList<>();

        Var(String name, Kind kind, String type, long offset, long size) {
            this.name = name;
            this.kind = kind;
            this.type = type;
            this.offset = offset;
            this.size = size;
        }
    }

    public final Map<String, Var> vars = new HashMap<>();
    public final Map<Long, Var> byOffset = new HashMap<>();
    /** The parameters, then the results, in declaration order (unnamed ones as asmdecl names them). */
    public final List<Var> arguments = new ArrayList<>();
    public final List<Var> results = new ArrayList<>();
    /** The size of parameters and results together: the "-args" of $frame-args. */
    public final long size;

    /** A parameter or result: its name (null when unnamed) and layout. */
    record Param(String name, Layout type) {
    }

    ArgFrame(List<Param> params, List<Param> results) {
        long offset = add(params, 0, false);
        if (!results.isEmpty()) {
            offset = Layout.alignUp(offset, TypeResolver.WORD);
            offset = add(results, offset, true);
        }
        size = offset;
    }

    private long add(List<Param> list, long offset, boolean results) {
        int unnamed = 0;
        for (Param p : list) {
            offset = Layout.alignUp(offset, p.type().align());
            String name = p.name();
            if (name == null) {
                // Unnamed: arg, arg1, arg2... (ret, ret1, ... for results), numbered by position.
                name = (results ? "ret" : "arg") + (unnamed > 0 ? Integer.toString(unnamed) : "");
            }
            unnamed++;
            (results ? this.results : arguments).add(addParts(p.type(), name, "", offset));
            offset += p.type().size();
        }
        return offset;
    }

    /** Adds {@code base+suffix} for the type and, recursively, its parts; returns the whole. */
    private Var addParts(Layout t, String base, String suffix, long offset) {
        Kind kind = kindOf(t);
        Var v = new Var(base + suffix, kind, t.text(), offset, t.size());
        define(v);
        switch (t.shape()) {
            case Layout.Iface iface when iface.empty() -> {
                word(v, base, suffix + "_type", "interface type", offset);
                word(v, base, suffix + "_data", "interface data", offset + TypeResolver.WORD);
            }
            case Layout.Iface iface -> {
                word(v, base, suffix + "_itable", "interface itable", offset);
                word(v, base, suffix + "_data", "interface data", offset + TypeResolver.WORD);
            }
            case Layout.SliceShape s -> {
                word(v, base, suffix + "_base", "slice base", offset);
                word(v, base, suffix + "_len", "slice len", offset + TypeResolver.WORD);
                word(v, base, suffix + "_cap", "slice cap", offset + 2 * TypeResolver.WORD);
            }
            case Layout.Str s -> {
                word(v, base, suffix + "_base", "string base", offset);
                word(v, base, suffix + "_len", "string len", offset + TypeResolver.WORD);
            }
            case Layout.Complex c -> {
                long half = t.size() / 2;
                part(v, new Var(base + suffix + "_real", Kind.SCALAR, "real(complex" + t.size() * 8 + ")",
                        offset, half));
                part(v, new Var(base + suffix + "_imag", Kind.SCALAR, "imag(complex" + t.size() * 8 + ")",
                        offset + half, half));
            }
            case Layout.StructShape s -> {
                for (Layout.Member m : s.fields()) {
                    addParts(m.type(), base, suffix + "_" + m.name(), offset + m.offset());
                }
            }
            case Layout.ArrayShape a -> {
                long stride = Layout.alignUp(a.elem().size(), a.elem().align());
                for (long i = 0; i < a.length(); i++) {
                    addParts(a.elem(), base, suffix + "_" + i, offset + i * stride);
                }
            }
            case Layout.Scalar s -> { }
        }
        return v;
    }

    /**
     * Defines a name. Only the words of strings, slices, interfaces and complex numbers are
     * listed as a value's parts; struct fields and array elements stand alone.
     */
    private void define(Var v) {
        vars.put(v.name, v);
        for (long i = 0; i < v.size; i++) {
            byOffset.put(v.offset + i, v);
        }
    }

    private void word(Var outer, String base, String suffix, String description, long offset) {
        part(outer, new Var(base + suffix, Kind.SCALAR, description, offset, TypeResolver.WORD));
    }

    /** A word of a string, slice, interface or complex value: also listed as a part of it. */
    private void part(Var outer, Var v) {
        outer.inner.add(v);
        define(v);
    }

    private static Kind kindOf(Layout t) {
        return switch (t.shape()) {
            case Layout.Scalar s -> Kind.SCALAR;
            case Layout.Str s -> Kind.STRING;
            case Layout.SliceShape s -> Kind.SLICE;
            case Layout.Iface i -> i.empty() ? Kind.EMPTY_INTERFACE : Kind.INTERFACE;
            case Layout.Complex c -> Kind.COMPLEX;
            case Layout.StructShape s -> Kind.STRUCT;
            case Layout.ArrayShape a -> Kind.ARRAY;
        };
    }
}
