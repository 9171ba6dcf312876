package goasm.run;

import goasm.asm.AsmOptions;
import goasm.asm.Assembler;
import goasm.cpu.Cpu;
import goasm.cpu.GuestFault;
import goasm.cpu.GuestMemory;
import goasm.cpu.Hooks;
import goasm.cpu.Insn;
import goasm.cpu.Stop;
import goasm.link.Image;
import goasm.link.LinkException;
import goasm.link.LinkedFunction;
import goasm.link.Linker;
import goasm.obj.OperandFormat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `goasm run`: assembles the files as package main, links them with the emulated runtime, and
 * runs main.main on the interpreter. Returns the program's exit status: 0 when main returns,
 * runtime·exit's code, 2 for fatal errors and panics (as Go), 1 when assembly fails.
 */
public final class Runner implements Hooks {
    /** Go exits with this status after a fatal error or an unrecovered panic. */
    static final int FATAL_STATUS = 2;

    private final RunOptions options;
    private final PrintStream err;
    private final GuestOutput output;
    private Machine machine;

    public Runner(RunOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.err = err;
        this.output = new GuestOutput(err);
    }

    public int run() {
        List<String> includes = new ArrayList<>(options.includeDirs());
        String bundled = System.getProperty("goasm.include");
        if (bundled != null && Files.isDirectory(Path.of(bundled))) {
            includes.add(bundled);
        }
        AsmOptions asm = AsmOptions.inMemory(options.files(), includes, options.defines());
        Assembler.Assembly assembly = new Assembler(asm, err, err).assemble();
        if (!assembly.ok()) {
            return assembly.status();
        }
        Image image;
        try {
            image = Linker.link(assembly.link(), RuntimeFunction.goNames(), "main.main");
        } catch (LinkException e) {
            for (String m : e.messages()) {
                err.println(m);
            }
            return FATAL_STATUS;
        }
        machine = new Machine(image, this);
        Cpu cpu = machine.cpu;
        long started = System.nanoTime();
        Stop stop = cpu.run(image.entry());
        long elapsed = System.nanoTime() - started;
        int status = report(stop);
        output.flush();
        if (options.stats()) {
            double seconds = elapsed / 1e9;
            err.printf("goasm run: %d instructions in %.3fs (%.1f M/s), %d KB of guest memory touched%n",
                    cpu.executed(), seconds, cpu.executed() / seconds / 1e6, machine.memory.committedPages() * 4L);
        }
        return status;
    }

    /** Turns the reason the CPU stopped into Go's messages and exit status. */
    private int report(Stop stop) {
        Cpu cpu = machine.cpu;
        return switch (stop) {
            case Stop.Exit e -> e.status();
            case Stop.Fault f -> segv(f.pc(), f.address());
            case Stop.BadJump j -> segv(j.target(), j.target());
            case Stop.DivideError d -> {
                output.write("panic: runtime error: integer divide by zero\n[signal SIGFPE: floating-point exception code=0x1 addr=0x"
                        + Long.toHexString(d.pc()) + " pc=0x" + Long.toHexString(d.pc()) + "]\n\n");
                yield traceback(d.pc(), cpu.regs[Cpu.RSP]);
            }
            case Stop.Unsupported u -> {
                output.write("unsupported instruction at pc=0x" + Long.toHexString(u.pc()) + " "
                        + machine.image.functions().describe(u.pc()) + "\n");
                output.write("fatal error: " + instructionText(u.pc()) + ": " + u.what() + "\n\n");
                yield traceback(u.pc(), cpu.regs[Cpu.RSP]);
            }
        };
    }

    /** Go's sigpanic: a nil dereference panics, any other bad address is a fatal fault. */
    private int segv(long pc, long address) {
        String signal = "[signal SIGSEGV: segmentation violation code=0x1 addr=0x" + Long.toHexString(address)
                + " pc=0x" + Long.toHexString(pc) + "]\n";
        if (Long.compareUnsigned(address, 0x1000) < 0) {
            output.write("panic: runtime error: invalid memory address or nil pointer dereference\n" + signal + "\n");
        } else {
            output.write("unexpected fault address 0x" + Long.toHexString(address) + "\nfatal error: fault\n" + signal + "\n");
        }
        return traceback(pc, machine.cpu.regs[Cpu.RSP]);
    }

    private int traceback(long pc, long sp) {
        output.write(Traceback.of(1, "running", pc, sp, machine.image.functions(), machine.memory));
        return FATAL_STATUS;
    }

    /** The instruction as Go's listing prints it, or its bytes when it is not one the assembler wrote. */
    private String instructionText(long pc) {
        LinkedFunction f = machine.image.functions().find(pc);
        if (f != null) {
            LinkedFunction.Instruction at = f.at(pc);
            if (at != null && at.offset() == pc - f.entry()) {
                return OperandFormat.instruction(at.prog());
            }
        }
        Insn in = machine.cpu.decodedAt(pc);
        StringBuilder bytes = new StringBuilder("bytes");
        for (int i = 0; in != null && i < in.length; i++) {
            bytes.append(String.format(" %02x", machine.memory.read8(pc + i) & 0xff));
        }
        return bytes.toString();
    }

    // ---- the runtime's entry points ----

    @Override
    public long call(Cpu cpu, int hookId) {
        RuntimeFunction f = RuntimeFunction.values()[hookId];
        GuestMemory mem = cpu.memory();
        long sp = cpu.regs[Cpu.RSP];
        try {
            switch (f) {
                case MAIN -> {
                    cpu.stop(new Stop.Exit(0));
                    return 0;
                }
                case EXIT -> {
                    cpu.stop(new Stop.Exit(mem.read32(sp + 8)));
                    return 0;
                }
                case PRINTINT -> output.write(Long.toString(mem.read64(sp + 8)));
                case PRINTUINT -> output.write(Long.toUnsignedString(mem.read64(sp + 8)));
                case PRINTHEX -> output.write("0x" + Long.toHexString(mem.read64(sp + 8)));
                case PRINTNL -> output.write("\n");
                case PRINTSP -> output.write(" ");
                case PRINTBOOL -> output.write(mem.read8(sp + 8) != 0 ? "true" : "false");
                case PRINTSTRING -> {
                    long p = mem.read64(sp + 8);
                    long n = mem.read64(sp + 16);
                    if (n > 0) {
                        output.write(mem.readBytes(p, (int) Math.min(n, Integer.MAX_VALUE - 8)));
                    }
                }
                case MORESTACK, MORESTACK_NOCTXT -> {
                    return fatal(cpu, "goasm run: stack growth (" + f.goName()
                            + ") is not supported yet; the main goroutine has a fixed "
                            + (Machine.FIXED_STACK_SIZE >> 20) + " MB stack");
                }
                case GOEXIT, NEWPROC, GOSCHED, GC, SEMACQUIRE, SEMRELEASE -> {
                    return fatal(cpu, "goasm run: " + f.goName() + " is not supported yet (goroutines and the "
                            + "scheduler come with the stack runtime)");
                }
            }
        } catch (GuestFault fault) {
            // A bad argument (e.g. printstring of a wild pointer) faults inside the runtime.
            output.flush();
            cpu.stop(new Stop.Exit(segv(cpu.memory().read64(sp), fault.address())));
            return 0;
        }
        return cpu.pop();
    }

    /** Go's throw: the message, a blank line, the goroutine's traceback; status 2. */
    private long fatal(Cpu cpu, String message) {
        output.write("fatal error: " + message + "\n\n");
        long sp = cpu.regs[Cpu.RSP];
        output.write(Traceback.of(1, "running", cpu.memory().read64(sp), sp + 8, true, machine.image.functions(),
                machine.memory));
        cpu.stop(new Stop.Exit(FATAL_STATUS));
        return 0;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
