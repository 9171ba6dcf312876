package goasm.godecl;

import java.util.List;

/**
 * A resolved Go type as amd64 lays it out: its spelling (as go/types prints it), size,
 * alignment and shape, which decides how asmdecl names its parts.
 */
record Layout(String text, long size, long align, Shape shape) {

    sealed interface Shape {
    }

    /** Integers, floats, bools, pointers, maps, channels, functions: one machine value. */
    record Scalar() implements Shape {
    }

    record Str() implements Shape {
    }

    record SliceShape() implements Shape {
    }

    record Iface(boolean empty) implements Shape {
    }

    record Complex() implements Shape {
    }

    record StructShape(List<Member> fields) implements Shape {
        StructShape {
            fields = List.copyOf(fields);
        }
    }

    record ArrayShape(long length, Layout elem) implements Shape {
    }

    record Member(String name, Layout type, long offset) {
    }

    static Layout scalar(String text, long size) {
        return new Layout(text, size, size, new Scalar());
    }

    /** The same layout under another spelling (a named type). */
    Layout named(String name) {
        return new Layout(name, size, align, shape);
    }

    static long alignUp(long n, long a) {
        return a <= 1 ? n : (n + a - 1) / a * a;
    }
}
