package goasm.run;

import goasm.runtime.FuncTable;
import goasm.runtime.G;
import goasm.runtime.GoRuntime;
import goasm.runtime.P;
import goasm.runtime.RuntimeConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The next P to get the CPU, as {@link Scheduler#nextTurn} finds it from the sets of busy and
 * queued Ps, is the one the full scan finds: every other P in id order after the current one,
 * each either resuming its running goroutine or looking for one with findRunnable (its own
 * queue, the global queue, stealing), the first that has something to do.
 */
class SchedulerProperties {
    private static final long TEXT = 0x401000;

    /** What one P has: a running goroutine, a runnext, and how many goroutines in its local queue. */
    record PState(boolean running, boolean runnext, int queued) {
    }

    record World(List<PState> ps, int global, int from) {
    }

    @Provide
    Arbitrary<World> worlds() {
        // Mostly idle Ps, so that the idle ones matter.
        Arbitrary<PState> p = Combinators.combine(Arbitraries.integers().between(0, 5).map(i -> i == 0),
                Arbitraries.integers().between(0, 5).map(i -> i == 0),
                Arbitraries.integers().between(0, 12).map(i -> i < 10 ? 0 : i - 9)).as(PState::new);
        return p.list().ofMinSize(1).ofMaxSize(12).flatMap(ps -> Combinators.combine(
                Arbitraries.integers().between(0, 6).map(i -> i < 5 ? 0 : i - 4),
                Arbitraries.integers().between(0, ps.size() - 1)).as((global, from) -> new World(ps, global, from)));
    }

    private record Built(GoRuntime runtime, Scheduler scheduler) {
    }

    /** The world, built identically each time; the P the turn comes from runs nothing (it just stopped). */
    private static Built build(World w) {
        GoRuntime runtime = new GoRuntime(RuntimeConfig.of(w.ps().size(), FuncTable.EMPTY, TEXT));
        Scheduler scheduler = new Scheduler(runtime);
        for (int i = 0; i < w.ps().size(); i++) {
            P p = runtime.p(i);
            PState s = w.ps().get(i);
            if (s.running() && i != w.from()) {
                scheduler.setRunning(scheduler.queue(p), newG(runtime, p));
            }
            if (s.runnext()) {
                scheduler.runqput(p, newG(runtime, p), true);
            }
            for (int k = 0; k < s.queued(); k++) {
                scheduler.runqput(p, newG(runtime, p), false);
            }
            scheduler.queue(p).schedtick = 1; // not a global-queue check tick
        }
        for (int k = 0; k < w.global(); k++) {
            runtime.globrunqput(newG(runtime, runtime.p(0)));
        }
        return new Built(runtime, scheduler);
    }

    private static G newG(GoRuntime runtime, P p) {
        return runtime.newproc(p, runtime.newFuncval(TEXT, new byte[0]), TEXT);
    }

    /** What the P found: the goid of the goroutine it runs or found, or null. */
    private record Found(int p, long goid) {
    }

    /**
     * The full scan as the scheduler made it before it kept the busy set: the first P after
     * from that runs a goroutine, or finds one in its own queue or the global one (next), or by
     * stealing: four passes over every other P in id order, the last taking a running P's runnext.
     */
    private static Found scan(Built b, int from) {
        Scheduler s = b.scheduler();
        int n = s.procs();
        for (int i = 1; i < n; i++) {
            P p = b.runtime().p((from + i) % n);
            if (s.queue(p).running != null) {
                return new Found(p.id(), s.queue(p).running.goid());
            }
            Scheduler.Pick pick = s.next(p);
            if (pick != null) {
                return new Found(p.id(), pick.g().goid());
            }
            for (int pass = 0; pass < Scheduler.STEAL_TRIES; pass++) {
                for (int k = 1; k < n; k++) {
                    Scheduler.Queue victim = s.queue(b.runtime().p((p.id() + k) % n));
                    G gp = s.runqsteal(s.queue(p), victim,
                            pass == Scheduler.STEAL_TRIES - 1 && victim.running != null);
                    if (gp != null) {
                        return new Found(p.id(), gp.goid());
                    }
                }
            }
        }
        return null;
    }

    @Property(tries = 2000)
    void theNextTurnAndWhatItFindsAreTheFullScans(@ForAll("worlds") World w) {
        Found expected = scan(build(w), w.from());
        Built b = build(w);
        Scheduler s = b.scheduler();
        P next = s.nextTurn(b.runtime().p(w.from()));
        Found actual = null;
        if (next != null) {
            G running = s.queue(next).running;
            actual = new Found(next.id(), running != null ? running.goid() : s.findRunnable(next).g().goid());
        }
        assertThat(actual).as("%s", w).isEqualTo(expected);
    }
}
