package goasm.runtime.memory;

import java.util.ArrayList;
import java.util.List;

/** Go's mSpanList: an intrusive doubly linked list of spans; insert puts a span first. */
public final class SpanList {
    private Span first;
    private int size;

    public Span first() {
        return first;
    }

    public boolean isEmpty() {
        return first == null;
    }

    public int size() {
        return size;
    }

    public void insert(Span s) {
        if (s.list != null) {
            throw new IllegalStateException("span already on a list: " + s);
        }
        s.next = first;
        s.prev = null;
        if (first != null) {
            first.prev = s;
        }
        first = s;
        s.list = this;
        size++;
    }

    public void remove(Span s) {
        if (s.list != this) {
            throw new IllegalStateException("span not on this list: " + s);
        }
        if (s.prev != null) {
            s.prev.next = s.next;
        } else {
            first = s.next;
        }
        if (s.next != null) {
            s.next.prev = s.prev;
        }
        s.next = null;
        s.prev = null;
        s.list = null;
        size--;
    }

    public static Span next(Span s) {
        return s.next;
    }

    public List<Span> toList() {
        List<Span> out = new ArrayList<>(size);
        for (Span s = first; s != null; s = s.next) {
            out.add(s);
        }
        return out;
    }
}
