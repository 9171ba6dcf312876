package goasm.link;

import java.util.List;

/** The linked functions sorted by address, for pc lookups (tracebacks, frame walking, messages). */
public record FunctionTable(List<LinkedFunction> functions) {
    public FunctionTable {
        functions = List.copyOf(functions);
    }

    /** The function containing pc, or null. */
    public LinkedFunction find(long pc) {
        int lo = 0;
        int hi = functions.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            LinkedFunction f = functions.get(mid);
            if (pc < f.entry()) {
                hi = mid - 1;
            } else if (pc >= f.end()) {
                lo = mid + 1;
            } else {
                return f;
            }
        }
        return null;
    }

    public LinkedFunction byName(String name) {
        for (LinkedFunction f : functions) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** "main.loop+0x13", or "?" outside every function. */
    public String describe(long pc) {
        LinkedFunction f = find(pc);
        return f == null ? "?" : f.name() + "+0x" + Long.toHexString(pc - f.entry());
    }
}
