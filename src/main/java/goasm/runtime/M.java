package goasm.runtime;

import goasm.runtime.memory.GuestMemory;

import static goasm.runtime.GLayout.*;

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

    M(long addr, GuestMemory mem, G g0) {
        this.addr = addr;
        this.mem = mem;
        this.g0 = g0;
        mem.write64(addr + M_G0, g0.addr());
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
        mem.write64(addr + M_CURG, g == null ? 0 : g.addr());
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
        long b = addr + M_MOREBUF;
        return new Gobuf(mem.read64(b + GOBUF_SP), mem.read64(b + GOBUF_PC), mem.read64(b + GOBUF_G),
                mem.read64(b + GOBUF_CTXT), mem.read64(b + GOBUF_RET), mem.read64(b + GOBUF_LR),
                mem.read64(b + GOBUF_BP));
    }

    void setMorebuf(long pc, long sp, long g) {
        long b = addr + M_MOREBUF;
        mem.write64(b + GOBUF_PC, pc);
        mem.write64(b + GOBUF_SP, sp);
        mem.write64(b + GOBUF_LR, 0);
        mem.write64(b + GOBUF_G, g);
    }
}
