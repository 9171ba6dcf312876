package goasm.link;

import java.util.List;
import java.util.Map;

/**
 * A linked program ready to load: its segments at their addresses, the address of every native
 * runtime function, the entry point and the function table.
 *
 * @param segments  text, rodata, noptrdata, data, bss, noptrbss in address order (empty ones left out)
 * @param natives   native runtime function name ("runtime.printint") to its stub address
 * @param symbols   every defined symbol's Go name to its address
 */
public record Image(List<Segment> segments, Map<String, Long> natives, Map<String, Long> symbols, long entry,
                    FunctionTable functions) {

    /**
     * A contiguous piece of the image; bytes may be shorter than size (the rest is zero). Each
     * segment starts on its own page, so its protection holds for whole pages.
     */
    public record Segment(String name, long address, long size, byte[] bytes, Protection protection) {
    }

    /** How Go's linker maps a segment: text read+execute, rodata read-only, data and bss read+write. */
    public enum Protection {
        READ_EXECUTE, READ, READ_WRITE;

        public boolean writable() {
            return this == READ_WRITE;
        }
    }

    public Segment text() {
        return segments.get(0);
    }
}
