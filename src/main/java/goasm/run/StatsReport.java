package goasm.run;

import goasm.runtime.StackPath;
import goasm.runtime.StackStats;

/** `--stats`: the runtime's stack statistics and the interpreter's speed, printed at exit. */
final class StatsReport {
    private StatsReport() {
    }

    static String of(StackStats s, long instructions, long nanos) {
        double seconds = nanos / 1e9;
        StringBuilder out = new StringBuilder();
        out.append(String.format("goasm run: %d instructions in %.3fs (%.1f M/s)%n", instructions, seconds,
                instructions / Math.max(seconds, 1e-9) / 1e6));
        out.append(String.format("stacks: StackInuse=%d StackSys=%d HeapSys=%d guest memory committed=%d%n",
                s.stackInuse(), s.stackSys(), s.heapSys(), s.committedBytes()));
        out.append(String.format("stacks: growths=%d shrinks=%d bytes copied=%d starting size=%d GC cycles=%d%n",
                s.growths(), s.shrinks(), s.bytesCopied(), s.startingStackSize(), s.gcCycles()));
        out.append(String.format("goroutines: created=%d reused=%d%n", s.gsCreated(), s.gsReused()));
        StringBuilder paths = new StringBuilder();
        for (StackPath path : StackPath.values()) {
            paths.append(' ').append(path.name().toLowerCase()).append('=')
                    .append(s.allocsByPath().getOrDefault(path, 0L)).append('/')
                    .append(s.freesByPath().getOrDefault(path, 0L));
        }
        out.append("stackalloc/stackfree by path:").append(paths).append('\n');
        out.append("stackalloc by order (2K 4K 8K 16K large):");
        for (long n : s.allocsByOrder()) {
            out.append(' ').append(n);
        }
        out.append('\n');
        return out.toString();
    }
}
