package goasm.runtime;

import java.util.BitSet;
import java.util.List;

/**
 * Go's stackmap: {@code bitmaps.size()} bitmaps (one per stack map index) of {@code nbit}
 * bits, one bit per pointer-sized word, set where the word holds a pointer.
 * {@code NO_LOCAL_POINTERS} is one bitmap of zero bits.
 */
public record StackMap(int nbit, List<BitSet> bitmaps) {
    public StackMap {
        bitmaps = List.copyOf(bitmaps);
    }

    /** The map that NO_LOCAL_POINTERS names (runtime·no_pointers_stackmap: n=1, nbit=0). */
    public static final StackMap NO_POINTERS = new StackMap(0, List.of(new BitSet()));

    /** A single bitmap with the given word indexes set. */
    public static StackMap of(int nbit, int... pointerWords) {
        BitSet b = new BitSet(nbit);
        for (int w : pointerWords) {
            b.set(w);
        }
        return new StackMap(nbit, List.of(b));
    }

    public int n() {
        return bitmaps.size();
    }
}
