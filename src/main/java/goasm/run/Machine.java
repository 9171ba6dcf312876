package goasm.run;

import goasm.cpu.Cpu;
import goasm.cpu.Hooks;
import goasm.cpu.PagedMemory;
import goasm.link.Image;
import goasm.link.Linker;

/**
 * A linked program loaded into guest memory with one goroutine ready to run main.main: the g
 * record at Go 1.19's field offsets, the TLS slot holding g below the FS base, and a fixed stack.
 */
final class Machine {
    /** Go 1.19 runtime.g field offsets that assembly sees. */
    static final int G_STACK_LO = 0, G_STACK_HI = 8, G_STACKGUARD0 = 16, G_STACKGUARD1 = 24, G_GOID = 152;
    static final int G_SIZE = 0x1000;
    /** _StackGuard on linux/amd64: the prologue's slack below stackguard0. */
    static final long STACK_GUARD = 928;

    /** Go's heap arenas start here; the runtime's structures live in that range. */
    static final long ARENA = 0xc000000000L;
    static final long G_ADDR = ARENA;
    static final long TLS_BLOCK = ARENA + 0x1000;
    static final long STACK_LO = ARENA + 0x100000;
    /** Until stacks grow, the main goroutine gets this fixed stack (pages commit on touch). */
    static final long FIXED_STACK_SIZE = 512L << 20;

    final Image image;
    final PagedMemory memory = new PagedMemory();
    final Cpu cpu;

    Machine(Image image, Hooks hooks) {
        this.image = image;
        for (Image.Segment s : image.segments()) {
            memory.map(s.address(), (s.size() + 0xfff) & ~0xfffL);
            if (s.bytes().length > 0) {
                memory.writeBytes(s.address(), s.bytes());
            }
        }
        Image.Segment text = image.text();
        cpu = new Cpu(memory, text.address(), (int) text.size(), hooks);
        for (RuntimeFunction f : RuntimeFunction.values()) {
            long addr = image.natives().get(f.goName());
            cpu.installHook(addr, f.ordinal());
            // Return addresses point one byte in (Go's goexit+PCQuantum; the return into runtime.main).
            if (f == RuntimeFunction.MAIN || f == RuntimeFunction.GOEXIT) {
                cpu.installHook(addr + 1, f.ordinal());
            }
        }

        memory.map(G_ADDR, G_SIZE);
        memory.map(TLS_BLOCK, 0x1000);
        memory.map(STACK_LO, FIXED_STACK_SIZE);
        long hi = STACK_LO + FIXED_STACK_SIZE;
        memory.write64(G_ADDR + G_STACK_LO, STACK_LO);
        memory.write64(G_ADDR + G_STACK_HI, hi);
        memory.write64(G_ADDR + G_STACKGUARD0, STACK_LO + STACK_GUARD);
        memory.write64(G_ADDR + G_STACKGUARD1, -1);
        memory.write64(G_ADDR + G_GOID, 1);
        // g sits at FS-8 (Linker.TLS_OFFSET).
        memory.write64(TLS_BLOCK, G_ADDR);
        cpu.fsBase = TLS_BLOCK - Linker.TLS_OFFSET;
        cpu.regs[Cpu.RSP] = hi;
        cpu.push(image.natives().get(RuntimeFunction.MAIN.goName()) + 1);
    }

    long stackHi() {
        return STACK_LO + FIXED_STACK_SIZE;
    }
}
