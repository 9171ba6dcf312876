package goasm.runtime;

import goasm.runtime.memory.GuestMemory;

import static goasm.runtime.GLayout.*;

/**
 * A goroutine: a handle on a {@code g} structure that lives in guest memory at {@link #addr()},
 * laid out as Go 1.19 lays it out, so guest code reading g+16 sees stackguard0.
 */
public final class G {
    private final long addr;
    private final GuestMemory mem;
    private final int index; // position in allgs

    G(long addr, GuestMemory mem, int index) {
        this.addr = addr;
        this.mem = mem;
        this.index = index;
    }

    /** Guest address of the g structure. */
    public long addr() {
        return addr;
    }

    /** Order of creation (index in the runtime's allgs). */
    public int index() {
        return index;
    }

    public Stack stack() {
        return new Stack(mem.read64(addr + G_STACK_LO), mem.read64(addr + G_STACK_HI));
    }

    public long stackLo() {
        return mem.read64(addr + G_STACK_LO);
    }

    public long stackHi() {
        return mem.read64(addr + G_STACK_HI);
    }

    void setStack(Stack s) {
        mem.write64(addr + G_STACK_LO, s.lo());
        mem.write64(addr + G_STACK_HI, s.hi());
    }

    public long stackguard0() {
        return mem.read64(addr + G_STACKGUARD0);
    }

    public void setStackguard0(long v) {
        mem.write64(addr + G_STACKGUARD0, v);
    }

    public long stackguard1() {
        return mem.read64(addr + G_STACKGUARD1);
    }

    void setStackguard1(long v) {
        mem.write64(addr + G_STACKGUARD1, v);
    }

    public long goid() {
        return mem.read64(addr + G_GOID);
    }

    void setGoid(long goid) {
        mem.write64(addr + G_GOID, goid);
    }

    public GStatus status() {
        return GStatus.of(mem.read32(addr + G_ATOMICSTATUS));
    }

    public void setStatus(GStatus s) {
        mem.write32(addr + G_ATOMICSTATUS, s.code());
    }

    public Gobuf sched() {
        long b = addr + G_SCHED;
        return new Gobuf(mem.read64(b + GOBUF_SP), mem.read64(b + GOBUF_PC), mem.read64(b + GOBUF_G),
                mem.read64(b + GOBUF_CTXT), mem.read64(b + GOBUF_RET), mem.read64(b + GOBUF_LR),
                mem.read64(b + GOBUF_BP));
    }

    /** Saves the registers of a descheduled goroutine (what Go's gosave/save do). */
    public void setSched(Gobuf buf) {
        long b = addr + G_SCHED;
        mem.write64(b + GOBUF_SP, buf.sp());
        mem.write64(b + GOBUF_PC, buf.pc());
        mem.write64(b + GOBUF_G, buf.g());
        mem.write64(b + GOBUF_CTXT, buf.ctxt());
        mem.write64(b + GOBUF_RET, buf.ret());
        mem.write64(b + GOBUF_LR, buf.lr());
        mem.write64(b + GOBUF_BP, buf.bp());
    }

    public long schedSp() {
        return mem.read64(addr + G_SCHED + GOBUF_SP);
    }

    public long schedPc() {
        return mem.read64(addr + G_SCHED + GOBUF_PC);
    }

    public long syscallsp() {
        return mem.read64(addr + G_SYSCALLSP);
    }

    public void setSyscallsp(long v) {
        mem.write64(addr + G_SYSCALLSP, v);
    }

    public long stktopsp() {
        return mem.read64(addr + G_STKTOPSP);
    }

    public long startpc() {
        return mem.read64(addr + G_STARTPC);
    }

    public long gopc() {
        return mem.read64(addr + G_GOPC);
    }

    public long deferPtr() {
        return mem.read64(addr + G_DEFER);
    }

    public void setDeferPtr(long v) {
        mem.write64(addr + G_DEFER, v);
    }

    public long panicPtr() {
        return mem.read64(addr + G_PANIC);
    }

    public void setPanicPtr(long v) {
        mem.write64(addr + G_PANIC, v);
    }

    public boolean preemptShrink() {
        return mem.read8(addr + G_PREEMPT_SHRINK) != 0;
    }

    public void setPreemptShrink(boolean v) {
        mem.write8(addr + G_PREEMPT_SHRINK, v ? 1 : 0);
    }

    public boolean preempt() {
        return mem.read8(addr + G_PREEMPT) != 0;
    }

    public void setPreempt(boolean v) {
        mem.write8(addr + G_PREEMPT, v ? 1 : 0);
    }

    public boolean asyncSafePoint() {
        return mem.read8(addr + G_ASYNC_SAFE_POINT) != 0;
    }

    public void setAsyncSafePoint(boolean v) {
        mem.write8(addr + G_ASYNC_SAFE_POINT, v ? 1 : 0);
    }

    public boolean throwsplit() {
        return mem.read8(addr + G_THROWSPLIT) != 0;
    }

    public void setThrowsplit(boolean v) {
        mem.write8(addr + G_THROWSPLIT, v ? 1 : 0);
    }

    public boolean parkingOnChan() {
        return mem.read8(addr + G_PARKING_ON_CHAN) != 0;
    }

    public void setParkingOnChan(boolean v) {
        mem.write8(addr + G_PARKING_ON_CHAN, v ? 1 : 0);
    }

    long field(int offset) {
        return mem.read64(addr + offset);
    }

    void setField(int offset, long v) {
        mem.write64(addr + offset, v);
    }

    @Override
    public String toString() {
        return "g@0x" + Long.toHexString(addr) + "(goid " + goid() + ")";
    }
}
