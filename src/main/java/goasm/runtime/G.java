package goasm.runtime;

import goasm.runtime.memory.GuestMemory;

import goasm.release.RuntimeLayout;

/**
 * A goroutine: a handle on a {@code g} structure that lives in guest memory at {@link #addr()},
 * laid out as the followed release lays it out (RuntimeLayout), so guest code reading g+16 sees
 * stackguard0.
 */
public final class G {
    private final long addr;
    private final GuestMemory mem;
    private final int index; // position in allgs
    /** Where the release keeps g's and gobuf's fields. */
    private final RuntimeLayout.GFields f;
    private final RuntimeLayout.GobufFields b;
    /** g.parentGoid: the goid of the goroutine whose go statement created this one (0: none). */
    private long parentGoid;
    /**
     * The runtime's own record of goid, status and m. They are mirrored into the guest's g (where
     * Go keeps them), but read from here: a guest store that runs over g (a NOSPLIT function
     * writing far below its stack) must not change which goroutine the runtime thinks it is.
     */
    private long goid;
    private GStatus status = GStatus.IDLE;
    private long m;

    G(long addr, GuestMemory mem, int index, RuntimeLayout layout) {
        this.addr = addr;
        this.mem = mem;
        this.index = index;
        this.f = layout.g();
        this.b = layout.gobuf();
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
        return new Stack(mem.read64(addr + f.stackLo()), mem.read64(addr + f.stackHi()));
    }

    public long stackLo() {
        return mem.read64(addr + f.stackLo());
    }

    public long stackHi() {
        return mem.read64(addr + f.stackHi());
    }

    void setStack(Stack s) {
        mem.write64(addr + f.stackLo(), s.lo());
        mem.write64(addr + f.stackHi(), s.hi());
    }

    public long stackguard0() {
        return mem.read64(addr + f.stackguard0());
    }

    public void setStackguard0(long v) {
        mem.write64(addr + f.stackguard0(), v);
    }

    public long stackguard1() {
        return mem.read64(addr + f.stackguard1());
    }

    void setStackguard1(long v) {
        mem.write64(addr + f.stackguard1(), v);
    }

    public long goid() {
        return goid;
    }

    void setGoid(long goid) {
        this.goid = goid;
        mem.write64(addr + f.goid(), goid);
    }

    public GStatus status() {
        return status;
    }

    public void setStatus(GStatus s) {
        status = s;
        mem.write32(addr + f.atomicstatus(), s.code());
    }

    public Gobuf sched() {
        return Gobuf.read(mem, addr + f.sched(), b);
    }

    /** Saves the registers of a descheduled goroutine (what Go's gosave/save do). */
    public void setSched(Gobuf buf) {
        buf.write(mem, addr + f.sched(), b);
    }

    public long schedSp() {
        return mem.read64(addr + f.sched() + b.sp());
    }

    public long schedPc() {
        return mem.read64(addr + f.sched() + b.pc());
    }

    public long syscallsp() {
        return mem.read64(addr + f.syscallsp());
    }

    /** The m this g runs on (g.m), 0 when none. */
    public long m() {
        return m;
    }

    public long parentGoid() {
        return parentGoid;
    }

    void setParentGoid(long goid) {
        parentGoid = goid;
    }

    public long syscallpc() {
        return mem.read64(addr + f.syscallpc());
    }

    public void setSyscallsp(long v) {
        mem.write64(addr + f.syscallsp(), v);
    }

    public long stktopsp() {
        return mem.read64(addr + f.stktopsp());
    }

    public long startpc() {
        return mem.read64(addr + f.startpc());
    }

    public long gopc() {
        return mem.read64(addr + f.gopc());
    }

    public long deferPtr() {
        return mem.read64(addr + f.defer());
    }

    public void setDeferPtr(long v) {
        mem.write64(addr + f.defer(), v);
    }

    public long panicPtr() {
        return mem.read64(addr + f.panic());
    }

    public void setPanicPtr(long v) {
        mem.write64(addr + f.panic(), v);
    }

    public boolean preemptShrink() {
        return mem.read8(addr + f.preemptShrink()) != 0;
    }

    public void setPreemptShrink(boolean v) {
        mem.write8(addr + f.preemptShrink(), v ? 1 : 0);
    }

    public boolean preempt() {
        return mem.read8(addr + f.preempt()) != 0;
    }

    public void setPreempt(boolean v) {
        mem.write8(addr + f.preempt(), v ? 1 : 0);
    }

    public boolean asyncSafePoint() {
        return mem.read8(addr + f.asyncSafePoint()) != 0;
    }

    public void setAsyncSafePoint(boolean v) {
        mem.write8(addr + f.asyncSafePoint(), v ? 1 : 0);
    }

    public boolean throwsplit() {
        return mem.read8(addr + f.throwsplit()) != 0;
    }

    public void setThrowsplit(boolean v) {
        mem.write8(addr + f.throwsplit(), v ? 1 : 0);
    }

    public boolean parkingOnChan() {
        return mem.read8(addr + f.parkingOnChan()) != 0;
    }

    public void setParkingOnChan(boolean v) {
        mem.write8(addr + f.parkingOnChan(), v ? 1 : 0);
    }

    long field(int offset) {
        return mem.read64(addr + offset);
    }

    void setField(int offset, long v) {
        if (offset == f.m()) {
            m = v;
        }
        mem.write64(addr + offset, v);
    }

    @Override
    public String toString() {
        return "g@0x" + Long.toHexString(addr) + "(goid " + goid() + ")";
    }
}
