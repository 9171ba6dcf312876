package goasm.runtime;

import goasm.runtime.memory.GuestMemory;

import goasm.release.RuntimeLayout;

/** The machine thread the runtime runs on; its m structure lives in guest memory (g.m points at it). */
public final class M {
    private final long addr;
    private final GuestMemory mem;
    private final G g0;
    private G curg;
    P p;
    /** m.preemptoff: when non-empty, stacks bypass the P's cache and preemption is refused. */
    String preemptoff = "";
    /** m.locks: held runtime locks; non-zero refuses preemption. */
    int locks;

    /** Where the release keeps m's and gobuf's fields. */
    private final RuntimeLayout.MFields f;
    private final RuntimeLayout.GobufFields b;

    M(long addr, GuestMemory mem, G g0, RuntimeLayout layout) {
        this.addr = addr;
        this.mem = mem;
        this.g0 = g0;
        this.f = layout.m();
        this.b = layout.gobuf();
        mem.write64(addr + f.g0(), g0.addr());
    }

    public long addr() {
        return addr;
    }

    public G g0() {
        return g0;
    }

    public G curg() {
        return curg;
    }

    void setCurg(G g) {
        curg = g;
        mem.write64(addr + f.curg(), g == null ? 0 : g.addr());
    }

    public P p() {
        return p;
    }

    public String preemptoff() {
        return preemptoff;
    }

    public void setPreemptoff(String reason) {
        preemptoff = reason == null ? "" : reason;
    }

    public int locks() {
        return locks;
    }

    public void setLocks(int locks) {
        this.locks = locks;
    }

    Gobuf morebuf() {
        return Gobuf.read(mem, addr + f.morebuf(), b);
    }

    void setMorebuf(long pc, long sp, long g) {
        long buf = addr + f.morebuf();
        mem.write64(buf + b.pc(), pc);
        mem.write64(buf + b.sp(), sp);
        mem.write64(buf + b.lr(), 0);
        mem.write64(buf + b.g(), g);
    }
}
