package goasm.run;

import goasm.runtime.FuncTable;
import goasm.runtime.G;
import goasm.runtime.GoRuntime;
import goasm.runtime.P;
import goasm.runtime.RuntimeConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The run queues as Go 1.19's proc.go orders them (runqput, runqputslow, schedule, globrunqget). */
class SchedulerTest {
    private static final long TEXT = 0x401000;

    private final GoRuntime runtime = new GoRuntime(RuntimeConfig.of(1, FuncTable.EMPTY, TEXT));
    private final P p = runtime.p(0);
    private final Scheduler scheduler = new Scheduler(runtime);

    private G newG() {
        return runtime.newproc(p, runtime.newFuncval(TEXT, new byte[0]), TEXT);
    }

    @Test
    void runnextKicksTheOldOneToTheLocalQueueTail() {
        // runqput(next=true): the new G takes runnext, the previous runnext goes to the tail.
        G a = newG();
        G b = newG();
        scheduler.queue(p).schedtick = 1; // not a global-queue check tick
        scheduler.runqput(p, a, true);
        scheduler.runqput(p, b, true);
        Scheduler.Pick first = scheduler.next(p);
        assertThat(first.g()).isSameAs(b);
        assertThat(first.inheritTime()).isTrue(); // runnext inherits the time slice
        Scheduler.Pick second = scheduler.next(p);
        assertThat(second.g()).isSameAs(a);
        assertThat(second.inheritTime()).isFalse();
        assertThat(scheduler.next(p)).isNull();
    }

    @Test
    void aFullLocalQueueSendsHalfOfItselfAndTheNewGToTheGlobalQueue() {
        // runqputslow: the first 128 of the 256 queued, then gp, go to the global queue.
        List<G> gs = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            gs.add(newG());
            scheduler.runqput(p, gs.get(i), false);
        }
        List<G> global = runtime.globalRunQueue();
        assertThat(global).hasSize(129);
        assertThat(global.get(0)).isSameAs(gs.get(0));
        assertThat(global.get(127)).isSameAs(gs.get(127));
        assertThat(global.get(128)).isSameAs(gs.get(256));
        assertThat(scheduler.queue(p).runq).hasSize(128);
        assertThat(scheduler.queue(p).runq.peekFirst()).isSameAs(gs.get(128));
    }

    @Test
    void everySixtyFirstTickLooksAtTheGlobalQueueFirst() {
        G local = newG();
        G global = newG();
        scheduler.runqput(p, local, true);
        runtime.globrunqput(global);
        scheduler.queue(p).schedtick = 61; // schedtick % 61 == 0
        assertThat(scheduler.next(p).g()).isSameAs(global);
        scheduler.queue(p).schedtick = 62;
        runtime.globrunqput(global);
        assertThat(scheduler.next(p).g()).isSameAs(local);
    }

    @Test
    void anEmptyLocalQueueTakesABatchFromTheGlobalQueue() {
        // globrunqget(p, 0) with one P: n = min(size, size/1 + 1) = 10, one to run, nine to the local queue.
        List<G> gs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            gs.add(newG());
            runtime.globrunqput(gs.get(i));
        }
        scheduler.queue(p).schedtick = 1;
        assertThat(scheduler.next(p).g()).isSameAs(gs.get(0));
        assertThat(runtime.globalRunqSize()).isZero();
        assertThat(scheduler.queue(p).runq).containsExactlyElementsOf(gs.subList(1, 10));
    }

    @Test
    void semaphoreWaitersWakeInArrivalOrder() {
        // semacquire queues waiters FIFO per address (lifo=false); semrelease dequeues the first.
        G a = newG();
        G b = newG();
        scheduler.waitOnSemaphore(0xc000001000L, a);
        scheduler.waitOnSemaphore(0xc000001000L, b);
        assertThat(scheduler.wakeOne(0xc000002000L)).isNull();
        assertThat(scheduler.wakeOne(0xc000001000L)).isSameAs(a);
        assertThat(scheduler.wakeOne(0xc000001000L)).isSameAs(b);
        assertThat(scheduler.wakeOne(0xc000001000L)).isNull();
    }

    /** Three Ps: 0 runs and queues work, 1 and 2 are idle. */
    private final GoRuntime runtime3 = new GoRuntime(RuntimeConfig.of(3, FuncTable.EMPTY, TEXT));
    private final Scheduler scheduler3 = new Scheduler(runtime3);

    private G newG3() {
        return runtime3.newproc(runtime3.p(0), runtime3.newFuncval(TEXT, new byte[0]), TEXT);
    }

    @Test
    void anIdlePStealsTheOlderHalfRoundedUpAndRunsTheLastOneTaken() {
        // runqgrab: n = 5 - 5/2 = 3, the three at the head; runqsteal runs the last of them and
        // queues the other two on the thief.
        P p0 = runtime3.p(0);
        P p1 = runtime3.p(1);
        List<G> gs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            gs.add(newG3());
            scheduler3.runqput(p0, gs.get(i), false);
        }
        scheduler3.queue(p1).schedtick = 1;
        Scheduler.Pick pick = scheduler3.findRunnable(p1);
        assertThat(pick.g()).isSameAs(gs.get(2));
        assertThat(pick.inheritTime()).isFalse();
        assertThat(scheduler3.queue(p1).runq).containsExactly(gs.get(0), gs.get(1));
        assertThat(scheduler3.queue(p0).runq).containsExactly(gs.get(3), gs.get(4));
    }

    @Test
    void runnextIsStolenOnlyFromARunningPAndOnlyWhenItsQueueIsEmpty() {
        // stealWork passes stealRunNextG only on its last try, and runqgrab takes runnext only
        // when the victim's queue is empty and the victim P is running.
        P p0 = runtime3.p(0);
        P p2 = runtime3.p(2);
        G next = newG3();
        scheduler3.runqput(p0, next, true);
        scheduler3.queue(p2).schedtick = 1;
        assertThat(scheduler3.findRunnable(p2)).isNull(); // P0 is not running a G
        G main = newG3();
        scheduler3.setRunning(scheduler3.queue(p0), main);
        assertThat(scheduler3.findRunnable(p2).g()).isSameAs(next);
        assertThat(scheduler3.queue(p0).runnext).isNull();
    }

    @Test
    void theThiefLooksAtTheFollowingPsInOrder() {
        // P1 looks at P2 before P0 (the fixed order that stands in for Go's random order).
        P p0 = runtime3.p(0);
        P p1 = runtime3.p(1);
        P p2 = runtime3.p(2);
        G onP0 = newG3();
        G onP2 = newG3();
        scheduler3.runqput(p0, onP0, false);
        scheduler3.runqput(p2, onP2, false);
        scheduler3.queue(p1).schedtick = 1;
        assertThat(scheduler3.findRunnable(p1).g()).isSameAs(onP2);
        assertThat(scheduler3.findRunnable(p1).g()).isSameAs(onP0);
    }

    @Test
    void withThreePsAnIdlePTakesAThirdOfTheGlobalQueuePlusOne() {
        // globrunqget: n = min(len, len/gomaxprocs + 1) = 9/3 + 1 = 4: one runs, three to the local queue.
        List<G> gs = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            gs.add(newG3());
            runtime3.globrunqput(gs.get(i));
        }
        P p1 = runtime3.p(1);
        scheduler3.queue(p1).schedtick = 1;
        assertThat(scheduler3.findRunnable(p1).g()).isSameAs(gs.get(0));
        assertThat(scheduler3.queue(p1).runq).containsExactlyElementsOf(gs.subList(1, 4));
        assertThat(runtime3.globalRunqSize()).isEqualTo(5);
    }

    /** Ten thousand Ps, as `--gomaxprocs 10000`. */
    private final GoRuntime runtimeMany = new GoRuntime(RuntimeConfig.of(10_000, FuncTable.EMPTY, TEXT));
    private final Scheduler schedulerMany = new Scheduler(runtimeMany);

    @Test
    void theNextTurnGoesToABusyPAndSkipsTheIdleOnes() {
        P p5 = runtimeMany.p(5);
        P p9000 = runtimeMany.p(9000);
        P p7 = runtimeMany.p(7);
        G running = runtimeMany.newproc(p9000, runtimeMany.newFuncval(TEXT, new byte[0]), TEXT);
        assertThat(schedulerMany.nextTurn(p5)).isNull(); // nothing anywhere: every other P idles
        schedulerMany.setRunning(schedulerMany.queue(p9000), running);
        // P 9000 runs a goroutine; the idle Ps between would find nothing.
        assertThat(schedulerMany.nextTurn(p5)).isSameAs(p9000);
        // From P 9000 the circle wraps around to P 5 ... but P 5 is idle too: P 9000 keeps the CPU.
        assertThat(schedulerMany.nextTurn(p9000)).isNull();
        // A goroutine queued on P 7: the first P after 5 with work.
        G queued = runtimeMany.newproc(p7, runtimeMany.newFuncval(TEXT, new byte[0]), TEXT);
        schedulerMany.runqput(p7, queued, false);
        assertThat(schedulerMany.nextTurn(p5)).isSameAs(runtimeMany.p(6)); // idle P 6 would steal it
        assertThat(schedulerMany.nextTurn(p7)).isSameAs(runtimeMany.p(8));
    }

    @Test
    void anIdlePGetsATurnWhenTheGlobalQueueHasWork() {
        P p0 = runtimeMany.p(0);
        G gp = runtimeMany.newproc(p0, runtimeMany.newFuncval(TEXT, new byte[0]), TEXT);
        runtimeMany.globrunqput(gp);
        assertThat(schedulerMany.nextTurn(runtimeMany.p(9999))).isSameAs(p0);
        assertThat(schedulerMany.nextTurn(p0)).isSameAs(runtimeMany.p(1));
        // The idle P that takes the turn finds the goroutine (the global queue, then stealing).
        schedulerMany.queue(runtimeMany.p(1)).schedtick = 1;
        assertThat(schedulerMany.findRunnable(runtimeMany.p(1)).g()).isSameAs(gp);
        assertThat(schedulerMany.nextTurn(p0)).isNull();
    }
}
