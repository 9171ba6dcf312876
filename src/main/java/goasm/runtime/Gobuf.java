package goasm.runtime;

import goasm.release.RuntimeLayout;
import goasm.runtime.memory.GuestMemory;

/**
 * A snapshot of Go's gobuf: the registers a descheduled goroutine resumes with. {@code ret} is
 * always 0 in a release whose gobuf has no such field.
 */
public record Gobuf(long sp, long pc, long g, long ctxt, long ret, long lr, long bp) {

    /** The gobuf at addr, laid out as the release lays it out. */
    static Gobuf read(GuestMemory mem, long addr, RuntimeLayout.GobufFields f) {
        long ret = f.ret().isPresent() ? mem.read64(addr + f.ret().getAsInt()) : 0;
        return new Gobuf(mem.read64(addr + f.sp()), mem.read64(addr + f.pc()), mem.read64(addr + f.g()),
                mem.read64(addr + f.ctxt()), ret, mem.read64(addr + f.lr()), mem.read64(addr + f.bp()));
    }

    /** Stores this gobuf at addr. */
    void write(GuestMemory mem, long addr, RuntimeLayout.GobufFields f) {
        mem.write64(addr + f.sp(), sp);
        mem.write64(addr + f.pc(), pc);
        mem.write64(addr + f.g(), g);
        mem.write64(addr + f.ctxt(), ctxt);
        if (f.ret().isPresent()) {
            mem.write64(addr + f.ret().getAsInt(), ret);
        }
        mem.write64(addr + f.lr(), lr);
        mem.write64(addr + f.bp(), bp);
    }
}
