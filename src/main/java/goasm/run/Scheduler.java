package goasm.run;

import goasm.runtime.G;
import goasm.runtime.GStatus;
import goasm.runtime.GoRuntime;
import goasm.runtime.P;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Go's scheduler (the same in every supported release): each P has a local run queue of 256 with a runnext slot; the global run
 * queue is the runtime's; findRunnable looks at the global queue every 61st tick, then runnext,
 * the local queue, a batch from the global queue, and finally steals half of another P's queue.
 * Semaphores park goroutines in FIFO order per address, as semacquire does.
 *
 * <p>Go visits the other Ps in a random order when stealing; here the order is fixed (the Ps after
 * the thief, in id order, wrapping around) so that runs are reproducible.
 *
 * <p>Idle Ps cost nothing, as in Go, where an idle P sits on the idle list until wakep hands it
 * to a spinning M: the scheduler keeps the set of Ps that run or queue a goroutine, stealing
 * looks only at Ps with queued goroutines, and the next P to get the CPU is found among the
 * busy ones, or is the first idle one when there is work an idle P would find.
 */
final class Scheduler {
    /** len(p.runq). */
    static final int LOCAL_QUEUE_SIZE = 256;
    /** schedule() checks the global queue once in this many ticks, for fairness. */
    static final int GLOBAL_CHECK_TICKS = 61;
    /** stealWork makes this many passes over the other Ps; only the last may take a runnext. */
    static final int STEAL_TRIES = 4;

    /** A P's share of the scheduler. */
    static final class Queue {
        final P p;
        final ArrayDeque<G> runq = new ArrayDeque<>();
        G runnext;
        long schedtick;
        /** The G the P runs (m.curg of its M), null while the P is idle; set through {@link #setRunning}. */
        G running;

        Queue(P p) {
            this.p = p;
        }
    }

    /** The G schedule() picked, and whether it inherits the current time slice (it came from runnext). */
    record Pick(G g, boolean inheritTime) {
    }

    private final GoRuntime runtime;
    private final Queue[] queues;
    private final Map<Long, ArrayDeque<G>> semaWaiters = new HashMap<>();
    /** Why each waiting G waits, as tracebacks print it ("semacquire"). */
    private final Map<G, String> waitReasons = new IdentityHashMap<>();
    /** Ps (by id) whose runnext or local run queue holds a goroutine. */
    private final BitSet queued = new BitSet();
    /** Ps (by id) that run a goroutine or have one queued: the others are idle. */
    private final BitSet busy = new BitSet();

    Scheduler(GoRuntime runtime) {
        this.runtime = runtime;
        queues = new Queue[runtime.ps().size()];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new Queue(runtime.p(i));
        }
    }

    Queue queue(P p) {
        return queues[p.id()];
    }

    /** The P's M runs gp now (null: the P has stopped running a goroutine). */
    void setRunning(Queue q, G gp) {
        q.running = gp;
        update(q);
    }

    /** Keeps the busy and queued sets in step with q's queue and running goroutine. */
    private void update(Queue q) {
        int id = q.p.id();
        boolean hasQueued = q.runnext != null || !q.runq.isEmpty();
        queued.set(id, hasQueued);
        busy.set(id, hasQueued || q.running != null);
    }

    /**
     * The P that gets the CPU after from (whose own state the caller has dealt with): the first,
     * in id order after from and wrapping around, that runs or queues a goroutine, or that is
     * idle when an idle P looking for work would find some (in the global queue, or to steal);
     * null when no other P has anything to do. Later idle Ps would find what the first finds.
     */
    P nextTurn(P from) {
        int id = from.id();
        int candidate = circularNext(busy, true, id);
        if (idleWouldFindWork()) {
            int idle = circularNext(busy, false, id);
            if (idle >= 0 && (candidate < 0 || distance(id, idle) < distance(id, candidate))) {
                candidate = idle;
            }
        }
        return candidate < 0 ? null : queues[candidate].p;
    }

    private int distance(int from, int to) {
        return Math.floorMod(to - from, queues.length);
    }

    /** The first P after from (wrapping, from excluded) whose bit in set is the given value, or -1. */
    private int circularNext(BitSet set, boolean value, int from) {
        int n = queues.length;
        int i = value ? set.nextSetBit(from + 1) : set.nextClearBit(from + 1);
        if (i < 0 || i >= n) {
            i = value ? set.nextSetBit(0) : set.nextClearBit(0);
        }
        return i < 0 || i >= n || i == from ? -1 : i;
    }

    /** Whether findRunnable on an idle P would find a goroutine: in the global queue, or one to steal. */
    private boolean idleWouldFindWork() {
        if (runtime.globalRunqSize() > 0) {
            return true;
        }
        for (int i = queued.nextSetBit(0); i >= 0; i = queued.nextSetBit(i + 1)) {
            Queue q = queues[i];
            if (!q.runq.isEmpty() || q.running != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * runqput: with next, gp takes runnext and the G there before goes to the local queue's
     * tail; a full local queue sends half of itself and gp to the global queue (runqputslow).
     */
    void runqput(P p, G gp, boolean next) {
        Queue q = queue(p);
        putLocal(q, gp, next);
        update(q);
    }

    private void putLocal(Queue q, G gp, boolean next) {
        if (next) {
            G old = q.runnext;
            q.runnext = gp;
            if (old == null) {
                return;
            }
            gp = old;
        }
        if (q.runq.size() < LOCAL_QUEUE_SIZE) {
            q.runq.addLast(gp);
            return;
        }
        for (int i = 0; i < LOCAL_QUEUE_SIZE / 2; i++) {
            runtime.globrunqput(q.runq.pollFirst());
        }
        runtime.globrunqput(gp);
    }

    int procs() {
        return queues.length;
    }

    /**
     * findRunnable's choice for p, or null when nothing is runnable anywhere p can look: the
     * global queue on every 61st tick, runnext, the local queue, a batch of the global queue,
     * then stealing from the other Ps.
     */
    Pick findRunnable(P p) {
        Pick local = next(p);
        if (local != null) {
            return local;
        }
        G stolen = stealWork(queue(p));
        return stolen == null ? null : new Pick(stolen, false);
    }

    /** p's own choice (without stealing), or null when p and the global queue have nothing. */
    Pick next(P p) {
        Queue q = queue(p);
        Pick pick = nextLocal(q);
        update(q);
        return pick;
    }

    private Pick nextLocal(Queue q) {
        if (q.schedtick % GLOBAL_CHECK_TICKS == 0 && runtime.globalRunqSize() > 0) {
            G gp = globrunqget(q, 1);
            if (gp != null) {
                return new Pick(gp, false);
            }
        }
        if (q.runnext != null) {
            G gp = q.runnext;
            q.runnext = null;
            return new Pick(gp, true);
        }
        G gp = q.runq.pollFirst();
        if (gp != null) {
            return new Pick(gp, false);
        }
        gp = globrunqget(q, 0);
        return gp == null ? null : new Pick(gp, false);
    }

    /**
     * stealWork: passes over the other Ps, stealing half of the first non-empty local queue; on
     * the last pass a running P's runnext may be taken too (Go first sleeps 3µs to let its owner
     * schedule it; here the owner is between instructions and cannot).
     */
    private G stealWork(Queue thief) {
        int id = thief.p.id();
        for (int pass = 0; pass < STEAL_TRIES; pass++) {
            boolean takeRunnext = pass == STEAL_TRIES - 1;
            // Only Ps with queued goroutines have anything to steal; in order after the thief.
            for (int i = circularNext(queued, true, id); i >= 0; i = afterInCircle(i, id)) {
                Queue victim = queues[i];
                G gp = runqsteal(thief, victim, takeRunnext && victim.running != null);
                if (gp != null) {
                    return gp;
                }
            }
        }
        return null;
    }

    /** The queued P after i in the circle that starts after from, or -1 once the circle is done. */
    private int afterInCircle(int i, int from) {
        int next = circularNext(queued, true, i);
        return next < 0 || distance(from, next) <= distance(from, i) ? -1 : next;
    }

    /**
     * runqsteal: runqgrab takes the older half (rounded up) of victim's queue, or its runnext when
     * the queue is empty and that is allowed; the thief runs the last G taken and queues the rest.
     */
    G runqsteal(Queue thief, Queue victim, boolean takeRunnext) {
        int n = victim.runq.size();
        n -= n / 2;
        if (n == 0) {
            if (!takeRunnext || victim.runnext == null) {
                return null;
            }
            G gp = victim.runnext;
            victim.runnext = null;
            update(victim);
            return gp;
        }
        for (int i = 0; i < n - 1; i++) {
            thief.runq.addLast(victim.runq.pollFirst());
        }
        G gp = victim.runq.pollFirst();
        update(thief);
        update(victim);
        return gp;
    }

    /** globrunqget: one G to run, and up to a fair share of the rest moved to the local queue. */
    private G globrunqget(Queue q, int max) {
        int size = runtime.globalRunqSize();
        if (size == 0) {
            return null;
        }
        int n = Math.min(size, size / queues.length + 1);
        if (max > 0 && n > max) {
            n = max;
        }
        n = Math.min(n, LOCAL_QUEUE_SIZE / 2);
        G gp = runtime.globrunqget();
        for (int i = 1; i < n; i++) {
            q.runq.addLast(runtime.globrunqget());
        }
        return gp;
    }

    /** A running G parks for reason (its registers already saved in sched). */
    void park(G gp, String reason) {
        runtime.park(gp, GStatus.WAITING);
        waitReasons.put(gp, reason);
    }

    /** ready: a waiting G becomes runnable in p's runnext. */
    void ready(P p, G gp) {
        waitReasons.remove(gp);
        gp.setStatus(GStatus.RUNNABLE);
        runqput(p, gp, true);
    }

    void waitOnSemaphore(long addr, G gp) {
        semaWaiters.computeIfAbsent(addr, a -> new ArrayDeque<>()).addLast(gp);
    }

    /** The longest waiter on the semaphore at addr, or null. */
    G wakeOne(long addr) {
        ArrayDeque<G> q = semaWaiters.get(addr);
        if (q == null) {
            return null;
        }
        G gp = q.pollFirst();
        if (q.isEmpty()) {
            semaWaiters.remove(addr);
        }
        return gp;
    }

    /** The status word a traceback prints for gp ("running", "runnable", "semacquire"). */
    String statusText(G gp) {
        return switch (gp.status()) {
            case RUNNING -> "running";
            case RUNNABLE -> "runnable";
            case WAITING -> waitReasons.getOrDefault(gp, "waiting");
            case DEAD -> "dead";
            default -> gp.status().name().toLowerCase();
        };
    }
}
