package goasm.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StackShrinkTest {
    static final long F = 0x402000;
    private final FakeFuncs funcs = new FakeFuncs()
            .add(new FakeFuncs.Fn("main.f", F, F + 0x100, 0, F + 0x100, 16, 0, FuncId.NORMAL, null, null));

    /** A waiting G with a stack of the given size whose SP is `used` bytes below hi, stopped in goexit's frame. */
    private static G waitingWithStack(GoRuntime rt, long size, long used) {
        G g = rt.newproc(rt.p(0), rt.newFuncval(F, new byte[0]), 0);
        rt.execute(rt.p(0), g);
        if (size != g.stack().size()) {
            rt.copystack(rt.p(0), g, size);
        }
        long sp = g.stackHi() - used;
        // Stopped at goexit+1 with SP = hi - used: one frame, no return address to follow (TOPFRAME).
        g.setSched(new Gobuf(sp, FakeFuncs.GOEXIT + 1, g.addr(), 0, 0, 0, 0));
        rt.park(g, GStatus.WAITING);
        return g;
    }

    private GoRuntime rt(String godebug) {
        return new GoRuntime(RuntimeConfig.of(1, funcs, FakeFuncs.GOEXIT).withGodebug(godebug));
    }

    @Test
    void aStackUsingAFifthOfItselfHalvesAtGcAndOneUsingAThirdDoesNot() {
        // shrinkstack: used = hi - sp + _StackLimit (800) must be < avail/4 (16384 for 64 KB).
        // 65536/5 = 13107 → 13907 < 16384: halve. 65536/3 = 21845 → 22645: keep.
        GoRuntime rt = rt("");
        G fifth = waitingWithStack(rt, 65536, 65536 / 5);
        G third = waitingWithStack(rt, 65536, 65536 / 3);
        rt.gc(rt.p(0));
        assertThat(fifth.stack().size()).isEqualTo(32768);
        assertThat(fifth.stackHi() - fifth.schedSp()).isEqualTo(65536 / 5);
        assertThat(third.stack().size()).isEqualTo(65536);
        assertThat(rt.stats().shrinks()).isEqualTo(1);
    }

    @Test
    void stackLimitCountsAsUsed() {
        // 8 KB using a fifth (1638): 1638 + 800 = 2438 >= 8192/4 = 2048, so it stays.
        GoRuntime rt = rt("");
        G g = waitingWithStack(rt, 8192, 8192 / 5);
        rt.gc(rt.p(0));
        assertThat(g.stack().size()).isEqualTo(8192);
    }

    @Test
    void nothingShrinksBelowTwoKilobytes() {
        // newsize = 1024 < _FixedStack: return.
        GoRuntime rt = rt("");
        G g = waitingWithStack(rt, 2048, 40);
        rt.gc(rt.p(0));
        assertThat(g.stack().size()).isEqualTo(2048);
    }

    @Test
    void gcshrinkstackoffKeepsStacks() {
        GoRuntime rt = rt("gcshrinkstackoff=1");
        G g = waitingWithStack(rt, 65536, 100);
        rt.gc(rt.p(0));
        assertThat(g.stack().size()).isEqualTo(65536);
    }

    @Test
    void aRunningGShrinksAtItsNextSafePoint() {
        // Not safe to shrink while stopped asynchronously: preemptShrink, and stackguard0 =
        // stackPreempt so its next prologue enters newstack, which shrinks it and yields.
        GoRuntime rt = rt("");
        G g = rt.newproc(rt.p(0), rt.newFuncval(F, new byte[0]), 0);
        rt.execute(rt.p(0), g);
        rt.copystack(rt.p(0), g, 65536);
        long sp = g.stackHi() - 48;
        rt.memory().write64(sp, F + 8);
        rt.memory().write64(sp + 8, FakeFuncs.GOEXIT + 1);
        g.setSched(new Gobuf(sp + 8, F, g.addr(), 0, 0, 0, 0));
        rt.gc(rt.p(0));
        assertThat(g.preemptShrink()).isTrue();
        assertThat(g.stackguard0()).isEqualTo(-1314L /* stackPreempt: uintptrMask & -1314 (stack.go) */);
        assertThat(g.stack().size()).isEqualTo(65536);

        NewstackResult r = rt.morestack(rt.p(0), g, sp, 0, 0);
        assertThat(r).isInstanceOf(NewstackResult.Preempted.class);
        assertThat(g.preemptShrink()).isFalse();
        assertThat(g.stack().size()).isEqualTo(32768);
    }

    @Test
    void adaptiveStackStartUsesTheAverageScannedStack() {
        // gcComputeStartingStackSize: (3000 + 40) / 2 + 928 = 2448 → round2 = 4096.
        GoRuntime rt = rt("");
        waitingWithStack(rt, 4096, 3000);
        waitingWithStack(rt, 2048, 40);
        rt.gc(rt.p(0));
        assertThat(rt.startingStackSize()).isEqualTo(4096);
        // malg still uses _StackMin for a brand-new G...
        G fresh = rt.newproc(rt.p(0), rt.newFuncval(F, new byte[0]), 0);
        assertThat(fresh.stack().size()).isEqualTo(2048);
        // ...while a reused G gets a startingStackSize stack from gfget.
        rt.execute(rt.p(0), fresh);
        rt.goexit(rt.p(0), fresh); // 2048 != 4096: gfput frees its stack
        G reused = rt.newproc(rt.p(0), rt.newFuncval(F, new byte[0]), 0);
        assertThat(reused).isSameAs(fresh);
        assertThat(reused.stack().size()).isEqualTo(4096);
    }

    @Test
    void adaptivestackstartZeroKeepsTwoKilobytes() {
        GoRuntime rt = rt("adaptivestackstart=0");
        waitingWithStack(rt, 4096, 3000);
        rt.gc(rt.p(0));
        assertThat(rt.startingStackSize()).isEqualTo(2048);
    }

    @Test
    void stacksFreedDuringGcAreReturnedAtItsEnd() {
        // A shrink frees the old 64 KB stack while the GC runs: it waits on stackLarge, and
        // freeStackSpans hands it back to the heap, leaving only the new 32 KB span in use
        // besides the pool span of the initial 2 KB stack (cleared from the cache at the end).
        GoRuntime rt = rt("");
        List<RuntimeEvent> events = new ArrayList<>();
        rt.addListener(events::add);
        G g = waitingWithStack(rt, 65536, 1000);
        rt.gc(rt.p(0));
        assertThat(events).contains(new RuntimeEvent.Shrink(g.goid(), 65536, 32768, 1000));
        assertThat(events.stream().filter(e -> e instanceof RuntimeEvent.StackFree f
                && f.path() == StackPath.LARGE)).hasSize(1);
        // 32 KB stack span only: the 2 KB stack was freed at the first copystack (outside GC) and
        // its pool span went back with the cache clear.
        assertThat(rt.stats().stackInuse()).isEqualTo(32768);
    }
}
