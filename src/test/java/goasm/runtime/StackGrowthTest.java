package goasm.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackGrowthTest {
    static final long A = 0x402000;
    static final long B = 0x403000;
    static final long HUGE = 0x404000;

    /** Builds a runtime whose A has a 40-byte frame (saved BP + 4 words of locals) and 16 bytes of args. */
    private static GoRuntime runtime(StackMap aLocals) {
        FakeFuncs funcs = new FakeFuncs()
                .add(new FakeFuncs.Fn("main.A", A, A + 0x100, 40, A + 0x10, 40, 16, FuncId.NORMAL, aLocals,
                        StackMap.of(2, 0)))
                .add(new FakeFuncs.Fn("main.B", B, B + 0x100, 8, B + 0x10, 16, 0, FuncId.NORMAL,
                        StackMap.NO_POINTERS, null))
                .add(new FakeFuncs.Fn("main.huge", HUGE, HUGE + 0x100, 0, HUGE + 0x100, 600_000_000, 0,
                        FuncId.NORMAL, null, null));
        return new GoRuntime(RuntimeConfig.of(1, funcs, FakeFuncs.GOEXIT));
    }

    /**
     * Lays out, from hi down: goexit+1 at hi-40 (newproc1), A's saved BP at hi-48, A's locals
     * hi-80..hi-48, the return address A+0x20 at hi-88 (A called B), and B's prologue calling
     * morestack: return address B+8 at hi-96. Returns SP on entry to morestack.
     */
    private static long buildFrames(GoRuntime rt, G g) {
        var mem = rt.memory();
        long hi = g.stackHi();
        mem.write64(hi - 32, hi - 60); // A's arg word 0: a pointer into the stack (args map bit 0)
        mem.write64(hi - 24, hi - 60); // arg word 1: a scalar
        mem.write64(hi - 48, hi - 8); // A's saved frame pointer
        mem.write64(hi - 80, hi - 60); // local word 0: scalar
        mem.write64(hi - 72, hi - 60); // local word 1: pointer
        mem.write64(hi - 88, A + 0x20);
        mem.write64(hi - 96, B + 8);
        return hi - 96;
    }

    private static G running(GoRuntime rt, long entry) {
        G g = rt.newproc(rt.p(0), rt.newFuncval(entry, new byte[0]), 0);
        rt.execute(rt.p(0), g);
        return g;
    }

    @Test
    void growthDoublesAndAdjustsExactlyWhatGoAdjusts() {
        GoRuntime rt = runtime(StackMap.of(4, 1));
        G g = running(rt, A);
        long oldHi = g.stackHi();
        long sp = buildFrames(rt, g);
        NewstackResult r = rt.morestack(rt.p(0), g, sp, oldHi - 48, 0x1234);

        // newstack: newsize = 2*2048; B's maxSpDelta 16 + _StackGuard 928 fits beside used = 88.
        assertThat(g.stack().size()).isEqualTo(4096);
        long hi = g.stackHi();
        var mem = rt.memory();
        assertThat(r).isEqualTo(new NewstackResult.Resume(B + 8, hi - 88, hi - 48, 0x1234));
        assertThat(g.stackguard0()).isEqualTo(g.stackLo() + 928);
        // the used 88 bytes moved; pointers by the maps moved with them, scalars did not
        assertThat(mem.read64(hi - 40)).isEqualTo(FakeFuncs.GOEXIT + 1);
        assertThat(mem.read64(hi - 88)).isEqualTo(A + 0x20);
        assertThat(mem.read64(hi - 72)).isEqualTo(hi - 60);
        assertThat(mem.read64(hi - 80)).isEqualTo(oldHi - 60);
        assertThat(mem.read64(hi - 48)).isEqualTo(hi - 8); // saved BP: argp - varp == 16
        assertThat(mem.read64(hi - 32)).isEqualTo(hi - 60);
        assertThat(mem.read64(hi - 24)).isEqualTo(oldHi - 60);
        assertThat(g.stktopsp()).isEqualTo(hi - 32);
        assertThat(rt.stats().growths()).isEqualTo(1);
        assertThat(rt.stats().bytesCopied()).isEqualTo(88);
    }

    @Test
    void aFrameWithLocalsButNoLocalMapIsMissingStackmap() {
        GoRuntime rt = runtime(null);
        G g = running(rt, A);
        long sp = buildFrames(rt, g);
        assertThatThrownBy(() -> rt.morestack(rt.p(0), g, sp, 0, 0))
                .isInstanceOfSatisfying(GoThrow.class, t -> {
                    // getStackMap: A's frame on the new stack has 32 bytes of locals below varp.
                    long hi = g.stackHi();
                    assertThat(t.stderr()).isEqualTo("runtime: frame main.A untyped locals 0x"
                            + Long.toHexString(hi - 80) + "+0x20\nfatal error: missing stackmap\n");
                });
    }

    @Test
    void aGigabyteRequestIsAStackOverflow() {
        // main.huge needs 600000000 + 928 bytes: doubling 4 KB reaches 1<<30 > maxstacksize 1e9.
        GoRuntime rt = runtime(null);
        G g = running(rt, HUGE);
        long hi = g.stackHi();
        long sp = hi - 48;
        rt.memory().write64(sp, HUGE + 8);
        assertThatThrownBy(() -> rt.morestack(rt.p(0), g, sp, 0, 0))
                .isInstanceOfSatisfying(GoThrow.class, t -> assertThat(t.stderr()).isEqualTo(
                        "runtime: goroutine stack exceeds 1000000000-byte limit\n"
                                + "runtime: sp=0x" + Long.toHexString(hi - 48) + " stack=[0x"
                                + Long.toHexString(hi - 2048) + ", 0x" + Long.toHexString(hi) + "]\n"
                                + "fatal error: stack overflow\n"));
    }

    @Test
    void halfAGigabyteIsAllowedAndCostsOnlyWhatIsUsed() {
        // With maxSpDelta 300 MB the doubling stops at 512 MB (< 1e9); only the used bytes are copied.
        FakeFuncs funcs = new FakeFuncs().add(new FakeFuncs.Fn("main.big", HUGE, HUGE + 0x100, 0,
                HUGE + 0x100, 300_000_000, 0, FuncId.NORMAL, null, null));
        GoRuntime rt = new GoRuntime(RuntimeConfig.of(1, funcs, FakeFuncs.GOEXIT));
        G g = running(rt, HUGE);
        long sp = g.stackHi() - 48;
        rt.memory().write64(sp, HUGE + 8);
        rt.morestack(rt.p(0), g, sp, 0, 0);
        assertThat(g.stack().size()).isEqualTo(1L << 29);
        assertThat(rt.stats().stackInuse()).isGreaterThanOrEqualTo(1L << 29);
        assertThat(rt.memory().committedBytes()).isLessThan(1 << 20);
    }

    @Test
    void morestackOnG0Aborts() {
        GoRuntime rt = runtime(null);
        assertThatThrownBy(() -> rt.morestack(rt.p(0), rt.m0().g0(), 0x7fff0000L, 0, 0))
                .isInstanceOfSatisfying(GoThrow.class, t -> {
                    assertThat(t.isAbort()).isTrue();
                    assertThat(t.stderr()).isEqualTo("fatal: morestack on g0\n");
                });
    }

    @Test
    void growthInASyscallIsFatal() {
        GoRuntime rt = runtime(StackMap.of(4, 1));
        G g = running(rt, A);
        g.setSyscallsp(g.stackHi() - 40);
        long sp = g.stackHi() - 48;
        rt.memory().write64(sp, B + 8);
        g.setThrowsplit(false);
        assertThatThrownBy(() -> rt.morestack(rt.p(0), g, sp, 0, 0))
                .isInstanceOfSatisfying(GoThrow.class,
                        t -> assertThat(t.goMessage()).isEqualTo("stack growth not allowed in system call"));
    }

    @Test
    void aPreemptRequestYieldsInsteadOfGrowing() {
        // newstack: stackguard0 == stackPreempt → gopreempt_m: runnable, on the global run queue.
        GoRuntime rt = runtime(StackMap.of(4, 1));
        G g = running(rt, A);
        long sp = buildFrames(rt, g);
        g.setStackguard0(-1314L /* stackPreempt: uintptrMask & -1314 (stack.go) */);
        NewstackResult r = rt.morestack(rt.p(0), g, sp, 0, 0);
        assertThat(r).isEqualTo(new NewstackResult.Preempted(g));
        assertThat(g.status()).isEqualTo(GStatus.RUNNABLE);
        assertThat(g.stack().size()).isEqualTo(2048);
        assertThat(rt.globalRunQueue()).containsExactly(g);
        // resumed later: execute resets stackguard0 and returns the saved registers
        Gobuf resume = rt.execute(rt.p(0), rt.globrunqget());
        assertThat(resume.pc()).isEqualTo(B + 8);
        assertThat(resume.sp()).isEqualTo(sp + 8);
    }

    @Test
    void splitStackOverflowBelowLo() {
        GoRuntime rt = runtime(null);
        G g = running(rt, B);
        long sp = g.stackLo() - 16; // sched.sp - 8 < lo
        rt.memory().write64(sp, B + 8);
        assertThatThrownBy(() -> rt.morestack(rt.p(0), g, sp, 0, 0))
                .isInstanceOfSatisfying(GoThrow.class, t -> {
                    assertThat(t.goMessage()).isEqualTo("runtime: split stack overflow");
                    assertThat(t.stderr()).contains("runtime: split stack overflow: 0x"
                            + Long.toHexString(g.stackLo() - 16) + " < 0x" + Long.toHexString(g.stackLo()) + "\n");
                });
    }
}
