package goasm.runtime;

import goasm.release.GoRelease;
import goasm.release.StackRules;
import goasm.runtime.memory.GuestMemory;
import goasm.runtime.memory.PageHeap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackAllocatorTest {
    private static final StackRules RULES = StackRules.of(GoRelease.NEWEST);
    private final PageHeap heap = new PageHeap(new GuestMemory());
    private final List<RuntimeEvent> events = new ArrayList<>();
    private final StackAllocator alloc = new StackAllocator(heap, RULES, events::add);
    private final StackCache cache = new StackCache(RULES.numStackOrders());

    private List<StackPath> allocPaths() {
        return events.stream().filter(e -> e instanceof RuntimeEvent.StackAlloc)
                .map(e -> ((RuntimeEvent.StackAlloc) e).path()).toList();
    }

    @Test
    void the33rdTwoKilobyteAllocationOnAPRefillsTheCache() {
        // stackcacherefill fills the cache up to _StackCacheSize/2 = 16 KB = 8 stacks of 2 KB,
        // so allocations 1, 9, 17, 25 and 33 find the cache empty.
        for (int i = 0; i < 33; i++) {
            alloc.alloc(2048, cache);
        }
        List<StackPath> paths = allocPaths();
        assertThat(paths.get(32)).isEqualTo(StackPath.CACHE_REFILL);
        assertThat(paths.get(31)).isEqualTo(StackPath.CACHE);
        assertThat(paths.stream().filter(p -> p == StackPath.CACHE_REFILL).count()).isEqualTo(5);
        // 33 stacks plus the 7 left in the cache: 40 stacks = 2.5 pool spans of 16, so 3 spans.
        assertThat(heap.stackSpanBytes()).isEqualTo(3 * 32768);
    }

    @Test
    void firstStackComesFromTheMiddleOfTheFirstSpan() {
        // The first span is the heap's first pages: 0xc000000000. stackpoolalloc builds the span's
        // free list by pushing base+0, base+2K, ... so the highest stack is taken first; refill
        // takes 8 (base+30K down to base+16K) and the last taken, base+16K, is handed out first.
        Stack s = alloc.alloc(2048, cache);
        assertThat(s).isEqualTo(new Stack(0xc000000000L + 16384, 0xc000000000L + 16384 + 2048));
        assertThat(alloc.alloc(2048, cache).lo()).isEqualTo(0xc000000000L + 18432);
    }

    @Test
    void aSpanReturnsToTheHeapOnlyWhenAllItsStacksAreFree() {
        // Without a P cache (stackpoolalloc/stackpoolfree): a 32 KB span holds 16 stacks of 2 KB;
        // stackpoolfree gives the span back when allocCount drops to 0 outside GC.
        List<Stack> stacks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            stacks.add(alloc.alloc(2048, null));
        }
        assertThat(heap.stackSpanBytes()).isEqualTo(32768);
        for (int i = 0; i < 15; i++) {
            alloc.free(stacks.get(i), null);
            assertThat(heap.stackSpanBytes()).isEqualTo(32768);
        }
        alloc.free(stacks.get(15), null);
        assertThat(heap.stackSpanBytes()).isZero();
    }

    @Test
    void duringGcAWhollyFreeSpanWaitsForFreeStackSpans() {
        // stackpoolfree frees the span only when gcphase == _GCoff; freeStackSpans at the end of
        // GC frees pool spans with allocCount 0.
        Stack s = alloc.alloc(4096, null);
        alloc.setGcRunning(true);
        alloc.free(s, null);
        assertThat(heap.stackSpanBytes()).isEqualTo(32768);
        assertThat(alloc.poolSpans(1)).hasSize(1);
        alloc.setGcRunning(false);
        alloc.freeStackSpans();
        assertThat(heap.stackSpanBytes()).isZero();
    }

    @Test
    void largeStacksGoToTheHeapOrToStackLargeDuringGc() {
        // 32 KB is not < _StackCacheSize: the large path, a 4-page span of its own.
        Stack a = alloc.alloc(32768, cache);
        assertThat(allocPaths()).containsExactly(StackPath.HEAP);
        assertThat(heap.stackSpanBytes()).isEqualTo(32768);
        alloc.free(a, cache);
        assertThat(heap.stackSpanBytes()).isZero();

        Stack b = alloc.alloc(65536, cache);
        alloc.setGcRunning(true);
        alloc.free(b, cache);
        // stackLarge.free[log2(8 pages) = 3]
        assertThat(alloc.largeSpans(3)).hasSize(1);
        Stack c = alloc.alloc(65536, cache);
        assertThat(c).isEqualTo(b);
        assertThat(allocPaths().get(2)).isEqualTo(StackPath.LARGE);
        alloc.free(c, cache);
        alloc.setGcRunning(false);
        alloc.freeStackSpans();
        assertThat(alloc.largeSpans(3)).isEmpty();
        assertThat(heap.stackSpanBytes()).isZero();
    }

    @Test
    void sixteenKilobytesIsTheLargestPoolOrder() {
        // n < _FixedStack<<_NumStackOrders (32 KB) and n < _StackCacheSize: order 3 for 16 KB.
        alloc.alloc(16384, null);
        assertThat(alloc.poolSpans(3)).hasSize(1);
        assertThat(alloc.orderOf(16384)).isEqualTo(3);
        assertThat(alloc.orderOf(32768)).isEqualTo(-1);
    }

    @Test
    void aFullCacheReleasesHalfBeforeTakingMore() {
        // stackfree: when stackcache[order].size >= _StackCacheSize (16 stacks of 2 KB), release
        // down to _StackCacheSize/2 (8 stacks) first, then push: 9 remain.
        List<Stack> stacks = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            stacks.add(alloc.alloc(2048, null));
        }
        for (int i = 0; i < 16; i++) {
            alloc.free(stacks.get(i), cache);
        }
        assertThat(cache.size(0)).isEqualTo(32768);
        alloc.free(stacks.get(16), cache);
        assertThat(cache.count(0)).isEqualTo(9);
        assertThat(events.get(events.size() - 1))
                .isEqualTo(new RuntimeEvent.StackFree(stacks.get(16), StackPath.CACHE_RELEASE));
    }

    @Test
    void cacheClearReturnsEverythingToThePools() {
        // stackcache_clear frees every cached stack through stackpoolfree; outside GC the now
        // wholly free span goes back to the heap.
        Stack s = alloc.alloc(2048, cache);
        alloc.free(s, cache);
        assertThat(heap.stackSpanBytes()).isEqualTo(32768);
        alloc.cacheClear(cache);
        assertThat(cache.count(0)).isZero();
        assertThat(heap.stackSpanBytes()).isZero();
    }

    @Test
    void aSizeThatIsNotAPowerOfTwoIsFatal() {
        assertThatThrownBy(() -> alloc.alloc(3000, cache))
                .isInstanceOfSatisfying(GoThrow.class,
                        t -> assertThat(t.stderr()).isEqualTo("fatal error: stack size not a power of 2\n"));
    }
}
