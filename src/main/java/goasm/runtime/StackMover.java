package goasm.runtime;

import goasm.runtime.memory.GuestMemory;

import java.util.BitSet;

import static goasm.runtime.Amd64.PTR_SIZE;

/**
 * copystack's adjustinfo: rewrites words that point into the old stack by the distance to the
 * new one, for the slots Go adjusts (adjustpointer, adjustpointers, adjustframe, getStackMap).
 */
final class StackMover {
    /** minLegalPointer (malloc.go): smaller non-zero values in pointer slots are fatal. */
    private static final long MIN_LEGAL_POINTER = 4096;

    private final GuestMemory mem;
    private final Stack old;
    private final long delta;

    StackMover(GuestMemory mem, Stack old, long delta) {
        this.mem = mem;
        this.old = old;
        this.delta = delta;
    }

    long delta() {
        return delta;
    }

    /** adjustpointer: the word at addr moves with the stack if it points into it. */
    void adjustPointer(long addr) {
        long p = mem.read64(addr);
        if (inOld(p)) {
            mem.write64(addr, p + delta);
        }
    }

    private boolean inOld(long p) {
        return Long.compareUnsigned(old.lo(), p) <= 0 && Long.compareUnsigned(p, old.hi()) < 0;
    }

    /** adjustpointers: the words of a bitmap's set bits, from scanp up. */
    private void adjustPointers(long scanp, BitSet bits, int nbit, FuncInfo f) {
        for (int i = bits.nextSetBit(0); i >= 0 && i < nbit; i = bits.nextSetBit(i + 1)) {
            long pp = scanp + (long) i * PTR_SIZE;
            long p = mem.read64(pp);
            if (f != null && p != 0 && Long.compareUnsigned(p, MIN_LEGAL_POINTER) < 0) {
                // debug.invalidptr is on by default
                throw GoThrow.fatal("runtime: bad pointer in frame " + f.name() + " at " + Hex.of(pp) + ": "
                        + Hex.of(p) + "\n", "invalid pointer found on stack");
            }
            if (inOld(p)) {
                mem.write64(pp, p + delta);
            }
        }
    }

    /** adjustframe: locals by their map, the saved frame pointer, arguments by their map. */
    void adjustFrame(Frame frame) {
        if (frame.continpc() == 0) {
            return; // the frame is dead
        }
        FuncInfo f = frame.fn();
        if (f.funcId() == FuncId.SYSTEMSTACK_SWITCH) {
            return; // its frame holds no pointers to adjust
        }
        long targetpc = frame.continpc();
        int pcdata = -1;
        if (targetpc != f.entry()) {
            targetpc--; // back up to the CALL, whose stack map applies
            pcdata = f.stackMapIndex(targetpc);
        }
        if (pcdata == -1) {
            // Not at a safe point: use the function entry's map, as Go does (it only matters
            // for functions with no calls).
            pcdata = 0;
        }

        long size = frame.varp() - frame.sp();
        if (size > Amd64.MIN_FRAME_SIZE) {
            StackMap locals = f.localsPointerMaps();
            if (locals == null || locals.n() <= 0) {
                throw GoThrow.fatal("runtime: frame " + f.name() + " untyped locals " + Hex.of(frame.varp() - size)
                        + "+" + Hex.of(size) + "\n", "missing stackmap");
            }
            if (locals.nbit() > 0) {
                if (pcdata < 0 || pcdata >= locals.n()) {
                    throw GoThrow.fatal("runtime: pcdata is " + pcdata + " and " + locals.n()
                            + " locals stack map entries for " + f.name() + " (targetpc=" + Hex.of(targetpc) + ")\n",
                            "bad symbol table");
                }
                long localsSize = (long) locals.nbit() * PTR_SIZE;
                adjustPointers(frame.varp() - localsSize, locals.bitmaps().get(pcdata), locals.nbit(), f);
            }
        }

        // A saved frame pointer sits between the return address and the locals.
        if (frame.argp() - frame.varp() == 2 * PTR_SIZE) {
            adjustPointer(frame.varp());
        }

        long arglen = frame.arglen();
        if (arglen != 0) {
            StackMap args = f.argsPointerMaps();
            if (args == null || args.n() <= 0) {
                throw GoThrow.fatal("runtime: frame " + f.name() + " untyped args " + Hex.of(frame.argp()) + "+"
                        + Hex.of(arglen) + "\n", "missing stackmap");
            }
            if (pcdata < 0 || pcdata >= args.n()) {
                throw GoThrow.fatal("runtime: pcdata is " + pcdata + " and " + args.n()
                        + " args stack map entries for " + f.name() + " (targetpc=" + Hex.of(targetpc) + ")\n",
                        "bad symbol table");
            }
            if (args.nbit() > 0) {
                adjustPointers(frame.argp(), args.bitmaps().get(pcdata), args.nbit(), null);
            }
        }
    }
}
