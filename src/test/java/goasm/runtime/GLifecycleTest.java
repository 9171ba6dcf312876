package goasm.runtime;

import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Go 1.19's G lifecycle; the structure offsets of every release are RuntimeLayoutTest's. */
class GLifecycleTest {
    static final long F = 0x402000;
    private final FakeFuncs funcs = new FakeFuncs()
            .add(new FakeFuncs.Fn("main.f", F, F + 0x100, 0, F + 0x100, 16, 0, FuncId.NORMAL, null, null));
    private final GoRuntime rt = new GoRuntime(RuntimeConfig.of(2, funcs, FakeFuncs.GOEXIT,
            ReleaseProfile.reference(GoRelease.GO1_19)));
    private final List<RuntimeEvent> events = new ArrayList<>();

    {
        rt.addListener(events::add);
    }

    private G spawn(P p) {
        return rt.newproc(p, rt.newFuncval(F, new byte[0]), 0x401500);
    }

    /** Runs g on p and lets it return at once (goexit1 → goexit0). */
    private void runToExit(P p, G g) {
        rt.execute(p, g);
        rt.goexit(p, g);
    }

    @Test
    void newprocBuildsGosInitialFrame() {
        // newproc1: totalSize = 4*PtrSize + MinFrameSize = 32, aligned to StackAlign (8): sp = hi-32;
        // gostartcall pushes goexit+PCQuantum: SP at the first instruction is hi-40.
        long fn = rt.newFuncval(F, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        G g = rt.newproc(rt.p(0), fn, 0x401500);
        Gobuf sched = g.sched();
        assertThat(g.stackHi() - sched.sp()).isEqualTo(40);
        assertThat(rt.memory().read64(sched.sp())).isEqualTo(FakeFuncs.GOEXIT + 1);
        assertThat(sched.pc()).isEqualTo(F);
        assertThat(sched.ctxt()).isEqualTo(fn);
        assertThat(sched.g()).isEqualTo(g.addr());
        assertThat(rt.memory().read64(fn + 8)).isEqualTo(0x0807060504030201L);
        assertThat(g.stktopsp()).isEqualTo(g.stackHi() - 32);
        // malg(_StackMin): a 2 KB stack, stackguard0 = lo + _StackGuard, stackguard1 = ^0
        assertThat(g.stack().size()).isEqualTo(2048);
        assertThat(g.stackguard0()).isEqualTo(g.stackLo() + 928);
        assertThat(g.stackguard1()).isEqualTo(-1L);
        assertThat(g.status()).isEqualTo(GStatus.RUNNABLE);
        assertThat(g.goid()).isEqualTo(1);
        assertThat(g.startpc()).isEqualTo(F);
        assertThat(g.gopc()).isEqualTo(0x401500);
    }

    @Test
    void theGStructHasGosFieldOffsets() {
        // go_asm.h for Go 1.19 linux/amd64: g_stack 0, g_stackguard0 16, g_sched 56, gobuf_sp 0,
        // gobuf_pc 8, g_atomicstatus 144, g_goid 152.
        G g = spawn(rt.p(0));
        var mem = rt.memory();
        assertThat(mem.read64(g.addr())).isEqualTo(g.stackLo());
        assertThat(mem.read64(g.addr() + 8)).isEqualTo(g.stackHi());
        assertThat(mem.read64(g.addr() + 16)).isEqualTo(g.stackLo() + 928);
        assertThat(mem.read64(g.addr() + 56)).isEqualTo(g.stackHi() - 40);
        assertThat(mem.read64(g.addr() + 64)).isEqualTo(F);
        assertThat(mem.read32(g.addr() + 144)).isEqualTo(1); // _Grunnable
        assertThat(mem.read64(g.addr() + 152)).isEqualTo(1);
        rt.execute(rt.p(0), g);
        assertThat(mem.read64(g.addr() + 48)).isEqualTo(rt.m0().addr()); // g.m
        assertThat(mem.read64(rt.m0().addr() + 192)).isEqualTo(g.addr()); // m.curg
    }

    @Test
    void goidsComeInBatchesOfSixteenPerP() {
        // _GoidCacheBatch = 16: P0 takes 1..16, then P1 takes 17..32.
        assertThat(spawn(rt.p(0)).goid()).isEqualTo(1);
        assertThat(spawn(rt.p(1)).goid()).isEqualTo(17);
        assertThat(spawn(rt.p(0)).goid()).isEqualTo(2);
    }

    @Test
    void aDeadGIsReusedWithItsStack() {
        // gfput keeps a stack of startingStackSize (2 KB); gfget pops the same G (LIFO).
        G a = spawn(rt.p(0));
        Stack stack = a.stack();
        runToExit(rt.p(0), a);
        assertThat(a.status()).isEqualTo(GStatus.DEAD);
        G b = spawn(rt.p(0));
        assertThat(b).isSameAs(a);
        assertThat(b.stack()).isEqualTo(stack);
        assertThat(b.goid()).isEqualTo(2);
        assertThat(rt.stats().gsReused()).isEqualTo(1);
        assertThat(rt.stats().gsCreated()).isEqualTo(1);
    }

    @Test
    void aGWithAFourKilobyteStackLosesItAtGfput() {
        // gfput: stksize (4096) != startingStackSize (2048) → stackfree, stack.lo = hi = 0.
        G g = spawn(rt.p(0));
        rt.execute(rt.p(0), g);
        rt.copystack(rt.p(0), g, 4096);
        assertThat(g.stack().size()).isEqualTo(4096);
        rt.goexit(rt.p(0), g);
        assertThat(g.stack()).isEqualTo(Stack.NONE);
        assertThat(g.stackguard0()).isZero();
        assertThat(events.get(events.size() - 1)).isEqualTo(new RuntimeEvent.GfPut(g.addr(), 0, true, 0));
        // gfget allocates a startingStackSize stack for a stackless G.
        G again = spawn(rt.p(0));
        assertThat(again).isSameAs(g);
        assertThat(again.stack().size()).isEqualTo(2048);
        assertThat(again.stackguard0()).isEqualTo(again.stackLo() + 928);
    }

    @Test
    void sixtyFiveDeadGsOnOnePLeaveThirtyTwoThere() {
        // gfput: at the 64th G, pop while n >= 32: 33 move to the global list, 31 stay; the 65th
        // makes 32.
        List<G> gs = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            gs.add(spawn(rt.p(0)));
        }
        for (G g : gs) {
            runToExit(rt.p(0), g);
        }
        assertThat(rt.p(0).freeGCount()).isEqualTo(32);
        assertThat(rt.globalFreeWithStack()).isEqualTo(33);
        assertThat(rt.globalFreeNoStack()).isZero();
        // gfget on an empty P refills it up to 32 from the global lists before popping one.
        G g = spawn(rt.p(1));
        assertThat(gs).contains(g);
        assertThat(rt.p(1).freeGCount()).isEqualTo(31);
        assertThat(rt.globalFreeWithStack()).isEqualTo(1);
    }

    @Test
    void stacklessGsGoToTheNoStackList() {
        // Gs whose stacks were freed at gfput are on the noStack list after spilling.
        List<G> gs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            gs.add(spawn(rt.p(0)));
        }
        for (G g : gs) {
            rt.execute(rt.p(0), g);
            rt.copystack(rt.p(0), g, 4096);
            rt.goexit(rt.p(0), g);
        }
        assertThat(rt.p(0).freeGCount()).isEqualTo(31);
        assertThat(rt.globalFreeNoStack()).isEqualTo(33);
    }

    @Test
    void goOfNilFuncValueIsFatal() {
        assertThatThrownBy(() -> rt.newproc(rt.p(0), 0, 0))
                .isInstanceOfSatisfying(GoThrow.class,
                        t -> assertThat(t.stderr()).isEqualTo("fatal error: go of nil func value\n"));
    }

    @Test
    void eventsTraceNewprocAndStacks() {
        G g = spawn(rt.p(0));
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo(new RuntimeEvent.StackAlloc(g.stack(), StackPath.CACHE_REFILL));
        assertThat(events.get(1)).isEqualTo(new RuntimeEvent.NewProc(1, g.addr(), F, false, g.stack()));
    }
}
