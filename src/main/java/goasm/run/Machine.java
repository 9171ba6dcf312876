package goasm.run;

import goasm.cpu.Cpu;
import goasm.cpu.CpuState;
import goasm.cpu.Hooks;
import goasm.link.Image;
import goasm.link.Linker;
import goasm.release.MainStart;
import goasm.release.ReleaseProfile;
import goasm.runtime.G;
import goasm.runtime.GoRuntime;
import goasm.runtime.Gobuf;
import goasm.runtime.RuntimeConfig;
import goasm.runtime.memory.GuestMemory;

import java.util.HashMap;
import java.util.Map;

/**
 * A linked program loaded into the runtime's guest memory, with the interpreter over that same
 * memory and the main goroutine made as Go makes it: newproc of a closure for main.main on a
 * 2 KB stack from stackalloc, whose initial frame returns into runtime.main+1 (where Go's
 * runtime.main continues after main.main returns). g sits in the TLS slot at FS-8.
 */
final class Machine {
    final Image image;
    final GoRuntime runtime;
    final SharedMemory memory;
    final Cpu cpu;
    final long goexitPc;
    final long mainReturnPc;
    /** Each runtime function's address, by ordinal (looked up once, not per call). */
    private final long[] stubs = new long[RuntimeFunction.values().length];
    /** Address of the TLS word holding the running g. */
    private final long tlsSlot;

    /** What sits above main.main on the main goroutine's stack in the release. */
    private final MainStart mainStart;

    Machine(Image image, Hooks hooks, int procs, String godebug, ReleaseProfile release) {
        this.mainStart = release.mainStart();
        this.image = image;
        this.goexitPc = image.natives().get(RuntimeFunction.GOEXIT.goName());
        this.mainReturnPc = image.natives().get(RuntimeFunction.MAIN.goName()) + 1;
        GuestMemory backing = new GuestMemory();
        Map<String, Integer> nativeFrames = new HashMap<>();
        for (RuntimeFunction f : RuntimeFunction.values()) {
            if (f != RuntimeFunction.MAIN) {
                nativeFrames.put(f.goName(), release.runtimeCallFrames().frame(f.goName()).size());
            }
        }
        RuntimeConfig config = RuntimeConfig.of(procs, new ProgramFuncs(image, nativeFrames), goexitPc, release);
        if (godebug != null) {
            config = config.withGodebug(godebug);
        }
        runtime = new GoRuntime(config, backing);
        memory = new SharedMemory(backing, runtime.heap());
        for (Image.Segment s : image.segments()) {
            memory.mapImage(s.address(), (s.size() + 0xfff) & ~0xfffL, s.protection().writable());
            if (s.bytes().length > 0) {
                backing.write(s.address(), s.bytes());
            }
        }
        Image.Segment text = image.text();
        cpu = new Cpu(memory, text.address(), (int) text.size(), hooks);
        for (RuntimeFunction f : RuntimeFunction.values()) {
            long addr = image.natives().get(f.goName());
            stubs[f.ordinal()] = addr;
            cpu.installHook(addr, f.ordinal());
            // Return addresses point one byte in (Go's goexit+PCQuantum; the return into runtime.main).
            if (f == RuntimeFunction.MAIN || f == RuntimeFunction.GOEXIT) {
                cpu.installHook(addr + 1, f.ordinal());
            }
        }
        long tls = runtime.allocObject(16);
        tlsSlot = tls;
        cpu.fsBase = tls - Linker.TLS_OFFSET;
    }

    /** The address of runtime function f. */
    long stub(RuntimeFunction f) {
        return stubs[f.ordinal()];
    }

    /**
     * The main goroutine (goid 1), runnable: started as Go starts it, in runtime.main (goexit+1
     * as the return address), whose frame is the release's; runtime.main calls main.main, from
     * Go 1.17 on through the ABIInternal-to-ABI0 wrapper Go's linker puts in front of an
     * assembly main.main (from 1.21 that wrapper saves BP), on the stack size the release's
     * runtime initialisation leaves it. So stack depths in the main goroutine are Go's. The return addresses lead to runtime.main+1, where the program exits.
     */
    G newMainGoroutine() {
        long fn = runtime.newFuncval(image.entry(), new byte[0]);
        G g = runtime.newproc(runtime.p(0), fn, mainReturnPc - 1, mainStart.stackSize());
        Gobuf start = g.sched();
        long runtimeMainSp = start.sp() - mainStart.runtimeMainFrame();
        long sp = runtimeMainSp - 8;
        memory.write64(sp, mainReturnPc);
        switch (mainStart.wrapper()) {
            case NONE -> {
            }
            case FRAMELESS -> {
                sp -= 8;
                memory.write64(sp, mainReturnPc);
            }
            case SAVES_BP -> {
                sp -= 8;
                memory.write64(sp, start.sp() - 8); // runtime.main's frame pointer: where it saved BP
                sp -= 8;
                memory.write64(sp, mainReturnPc);
            }
        }
        g.setSched(new Gobuf(sp, start.pc(), start.g(), start.ctxt(), start.ret(), start.lr(), start.bp()));
        return g;
    }

    /** The CPU continues as g from a full register state saved when its P's turn ended. */
    void resume(G g, CpuState state) {
        memory.write64(tlsSlot, g.addr());
        cpu.restore(state);
    }

    /** gogo: the CPU continues as g from its saved registers; returns the pc to continue at. */
    long load(G g, Gobuf buf) {
        memory.write64(tlsSlot, g.addr());
        cpu.regs[Cpu.RSP] = buf.sp();
        cpu.regs[Cpu.RBP] = buf.bp();
        cpu.regs[Cpu.RDX] = buf.ctxt();
        return buf.pc();
    }
}
