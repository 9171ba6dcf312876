package goasm.runtime;

import goasm.runtime.memory.GuestMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static goasm.runtime.Amd64.PTR_SIZE;

/**
 * Walks a descheduled goroutine's frames the way Go's gentraceback does on amd64 (frame
 * pointers enabled, no link register): from sched.pc/sched.sp (or syscallpc/syscallsp), each
 * frame's fp is sp + spdelta + 8, the return address sits at fp-8, the saved frame pointer
 * below it when the frame has one, and the walk stops after a TOPFRAME function.
 */
public final class StackWalker {
    private final GuestMemory mem;
    private final FuncTable funcs;

    public StackWalker(GuestMemory mem, FuncTable funcs) {
        this.mem = mem;
        this.funcs = funcs;
    }

    public List<Frame> frames(G gp) {
        List<Frame> out = new ArrayList<>();
        walk(gp, out::add);
        return out;
    }

    public void walk(G gp, Consumer<Frame> callback) {
        long pc;
        long sp;
        if (gp.syscallsp() != 0) {
            pc = gp.syscallpc();
            sp = gp.syscallsp();
        } else {
            pc = gp.schedPc();
            sp = gp.schedSp();
        }
        if (pc == 0) {
            pc = mem.read64(sp);
            sp += PTR_SIZE;
        }
        FuncInfo f = funcs.find(pc);
        if (f == null) {
            throw GoThrow.fatal("runtime: g " + gp.goid() + ": unknown pc " + Hex.of(pc) + "\n", "unknown pc");
        }
        while (true) {
            long fp = sp + f.spDelta(pc) + PTR_SIZE;
            long lr = 0;
            FuncInfo flr = null;
            if (!f.topFrame()) {
                lr = mem.read64(fp - PTR_SIZE);
                flr = funcs.find(lr);
                if (flr == null) {
                    throw GoThrow.fatal("runtime: g " + gp.goid() + ": unexpected return pc for " + f.name()
                            + " called from " + Hex.of(lr) + "\n", "unknown caller pc");
                }
            }
            long varp = fp - PTR_SIZE;
            if (varp > sp) {
                varp -= PTR_SIZE; // the saved frame pointer
            }
            // uintptr(f.args): an unknown size sign-extends to a huge length, as in Go.
            long arglen = f.argsSize();
            callback.accept(new Frame(f, pc, pc, lr, sp, fp, varp, fp, arglen));
            if (flr == null) {
                return;
            }
            pc = lr;
            f = flr;
            sp = fp;
        }
    }
}
