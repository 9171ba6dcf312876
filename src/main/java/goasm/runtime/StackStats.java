package goasm.runtime;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of stack statistics: {@code stackInuse} and {@code stackSys} as runtime.MemStats
 * reports them (bytes in stack spans; this runtime has no OS-allocated stacks, so both are
 * equal), plus counters Go keeps no public record of.
 *
 * @param allocsByOrder stack allocations per pool order (2, 4, 8, 16 KB), then large stacks
 */
public record StackStats(long stackInuse, long stackSys, long heapSys, long committedBytes,
                         long growths, long shrinks, long bytesCopied,
                         long gsCreated, long gsReused, long startingStackSize, int gcCycles,
                         Map<StackPath, Long> allocsByPath, Map<StackPath, Long> freesByPath,
                         List<Long> allocsByOrder) {
}
