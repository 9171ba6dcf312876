package goasm.runtime;

import goasm.release.GoRelease;
import goasm.release.StackRules;
import goasm.runtime.memory.GuestMemory;
import goasm.runtime.memory.PageHeap;
import goasm.runtime.memory.Span;
import goasm.runtime.memory.SpanState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StackAllocatorProperties {
    /** One step: allocate 2^k bytes (k in 11..18), free the i-th live stack, or toggle GC/cache use. */
    record Step(int kind, int log2size, int index, boolean useCache) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 9), Arbitraries.integers().between(11, 18),
                Arbitraries.integers().between(0, 1000), Arbitraries.of(true, false)).as(Step::new);
        return step.list().ofMaxSize(300);
    }

    @Property(tries = 200)
    void liveStacksNeverOverlapAndStackInuseIsTheSumOfStackSpans(@ForAll("steps") List<Step> steps) {
        PageHeap heap = new PageHeap(new GuestMemory());
        StackAllocator alloc = new StackAllocator(heap, StackRules.of(GoRelease.NEWEST), null);
        StackCache cache = new StackCache(StackRules.of(GoRelease.NEWEST).numStackOrders());
        List<Stack> live = new ArrayList<>();
        for (Step s : steps) {
            StackCache c = s.useCache() ? cache : null;
            if (s.kind() < 5) {
                live.add(alloc.alloc(1L << s.log2size(), c));
            } else if (s.kind() < 9) {
                if (!live.isEmpty()) {
                    alloc.free(live.remove(s.index() % live.size()), c);
                }
            } else if (alloc.gcRunning()) {
                alloc.setGcRunning(false);
                alloc.freeStackSpans();
                alloc.cacheClear(cache);
            } else {
                alloc.setGcRunning(true);
            }
            assertNoOverlap(live);
            long manual = heap.spans().stream().filter(sp -> sp.state() == SpanState.MANUAL)
                    .mapToLong(Span::bytes).sum();
            assertThat(heap.stackSpanBytes()).isEqualTo(manual);
            // every live stack lies in a stack span
            for (Stack st : live) {
                Span sp = heap.spanOf(st.lo());
                assertThat(sp).isNotNull();
                assertThat(sp.state()).isEqualTo(SpanState.MANUAL);
                assertThat(st.hi()).isLessThanOrEqualTo(sp.limit());
            }
        }
        // With every stack freed outside GC and the cache cleared, all stack spans go back.
        alloc.setGcRunning(false);
        for (Stack st : live) {
            alloc.free(st, null);
        }
        alloc.freeStackSpans();
        alloc.cacheClear(cache);
        assertThat(heap.stackSpanBytes()).isZero();
    }

    private static void assertNoOverlap(List<Stack> live) {
        List<Stack> sorted = new ArrayList<>(live);
        sorted.sort(Comparator.comparingLong(Stack::lo));
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).lo()).isGreaterThanOrEqualTo(sorted.get(i - 1).hi());
        }
    }
}
