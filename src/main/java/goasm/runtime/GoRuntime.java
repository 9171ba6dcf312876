package goasm.runtime;

import goasm.release.RuntimeLayout;
import goasm.release.StackRules;
import goasm.runtime.memory.GuestMemory;
import goasm.runtime.memory.PageHeap;
import goasm.runtime.memory.Span;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static goasm.runtime.Amd64.MIN_FRAME_SIZE;
import static goasm.runtime.Amd64.PTR_SIZE;

/**
 * Go's goroutine stack runtime, as the configured release lays out its structures and sizes
 * its stacks, over a simulated guest address space: Gs and their
 * stacks (newproc1, malg, gfput, gfget, goexit0), stack growth (morestack, newstack,
 * copystack), shrinking at GC (scanstack, shrinkstack, freeStackSpans), statistics and events.
 *
 * <p>One M runs everything; methods that Go runs "on the current P" take that P. Fatal
 * runtime errors are thrown as {@link GoThrow} with the text Go prints.
 */
public final class GoRuntime {
    /** Top of the main thread's stack, which is m0's g0 stack (an OS stack, not from the heap). */
    public static final long G0_STACK_HI = 0x7fff_ffff_0000L;
    /** rt0_go gives g0 64 KB less 104 bytes below the entry SP. */
    public static final long G0_STACK_SIZE = 64 * 1024 - 104;

    private final RuntimeConfig config;
    /** The release's structure offsets and stack rules. */
    private final RuntimeLayout layout;
    private final RuntimeLayout.GFields gf;
    private final RuntimeLayout.GobufFields bf;
    private final StackRules rules;
    private final GuestMemory mem;
    private final PageHeap heap;
    private final StackAllocator stacks;
    private final StackWalker walker;
    private final List<P> ps = new ArrayList<>();
    private final M m0;
    private final List<G> allgs = new ArrayList<>();
    // allgs by the address of each g structure: newstack finds morebuf.g without a scan
    private final Map<Long, G> gsByAddr = new HashMap<>();
    // sched.gFree: Gs with and without stacks, each a LIFO list
    private final ArrayDeque<G> globalFreeWithStack = new ArrayDeque<>();
    private final ArrayDeque<G> globalFreeNoStack = new ArrayDeque<>();
    private final ArrayDeque<G> globalRunq = new ArrayDeque<>();
    private long goidgen;
    private long startingStackSize;
    private final List<RuntimeListener> listeners = new CopyOnWriteArrayList<>();

    // object allocation for g, m and funcval structures (never freed, like allgs)
    private Span objectSpan;
    private long objectNext;

    private long growths;
    private long shrinks;
    private long bytesCopied;
    private long gsCreated;
    private long gsReused;
    private int gcCycles;

    public GoRuntime(RuntimeConfig config) {
        this(config, new GuestMemory());
    }

    /** A runtime over the given guest memory (shared with the interpreter that runs the program). */
    public GoRuntime(RuntimeConfig config, GuestMemory memory) {
        this.config = config;
        this.layout = config.layout();
        this.gf = layout.g();
        this.bf = layout.gobuf();
        this.rules = config.rules();
        this.startingStackSize = rules.fixedStack();
        this.mem = memory;
        this.heap = new PageHeap(memory);
        this.stacks = new StackAllocator(heap, rules, this::emit);
        this.walker = new StackWalker(mem, config.funcs());
        for (int i = 0; i < config.procs(); i++) {
            ps.add(new P(i, rules.numStackOrders()));
        }
        // m0.g0 runs on the thread's own stack; like mstart, guard at lo + _StackGuard.
        G g0 = newG();
        g0.setStack(new Stack(G0_STACK_HI - G0_STACK_SIZE, G0_STACK_HI));
        g0.setStackguard0(G0_STACK_HI - G0_STACK_SIZE + rules.stackGuard());
        g0.setStackguard1(G0_STACK_HI - G0_STACK_SIZE + rules.stackGuard());
        g0.setStatus(GStatus.RUNNING);
        m0 = new M(allocObject(layout.mAllocSize()), mem, g0, layout);
        g0.setField(gf.m(), m0.addr());
        m0.p = ps.get(0);
    }

    // ---------------------------------------------------------------- accessors

    public RuntimeConfig config() {
        return config;
    }

    public GuestMemory memory() {
        return mem;
    }

    public PageHeap heap() {
        return heap;
    }

    public StackAllocator stackAllocator() {
        return stacks;
    }

    public StackWalker walker() {
        return walker;
    }

    public P p(int id) {
        return ps.get(id);
    }

    public List<P> ps() {
        return Collections.unmodifiableList(ps);
    }

    public M m0() {
        return m0;
    }

    /** Every G ever created except g0 (Go's allgs), in creation order. */
    public List<G> allgs() {
        return Collections.unmodifiableList(allgs.subList(1, allgs.size()));
    }

    public long startingStackSize() {
        return startingStackSize;
    }

    /** Dead Gs on the global lists: (with stack, without stack). */
    public int globalFreeWithStack() {
        return globalFreeWithStack.size();
    }

    public int globalFreeNoStack() {
        return globalFreeNoStack.size();
    }

    public void addListener(RuntimeListener l) {
        listeners.add(l);
    }

    public void removeListener(RuntimeListener l) {
        listeners.remove(l);
    }

    /** Whether anyone listens: the hot paths make no event objects when no one does. */
    private boolean listened() {
        return !listeners.isEmpty();
    }

    private void emit(RuntimeEvent e) {
        for (RuntimeListener l : listeners) {
            l.on(e);
        }
    }

    /** Which stack cache the M uses when it runs on p (Go: m.p, m.preemptoff, stackNoCache). */
    private StackCache cacheFor(P p) {
        if (config.stackNoCache() || p == null || !m0.preemptoff.isEmpty()) {
            return null;
        }
        return p.stackCache;
    }

    /** stackalloc on behalf of code running on p (null: no P). */
    public Stack stackalloc(P p, long n) {
        return stacks.alloc(n, cacheFor(p));
    }

    /** stackfree on behalf of code running on p (null: no P). */
    public void stackfree(P p, Stack stk) {
        stacks.free(stk, cacheFor(p));
    }

    // ---------------------------------------------------------------- objects

    /** Allocates a zeroed, 16-byte aligned object in the guest heap (never freed). */
    public long allocObject(long size) {
        size = (size + 15) & ~15L;
        if (size > PageHeap.PAGE_SIZE) {
            Span s = heap.allocHeap((size + PageHeap.PAGE_SIZE - 1) >>> PageHeap.PAGE_SHIFT);
            return s.base();
        }
        if (objectSpan == null || objectNext + size > objectSpan.limit()) {
            objectSpan = heap.allocHeap(1);
            objectNext = objectSpan.base();
        }
        long a = objectNext;
        objectNext += size;
        return a;
    }

    /**
     * A closure for {@link #newproc}: a funcval whose first word is the entry PC, followed by
     * the captured bytes. In Go 1.19 {@code go f(x)} passes its arguments this way: the
     * compiler wraps the call in a closure, and the new goroutine's frame has no argument area.
     */
    public long newFuncval(long entryPc, byte[] captured) {
        long fv = allocObject(PTR_SIZE + captured.length);
        mem.write64(fv, entryPc);
        mem.write(fv + PTR_SIZE, captured);
        return fv;
    }

    private G newG() {
        long addr = allocObject(layout.gAllocSize());
        G g = new G(addr, mem, allgs.size(), layout);
        allgs.add(g);
        gsByAddr.put(addr, g);
        return g;
    }

    // ---------------------------------------------------------------- G lifecycle

    /** malg: a new G with a stack of round2(_StackSystem + stacksize) bytes (none if negative). */
    G malg(P p, int stacksize) {
        G g = newG();
        if (stacksize >= 0) {
            long size = round2(rules.stackSystem() + stacksize);
            Stack stk = stackalloc(p, size);
            g.setStack(stk);
            g.setStackguard0(stk.lo() + rules.stackGuard());
            g.setStackguard1(-1L);
            mem.write64(stk.lo(), 0);
        }
        return g;
    }

    /**
     * newproc/newproc1: starts a goroutine running the closure {@code fn} (a funcval address),
     * on p, created by code at callerPc. The G is runnable; its sched is set so that at its first
     * instruction SP = stack.hi - 40 with goexit+1 as return address, as Go's newproc1 and
     * gostartcallfn build it: 4 words of slack below hi (4*PtrSize + MinFrameSize, aligned), then
     * the pushed return address; DX (ctxt) holds fn.
     */
    public G newproc(P p, long fn, long callerPc) {
        return newproc(p, fn, 0, 0, callerPc, rules.stackMin());
    }

    /**
     * newproc with a new G's stack of stacksize bytes: the main goroutine starts on the stack
     * the runtime's initialisation left it (MainStart), which can be larger than the minimum.
     */
    public G newproc(P p, long fn, long callerPc, int stacksize) {
        return newproc(p, fn, 0, 0, callerPc, stacksize);
    }

    /**
     * Go 1.15's newproc(siz, fn, args...): as newproc, with narg bytes of fn's arguments at argp
     * copied to the top of the new G's stack (above the return address, where fn's 0(FP) is).
     */
    public G newprocWithArgs(P p, long fn, long argp, int narg, long callerPc) {
        return newproc(p, fn, argp, narg, callerPc, rules.stackMin());
    }

    private G newproc(P p, long fn, long argp, int narg, long callerPc, int stacksize) {
        if (fn == 0) {
            throw GoThrow.fatal("go of nil func value");
        }
        // Rounded up to words, signed as Go's int32 siz; room for it, 4 words of slack and the
        // return address must fit in a minimum stack.
        long siz = ((long) narg + 7) & ~7L;
        if (siz >= rules.stackMin() - 4 * PTR_SIZE - PTR_SIZE) {
            throw GoThrow.fatal("newproc: function arguments too large for new goroutine");
        }
        boolean reused = true;
        G newg = gfget(p);
        if (newg == null) {
            newg = malg(p, stacksize);
            newg.setStatus(GStatus.DEAD);
            reused = false;
            gsCreated++;
        } else {
            gsReused++;
        }
        if (newg.stackHi() == 0) {
            throw GoThrow.fatal("newproc1: newg missing stack");
        }
        if (newg.status() != GStatus.DEAD) {
            throw GoThrow.fatal("newproc1: new g is not Gdead");
        }
        long totalSize = 4 * PTR_SIZE + siz + MIN_FRAME_SIZE;
        totalSize = (totalSize + PTR_SIZE - 1) & -PTR_SIZE; // sys.StackAlign is PtrSize on amd64
        long sp = newg.stackHi() - totalSize;
        if (narg > 0) {
            mem.write(sp, mem.read(argp, narg));
        }
        long entry = mem.read64(fn);
        // sched cleared, then gostartcall pushes goexit+PCQuantum as the return address.
        long goexitRet = config.goexitPc() + 1;
        sp -= PTR_SIZE;
        mem.write64(sp, goexitRet);
        newg.setSched(new Gobuf(sp, entry, newg.addr(), fn, 0, 0, 0));
        newg.setField(gf.stktopsp(), sp + PTR_SIZE);
        newg.setField(gf.gopc(), callerPc);
        newg.setParentGoid(m0.curg() == null ? 0 : m0.curg().goid());
        newg.setField(gf.startpc(), entry);
        newg.setStatus(GStatus.RUNNABLE);
        if (p.goidcache == p.goidcacheend) {
            goidgen += rules.goidCacheBatch();
            p.goidcache = goidgen - (rules.goidCacheBatch() - 1);
            p.goidcacheend = p.goidcache + rules.goidCacheBatch();
        }
        newg.setGoid(p.goidcache++);
        if (listened()) {
            emit(new RuntimeEvent.NewProc(newg.goid(), newg.addr(), entry, reused, newg.stack()));
        }
        return newg;
    }

    /**
     * execute: g starts or resumes running on m0 with p. Returns the registers to resume with
     * (gogo(&gp.sched)).
     */
    public Gobuf execute(P p, G g) {
        if (g.status() != GStatus.RUNNABLE) {
            throw GoThrow.fatal("execute: bad g status");
        }
        m0.p = p;
        m0.setCurg(g);
        g.setField(gf.m(), m0.addr());
        g.setStatus(GStatus.RUNNING);
        g.setPreempt(false);
        g.setStackguard0(g.stackLo() + rules.stackGuard());
        return g.sched();
    }

    /**
     * The M turns to p, whose goroutine curg (running, or null while p is idle) continues where
     * it was: Ps take turns on the one M, as if each had its own M.
     */
    public void switchTo(P p, G curg) {
        m0.p = p;
        m0.setCurg(curg);
    }

    /**
     * Parks the running g (its registers already saved in sched) in the given non-running
     * state, as gopark or entersyscall leave it.
     */
    public void park(G g, GStatus status) {
        if (m0.curg() == g) {
            m0.setCurg(null);
        }
        g.setField(gf.m(), 0);
        g.setStatus(status);
    }

    /** goexit1 → goexit0 on p: g is dead and goes to p's free list. */
    public void goexit(P p, G gp) {
        if (gp.status() != GStatus.RUNNING) {
            throw GoThrow.fatal("goexit0: bad g status");
        }
        gp.setStatus(GStatus.DEAD);
        gp.setField(gf.m(), 0);
        gp.setDeferPtr(0);
        gp.setPanicPtr(0);
        gp.setField(gf.param(), 0);
        mem.write8(gp.addr() + gf.preemptStop(), 0);
        if (m0.curg() == gp) {
            m0.setCurg(null);
        }
        gfput(p, gp);
    }

    /**
     * gfput: a dead G goes on p's free list, losing its stack unless it has the starting size;
     * at 64 Gs on p, all but 31 move to the global with-stack and no-stack lists.
     */
    public void gfput(P p, G gp) {
        if (gp.status() != GStatus.DEAD) {
            throw GoThrow.fatal("gfput: bad status (not Gdead)");
        }
        long stksize = gp.stackHi() - gp.stackLo();
        boolean freed = false;
        if (stksize != startingStackSize) {
            stackfree(p, gp.stack());
            gp.setStack(Stack.NONE);
            gp.setStackguard0(0);
            freed = true;
        }
        p.gFree.push(gp);
        int spilled = 0;
        if (p.gFree.size() >= rules.gFreeSpillAt()) {
            // Each list collects the moved Gs as a queue pushed at its head, and the whole queue
            // goes in front of the global list (gQueue.push, gList.pushAll).
            ArrayDeque<G> stackQ = new ArrayDeque<>();
            ArrayDeque<G> noStackQ = new ArrayDeque<>();
            while (p.gFree.size() >= rules.gFreeKeep()) {
                G g = p.gFree.pop();
                (g.stackLo() == 0 ? noStackQ : stackQ).push(g);
                spilled++;
            }
            prependAll(globalFreeNoStack, noStackQ);
            prependAll(globalFreeWithStack, stackQ);
        }
        if (listened()) {
            emit(new RuntimeEvent.GfPut(gp.addr(), p.id(), freed, spilled));
        }
    }

    private static void prependAll(ArrayDeque<G> list, ArrayDeque<G> queue) {
        while (!queue.isEmpty()) {
            list.push(queue.pollLast());
        }
    }

    /**
     * gfget: a dead G from p's list, refilled up to 32 from the global lists (with-stack first)
     * when empty; a stack of the wrong size is freed, and a stackless G gets a starting-size stack.
     */
    public G gfget(P p) {
        boolean refilled = false;
        if (p.gFree.isEmpty() && (!globalFreeWithStack.isEmpty() || !globalFreeNoStack.isEmpty())) {
            refilled = true;
            while (p.gFree.size() < rules.gFreeKeep()) {
                G g = globalFreeWithStack.poll();
                if (g == null) {
                    g = globalFreeNoStack.poll();
                    if (g == null) {
                        break;
                    }
                }
                p.gFree.push(g);
            }
        }
        G gp = p.gFree.poll();
        if (gp == null) {
            return null;
        }
        if (gp.stackLo() != 0 && gp.stackHi() - gp.stackLo() != startingStackSize) {
            stackfree(p, gp.stack());
            gp.setStack(Stack.NONE);
            gp.setStackguard0(0);
        }
        boolean allocated = false;
        if (gp.stackLo() == 0) {
            Stack stk = stackalloc(p, startingStackSize);
            gp.setStack(stk);
            gp.setStackguard0(stk.lo() + rules.stackGuard());
            allocated = true;
        }
        if (listened()) {
            emit(new RuntimeEvent.GfGet(gp.addr(), p.id(), refilled, allocated));
        }
        return gp;
    }

    // ---------------------------------------------------------------- growth

    /**
     * What runtime·morestack does when a prologue finds SP below stackguard0: {@code sp} is SP on
     * entry to morestack (the return address into f is at sp, f's own return address at sp+8),
     * {@code bp} and {@code dx} the registers then. Records m.morebuf and g.sched as the assembly
     * does, then runs newstack.
     */
    public NewstackResult morestack(P p, G g, long sp, long bp, long dx) {
        if (g == m0.g0()) {
            throw GoThrow.abort("fatal: morestack on g0\n");
        }
        m0.setMorebuf(mem.read64(sp + 8), sp + 16, g.addr());
        long b = g.addr() + gf.sched();
        mem.write64(b + bf.pc(), mem.read64(sp));
        mem.write64(b + bf.sp(), sp + 8);
        mem.write64(b + bf.bp(), bp);
        mem.write64(b + bf.ctxt(), dx);
        return newstack(p);
    }

    /** newstack: grows m.curg's stack (or handles a preemption request) by the release's rules. */
    NewstackResult newstack(P p) {
        Gobuf morebuf = m0.morebuf();
        G morebufG = gByAddr(morebuf.g());
        if (morebufG != null && morebufG.stackguard0() == rules.stackFork()) {
            throw GoThrow.fatal("stack growth after fork");
        }
        G gp = m0.curg();
        if (morebufG == null || morebufG != gp) {
            throw GoThrow.fatal("runtime: newstack called from g=" + Hex.of(morebuf.g()) + "\n"
                    + "\tm=" + Hex.of(m0.addr()) + " m->curg=" + Hex.of(gp == null ? 0 : gp.addr())
                    + " m->g0=" + Hex.of(m0.g0().addr()) + " m->gsignal=0x0\n",
                    "runtime: wrong goroutine in newstack");
        }
        Gobuf sched = gp.sched();
        if (gp.throwsplit()) {
            gp.setSyscallsp(morebuf.sp());
            gp.setField(gf.syscallpc(), morebuf.pc());
            FuncInfo f = config.funcs().find(sched.pc());
            String pcname = f == null ? "(unknown)" : f.name();
            long pcoff = f == null ? 0 : sched.pc() - f.entry();
            throw GoThrow.fatal("runtime: newstack at " + pcname + "+" + Hex.of(pcoff)
                    + " sp=" + Hex.of(sched.sp()) + " stack=[" + Hex.of(gp.stackLo()) + ", " + Hex.of(gp.stackHi()) + "]\n"
                    + morebufLine(morebuf) + schedLine(sched), "runtime: stack split at bad time");
        }
        m0.setMorebuf(0, 0, 0);

        long stackguard0 = gp.stackguard0();
        boolean preempt = stackguard0 == rules.stackPreempt();
        if (preempt && !canPreemptM()) {
            // Let the goroutine keep running for now; gp->preempt is set, so it will be
            // preempted next time.
            gp.setStackguard0(gp.stackLo() + rules.stackGuard());
            return resume(gp);
        }
        if (gp.stackLo() == 0) {
            throw GoThrow.fatal("missing stack in newstack");
        }
        long sp = sched.sp() - PTR_SIZE; // the call to morestack cost a word
        if (Long.compareUnsigned(sp, gp.stackLo()) < 0) {
            throw GoThrow.fatal("runtime: newstack sp=" + Hex.of(sp) + " stack=[" + Hex.of(gp.stackLo()) + ", "
                    + Hex.of(gp.stackHi()) + "]\n" + morebufLine(morebuf) + schedLine(sched)
                    + "runtime: gp=" + Hex.of(gp.addr()) + ", goid=" + gp.goid() + ", gp->status="
                    + Hex.of(mem.read32(gp.addr() + gf.atomicstatus())) + "\n "
                    + "runtime: split stack overflow: " + Hex.of(sp) + " < " + Hex.of(gp.stackLo()) + "\n",
                    "runtime: split stack overflow");
        }
        if (preempt) {
            if (gp == m0.g0()) {
                throw GoThrow.fatal("runtime: preempt g0");
            }
            if (p == null && m0.locks == 0) {
                throw GoThrow.fatal("runtime: g is running but p is not");
            }
            if (gp.preemptShrink()) {
                // A synchronous safe point: do the shrink the GC asked for.
                gp.setPreemptShrink(false);
                shrinkstack(p, gp);
            }
            // gopreempt_m: act like Gosched; the G goes to the global run queue.
            gp.setStatus(GStatus.RUNNABLE);
            gp.setField(gf.m(), 0);
            m0.setCurg(null);
            globalRunq.add(gp);
            return new NewstackResult.Preempted(gp);
        }

        long oldsize = gp.stackHi() - gp.stackLo();
        long newsize = oldsize * 2;
        // Grow at least enough for the whole frame of the function that called morestack.
        FuncInfo f = config.funcs().find(sched.pc());
        if (f != null) {
            long needed = (long) f.maxSpDelta() + rules.stackGuard();
            long room = switch (rules.growth()) {
                case PAST_OLD_SIZE -> oldsize;
                case PAST_USED -> gp.stackHi() - sched.sp();
            };
            while (newsize - room < needed) {
                newsize *= 2;
            }
        }
        if (rules.forcesMove(stackguard0)) {
            newsize = oldsize;
        }
        long max = config.maxStackSize();
        long limit = switch (rules.overflowLimit()) {
            case MAX_STACK_SIZE -> newsize > max ? max : -1;
            // maxstackceiling is set beside maxstacksize in runtime.main, to twice it.
            case MAX_STACK_SIZE_AND_CEILING -> {
                long ceiling = 2 * rules.maxStackSize();
                yield newsize > max || newsize > ceiling ? Math.min(max, ceiling) : -1;
            }
        };
        if (limit >= 0) {
            throw GoThrow.fatal("runtime: goroutine stack exceeds " + limit + "-byte limit\n"
                    + "runtime: sp=" + Hex.of(sp) + " stack=[" + Hex.of(gp.stackLo()) + ", " + Hex.of(gp.stackHi()) + "]\n",
                    "stack overflow");
        }
        gp.setStatus(GStatus.COPYSTACK);
        long copied = copystack(p, gp, newsize);
        gp.setStatus(GStatus.RUNNING);
        growths++;
        emit(new RuntimeEvent.Grow(gp.goid(), oldsize, newsize, copied));
        return resume(gp);
    }

    private boolean canPreemptM() {
        return m0.locks == 0 && m0.preemptoff.isEmpty() && m0.p != null;
    }

    private static NewstackResult resume(G gp) {
        Gobuf s = gp.sched();
        return new NewstackResult.Resume(s.pc(), s.sp(), s.bp(), s.ctxt());
    }

    private static String morebufLine(Gobuf morebuf) {
        return "\tmorebuf={pc:" + Hex.of(morebuf.pc()) + " sp:" + Hex.of(morebuf.sp()) + " lr:" + Hex.of(morebuf.lr()) + "}\n";
    }

    private static String schedLine(Gobuf sched) {
        return "\tsched={pc:" + Hex.of(sched.pc()) + " sp:" + Hex.of(sched.sp()) + " lr:" + Hex.of(sched.lr())
                + " ctxt:" + Hex.of(sched.ctxt()) + "}\n";
    }

    /** The G whose g structure is at addr, or null. */
    public G gByAddr(long addr) {
        return gsByAddr.get(addr);
    }

    /** Goroutines preempted and waiting for a P (sched.runq), oldest first. */
    public List<G> globalRunQueue() {
        return List.copyOf(globalRunq);
    }

    /** globrunqput: gp goes to the tail of the global run queue (Gosched, a full local queue). */
    public void globrunqput(G gp) {
        globalRunq.add(gp);
    }

    public int globalRunqSize() {
        return globalRunq.size();
    }

    /** Takes the oldest G off the global run queue, or null. */
    public G globrunqget() {
        return globalRunq.poll();
    }

    /**
     * copystack: moves gp to a new stack of newsize bytes, adjusting the pointers into the old
     * stack that Go adjusts. Returns the number of bytes copied.
     */
    long copystack(P p, G gp, long newsize) {
        if (gp.syscallsp() != 0) {
            throw GoThrow.fatal("stack growth not allowed in system call");
        }
        Stack old = gp.stack();
        if (old.lo() == 0) {
            throw GoThrow.fatal("nil stackbase");
        }
        long used = old.hi() - gp.schedSp();
        Stack neu = stackalloc(p, newsize);
        StackMover mover = new StackMover(mem, old, neu.hi() - old.hi());
        mem.move(neu.hi() - used, old.hi() - used, used);

        // sched.ctxt and sched.bp, the defer chain and the panic record
        mover.adjustPointer(gp.addr() + gf.sched() + bf.ctxt());
        mover.adjustPointer(gp.addr() + gf.sched() + bf.bp());
        mover.adjustPointer(gp.addr() + gf.defer());
        RuntimeLayout.DeferFields df = layout.deferRecord();
        for (long d = gp.deferPtr(); d != 0; d = mem.read64(d + df.link())) {
            for (int field : df.stackPointers()) {
                mover.adjustPointer(d + field);
            }
        }
        mover.adjustPointer(gp.addr() + gf.panic());

        gp.setStack(neu);
        gp.setStackguard0(neu.lo() + rules.stackGuard()); // might clobber a preempt request, as in Go
        mem.write64(gp.addr() + gf.sched() + bf.sp(), neu.hi() - used);
        gp.setField(gf.stktopsp(), gp.stktopsp() + mover.delta());

        walker.walk(gp, mover::adjustFrame);

        stackfree(p, old);
        bytesCopied += used;
        return used;
    }

    // ---------------------------------------------------------------- shrinking and GC

    /** isShrinkStackSafe: not in a syscall, not at an async safe point, not parking on a channel. */
    public static boolean isShrinkStackSafe(G gp) {
        return gp.syscallsp() == 0 && !gp.asyncSafePoint() && !gp.parkingOnChan();
    }

    /** shrinkstack: halves gp's stack if it uses less than a quarter of it (counting _StackLimit). */
    public void shrinkstack(P p, G gp) {
        if (gp.stackLo() == 0) {
            throw GoThrow.fatal("missing stack in shrinkstack");
        }
        if (!isShrinkStackSafe(gp)) {
            throw GoThrow.fatal("shrinkstack at bad time");
        }
        if (config.gcShrinkStackOff()) {
            return;
        }
        FuncInfo f = config.funcs().find(gp.startpc());
        if (f != null && f.funcId() == FuncId.GC_BG_MARK_WORKER) {
            return;
        }
        long oldsize = gp.stackHi() - gp.stackLo();
        long newsize = oldsize / 2;
        if (newsize < rules.fixedStack()) {
            return; // don't shrink below the minimum-sized stack
        }
        long avail = oldsize;
        long used = gp.stackHi() - gp.schedSp() + rules.stackNosplit();
        if (used >= avail / 4) {
            return;
        }
        long copied = copystack(p, gp, newsize);
        shrinks++;
        emit(new RuntimeEvent.Shrink(gp.goid(), oldsize, newsize, copied));
    }

    /**
     * One GC cycle, run by p, with what it does to stacks: every G's stack is scanned (counted
     * for the adaptive starting size) and shrunk when safe, or marked preemptShrink when not;
     * a running G (its registers saved in sched) is treated as stopped asynchronously, so its
     * shrink waits for its next synchronous safe point. Then gcComputeStartingStackSize, the
     * phase returns to off, freeStackSpans, and each P's stack cache is cleared (prepareForSweep).
     */
    public void gc(P p) {
        stacks.setGcRunning(true);
        int scanned = 0;
        int shrunk = 0;
        for (G gp : List.copyOf(allgs.subList(1, allgs.size()))) {
            GStatus st = gp.status();
            if (st == GStatus.DEAD || st == GStatus.IDLE || st == GStatus.COPYSTACK) {
                continue;
            }
            long sp = gp.syscallsp() != 0 ? gp.syscallsp() : gp.schedSp();
            p.scannedStackSize += gp.stackHi() - sp;
            p.scannedStacks++;
            scanned++;
            if (st == GStatus.RUNNING) {
                gp.setAsyncSafePoint(true);
            }
            if (isShrinkStackSafe(gp)) {
                long before = shrinks;
                shrinkstack(p, gp);
                shrunk += (int) (shrinks - before);
            } else {
                gp.setPreemptShrink(true);
            }
            if (st == GStatus.RUNNING) {
                // The async stop is over; ask for a synchronous stop at the next prologue.
                gp.setAsyncSafePoint(false);
                gp.setPreempt(true);
                gp.setStackguard0(rules.stackPreempt());
            }
        }
        endCycle(scanned, shrunk);
    }

    /** Marks the GC as running (stackfree then defers span frees), for driving a cycle by hand. */
    public void gcStart() {
        stacks.setGcRunning(true);
    }

    /** Ends a cycle begun with {@link #gcStart}: freeStackSpans and the P caches cleared. */
    public void gcFinish() {
        endCycle(0, 0);
    }

    /**
     * The end of every GC cycle: the next starting stack size, the deferred stack spans freed,
     * every P's stack cache emptied (stackcache_clear), and the cycle's event.
     */
    private void endCycle(int scanned, int shrunk) {
        computeStartingStackSize();
        stacks.setGcRunning(false);
        stacks.freeStackSpans();
        for (P each : ps) {
            stacks.cacheClear(each.stackCache);
        }
        gcCycles++;
        emit(new RuntimeEvent.GcCycle(gcCycles, scanned, shrunk, startingStackSize));
    }

    /** gcComputeStartingStackSize: the average scanned stack plus _StackGuard, rounded up to a power of 2. */
    private void computeStartingStackSize() {
        if (!config.adaptiveStackStart()) {
            return;
        }
        long size = 0;
        long count = 0;
        for (P each : ps) {
            size += each.scannedStackSize;
            count += each.scannedStacks;
            each.scannedStackSize = 0;
            each.scannedStacks = 0;
        }
        if (count == 0) {
            startingStackSize = rules.fixedStack();
            return;
        }
        long avg = size / count + rules.stackGuard();
        if (avg > config.maxStackSize()) {
            avg = config.maxStackSize();
        }
        if (avg < rules.fixedStack()) {
            avg = rules.fixedStack();
        }
        startingStackSize = round2(avg);
    }

    /** round2: the smallest power of 2 at least x. */
    static long round2(long x) {
        long v = 1;
        while (v < x) {
            v <<= 1;
        }
        return v;
    }

    // ---------------------------------------------------------------- statistics

    public StackStats stats() {
        Map<StackPath, Long> allocs = new EnumMap<>(StackPath.class);
        Map<StackPath, Long> frees = new EnumMap<>(StackPath.class);
        List<Long> byOrder = new ArrayList<>();
        for (StackPath path : StackPath.values()) {
            long a = 0;
            for (long[] row : stacks.allocsByOrderAndPath) {
                a += row[path.ordinal()];
            }
            allocs.put(path, a);
            frees.put(path, stacks.freesByPath[path.ordinal()]);
        }
        for (long[] row : stacks.allocsByOrderAndPath) {
            long n = 0;
            for (long v : row) {
                n += v;
            }
            byOrder.add(n);
        }
        long inuse = heap.stackSpanBytes();
        return new StackStats(inuse, inuse, heap.sysBytes(), mem.committedBytes(), growths, shrinks,
                bytesCopied, gsCreated, gsReused, startingStackSize, gcCycles, allocs, frees, List.copyOf(byOrder));
    }
}
