package goasm.run;

import goasm.asm.AsmOptions;
import goasm.asm.Assembler;
import goasm.cpu.Cpu;
import goasm.cpu.CpuState;
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
import goasm.release.NewprocCall;
import goasm.release.RuntimeCallFrames;
import goasm.release.StackRules;
import goasm.release.TracebackText;
import goasm.runtime.G;
import goasm.runtime.GStatus;
import goasm.runtime.GoRuntime;
import goasm.runtime.GoThrow;
import goasm.runtime.Gobuf;
import goasm.runtime.NewstackResult;
import goasm.runtime.P;

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
    /** How the release words tracebacks. */
    private final TracebackText tracebackText;
    /** The release's stack rules: the prologue check of the runtime's functions. */
    private final StackRules stackRules;
    private final NewprocCall newprocCall;
    /** Per runtime function (by ordinal): the frame and stack check of Go's function in the release. */
    private final RuntimeCallFrames.Frame[] callFrames = new RuntimeCallFrames.Frame[RuntimeFunction.values().length];
    /** Per runtime function (by ordinal): its cost in guest instructions of time slice. */
    private final long[] callCosts = new long[RuntimeFunction.values().length];
    private final GuestOutput output;
    /**
     * Go's sysmon preempts a goroutine that has run 10 ms without a scheduling tick; here time is
     * counted in guest instructions, so that runs are reproducible.
     */
    static final long TIME_SLICE_INSTRUCTIONS = 20_000_000L;
    /** Go's forcePreemptNS: the time slice that TIME_SLICE_INSTRUCTIONS stands for. */
    static final long TIME_SLICE_NANOS = 10_000_000L;
    /** How often (in guest instructions) a long run considers a progress line. */
    static final long CHECK_INSTRUCTIONS = 10_000_000L;
    /** A run on a terminal prints a progress line after this long, and again as often. */
    static final long PROGRESS_NANOS = 5_000_000_000L;

    /**
     * With several Ps, they take turns on the one host thread: each runs this many guest
     * instructions, then the next P with work continues (a fixed order, so runs are reproducible).
     */
    static final long TURN_INSTRUCTIONS = 10_000L;

    private long preemptAt = Long.MAX_VALUE;
    private volatile boolean quitRequested;
    private volatile boolean cancelRequested;
    private long turnEnd = Long.MAX_VALUE;
    /** Per P (by id) whose turn ended while its goroutine ran: its registers, pc and remaining time slice. */
    private CpuState[] savedState;
    private long[] savedPc;
    private long[] savedPreemptLeft;
    private long nextCheck = CHECK_INSTRUCTIONS;
    private long startedNanos;
    private long lastProgressNanos;
    private final boolean progressWanted = System.console() != null;

    private static final RuntimeFunction[] RUNTIME_FUNCTIONS = RuntimeFunction.values();

    private Machine machine;
    /** Told every runtime event with the instruction count (run --plot). */
    private final List<RunObserver> observers = new ArrayList<>();
    /** Whether the runtime is in newstack (a throw there prints Go's "runtime stack:" section). */
    private boolean inNewstack;
    /** What tracebacks read: functions, memory and the release's frames under main.main. */
    private Traceback.Context frames;
    private GoRuntime runtime;
    private Scheduler scheduler;
    /** The P whose turn it is, and the goroutine on the CPU (null while in the scheduler). */
    private P p;
    private G current;

    public Runner(RunOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.err = err;
        this.stackRules = options.release().stackRules();
        this.newprocCall = options.release().newprocCall();
        for (RuntimeFunction f : RUNTIME_FUNCTIONS) {
            if (f != RuntimeFunction.MAIN) {
                callFrames[f.ordinal()] = options.release().runtimeCallFrames().frame(f.goName());
            }
            callCosts[f.ordinal()] = f.costNanos() * TIME_SLICE_INSTRUCTIONS / TIME_SLICE_NANOS;
        }
        this.tracebackText = options.release().tracebackText();
        this.output = new GuestOutput(err);
    }

    /** Adds an observer of this run's runtime events; call before {@link #run}. */
    public void observe(RunObserver observer) {
        observers.add(observer);
    }

    public int run() {
        List<String> includes = new ArrayList<>(options.includeDirs());
        String bundled = System.getProperty("goasm.include");
        if (bundled != null && Files.isDirectory(Path.of(bundled))) {
            includes.add(bundled);
        }
        AsmOptions asm = AsmOptions.inMemory(options.files(), includes, options.defines(),
                options.release().experiments().defaults(), options.release(), options.workingDir());
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
        machine = new Machine(image, this, Math.max(1, options.gomaxprocs()), options.godebug(), options.release());
        runtime = machine.runtime;
        frames = new Traceback.Context(image.functions(), machine.memory, tracebackText, options.release().goRoot(),
                options.release().mainStart(), machine.mainReturnPc, machine.goexitPc, options.workingDir());
        if (options.trace()) {
            runtime.addListener(e -> output.write(TraceLine.of(e, image.functions()) + "\n"));
        }
        for (RunObserver observer : observers) {
            runtime.addListener(e -> observer.onEvent(e, machine.cpu.executed()));
        }
        scheduler = new Scheduler(runtime);
        int procs = scheduler.procs();
        savedState = new CpuState[procs];
        savedPc = new long[procs];
        savedPreemptLeft = new long[procs];
        p = runtime.p(0);
        if (procs > 1) {
            turnEnd = TURN_INSTRUCTIONS;
        }
        Cpu cpu = machine.cpu;
        long started = System.nanoTime();
        startedNanos = started;
        lastProgressNanos = started;
        Stop stop;
        try {
            long pc = execute(machine.newMainGoroutine(), false);
            stop = cpu.run(pc);
        } catch (GoThrow t) {
            stop = new Stop.Exit(fatal(t, false));
        } catch (RuntimeException | StackOverflowError e) {
            // A state the emulated runtime does not handle: a message, never a Java stack trace.
            output.write("fatal error: goasm run: " + e + " (goroutine " + currentGoid() + ")\n");
            stop = new Stop.Exit(FATAL_STATUS);
        }
        long elapsed = System.nanoTime() - started;
        int status = report(stop);
        if (options.stats()) {
            output.write(StatsReport.of(runtime.stats(), cpu.executed(), elapsed));
        }
        for (RunObserver observer : observers) {
            observer.onFinish(cpu.executed());
        }
        output.flush();
        return status;
    }

    /** Turns the reason the CPU stopped into Go's messages and exit status. */
    private int report(Stop stop) {
        Cpu cpu = machine.cpu;
        return switch (stop) {
            case Stop.Exit e -> e.status();
            case Stop.Fault f -> segv(f.pc(), f.address(), f.protection());
            // Jumping into a mapped page that is not executable is a protection fault too.
            case Stop.BadJump j -> segv(j.target(), j.target(), machine.memory.isMapped(j.target()));
            case Stop.Trapped t -> switch (t.trap()) {
                case BREAKPOINT -> fatalSignal(Signal.TRAP, t.nextPc(), "");
                case INVALID_OPCODE -> fatalSignal(Signal.ILL, t.pc(), instructionBytes(t.pc()));
                // The kernel reports a general protection fault as SIGSEGV, SI_KERNEL, address 0.
                case GENERAL_PROTECTION -> segv(t.pc(), 0, SEGV_KERNEL);
            };
            case Stop.DivideError d -> {
                output.write("panic: runtime error: integer divide by zero\n[signal SIGFPE: floating-point exception code=0x1 addr=0x"
                        + Long.toHexString(d.pc()) + " pc=0x" + Long.toHexString(d.pc()) + "]\n\n");
                yield traceback(d.pc(), cpu.regs[Cpu.RSP], false);
            }
            case Stop.Unsupported u -> {
                output.write("unsupported instruction at pc=0x" + Long.toHexString(u.pc()) + " "
                        + machine.image.functions().describe(u.pc()) + "\n");
                output.write("fatal error: " + instructionText(u.pc()) + ": " + u.what() + "\n\n");
                yield traceback(u.pc(), cpu.regs[Cpu.RSP], true);
            }
        };
    }

    /** The kernel's si_code for a SIGSEGV: nothing mapped there, or the page's protection refused the access. */
    private static final int SEGV_MAPERR = 0x1;
    private static final int SEGV_ACCERR = 0x2;
    private static final int SEGV_KERNEL = 0x80;

    /**
     * Go's sigpanic: a nil dereference panics; any other bad address (and a write into text or
     * rodata, code 0x2) is a fatal fault, which throws: all goroutines, runtime frames shown.
     */
    private int segv(long pc, long address, boolean protection) {
        return segv(pc, address, protection ? SEGV_ACCERR : SEGV_MAPERR);
    }

    private int segv(long pc, long address, int code) {
        String signal = "[signal SIGSEGV: segmentation violation code=0x" + Integer.toHexString(code) + " addr=0x"
                + Long.toHexString(address) + " pc=0x" + Long.toHexString(pc) + "]\n";
        boolean nil = code == SEGV_MAPERR && Long.compareUnsigned(address, 0x1000) < 0;
        long sp = machine.cpu.regs[Cpu.RSP];
        if (nil) {
            output.write("panic: runtime error: invalid memory address or nil pointer dereference\n" + signal + "\n");
            return traceback(pc, sp, false);
        }
        output.write("unexpected fault address 0x" + Long.toHexString(address) + "\nfatal error: fault\n" + signal + "\n");
        output.write(throwTraceback(current, "running", pc, sp, false));
        return FATAL_STATUS;
    }

    /**
     * A throw's tracebacks (gotraceback at a runtime throw: level 2, all goroutines): the
     * throwing goroutine's frames with fp, sp and pc, then every other goroutine's. Go's own
     * frames above the user's (runtime.throw, runtime.sigpanic, newstack, ...) are not goasm's
     * to show: the emulated runtime runs outside the guest.
     */
    private String throwTraceback(G gp, String status, long pc, long sp, boolean pcIsReturnAddress) {
        StringBuilder out = new StringBuilder();
        if (gp == null) {
            return Traceback.header(0, status) + Traceback.frames(frames, Traceback.Level.CRASH, pc, sp, pcIsReturnAddress);
        }
        out.append(Traceback.header(tracebackText, true, gp, status));
        out.append(Traceback.frames(frames, Traceback.Level.CRASH, pc, sp, pcIsReturnAddress));
        out.append(Traceback.createdBy(tracebackText, gp, frames.functions(), options.workingDir()));
        out.append(otherGoroutines(gp));
        return out.toString();
    }

    /** tracebackothers at level 2: every live goroutine but gp, each after a blank line. */
    private String otherGoroutines(G gp) {
        StringBuilder out = new StringBuilder();
        for (G other : runtime.allgs()) {
            if (other == gp || other.status() == GStatus.DEAD) {
                continue;
            }
            out.append('\n');
            if (other.status() == GStatus.RUNNING) {
                out.append(Traceback.header(tracebackText, true, other, "running"))
                        .append("\tgoroutine running on other thread; stack unavailable\n");
                continue;
            }
            boolean atStub = machine.image.natives().containsValue(other.schedPc());
            out.append(Traceback.header(tracebackText, true, other, scheduler.statusText(other)));
            out.append(Traceback.frames(frames, Traceback.Level.CRASH, other.schedPc(), other.schedSp(), !atStub));
            out.append(Traceback.createdBy(tracebackText, other, frames.functions(), options.workingDir()));
        }
        return out.toString();
    }

    private long currentGoid() {
        return current == null ? 0 : current.goid();
    }

    /** The running goroutine's traceback after a panic or (throwing) a fatal error. */
    private int traceback(long pc, long sp, boolean throwing) {
        output.write(singleTraceback(current, "running", throwing, pc, sp, false));
        return FATAL_STATUS;
    }

    /**
     * traceback1 at GOTRACEBACK=single: the header (naming g and m when the goroutine is
     * throwing and the release does so), the frames, and who created the goroutine.
     */
    private String singleTraceback(G gp, String status, boolean throwing, long pc, long sp, boolean pcIsReturnAddress) {
        String frameText = Traceback.frames(frames, Traceback.Level.SINGLE, pc, sp, pcIsReturnAddress);
        if (gp == null) {
            return Traceback.header(0, status) + frameText;
        }
        return Traceback.header(tracebackText, throwing, gp, status) + frameText
                + Traceback.createdBy(tracebackText, gp, frames.functions(), options.workingDir());
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

    // ---- scheduling ----

    /** execute: gp runs on the CPU; a new scheduling tick starts a new time slice. Returns the pc to continue at. */
    private long execute(G gp, boolean inheritTime) {
        Scheduler.Queue q = scheduler.queue(p);
        if (!inheritTime) {
            q.schedtick++;
            preemptAt = machine.cpu.executed() + TIME_SLICE_INSTRUCTIONS;
            updateSliceEnd();
        }
        current = gp;
        scheduler.setRunning(q, gp);
        Gobuf buf = runtime.execute(p, gp);
        return machine.load(gp, buf);
    }

    /**
     * schedule: the next goroutine for this P; when it has none and can steal none, the P idles
     * and another P takes the CPU; when no P can run anything, Go's deadlock error.
     */
    private long schedule() {
        current = null;
        scheduler.setRunning(scheduler.queue(p), null);
        Scheduler.Pick pick = scheduler.findRunnable(p);
        if (pick != null) {
            return execute(pick.g(), pick.inheritTime());
        }
        P next = scheduler.nextTurn(p);
        if (next != null) {
            long pc = takeTurn(next);
            if (pc != NO_TURN) {
                return pc;
            }
        }
        output.write("fatal error: all goroutines are asleep - deadlock!\n");
        for (G gp : runtime.allgs()) {
            if (gp.status() != GStatus.DEAD) {
                output.write("\n" + parkedTraceback(gp));
            }
        }
        machine.cpu.stop(new Stop.Exit(FATAL_STATUS));
        return 0;
    }

    private static final long NO_TURN = -1;

    /**
     * P next gets the CPU if it has something to do: its goroutine continues where its last turn
     * ended, or (an idle P, like a spinning M) it looks for work and runs what it finds. Returns
     * the pc to continue at, or NO_TURN when next stays idle. The caller has saved its own P's state.
     */
    private long takeTurn(P next) {
        Scheduler.Queue q = scheduler.queue(next);
        Cpu cpu = machine.cpu;
        if (q.running != null) {
            activate(next);
            int id = next.id();
            machine.resume(current, savedState[id]);
            savedState[id] = null;
            preemptAt = savedPreemptLeft[id] == Long.MAX_VALUE ? Long.MAX_VALUE : cpu.executed() + savedPreemptLeft[id];
            updateSliceEnd();
            return savedPc[id];
        }
        Scheduler.Pick pick = scheduler.findRunnable(next);
        if (pick == null) {
            return NO_TURN;
        }
        activate(next);
        return execute(pick.g(), pick.inheritTime());
    }

    /** The M turns to next for one turn of TURN_INSTRUCTIONS. */
    private void activate(P next) {
        p = next;
        current = scheduler.queue(next).running;
        runtime.switchTo(next, current);
        turnEnd = machine.cpu.executed() + TURN_INSTRUCTIONS;
        updateSliceEnd();
    }

    /**
     * The running P's turn is over: its goroutine's registers are kept for its next turn (and its
     * sched records where it is, for GC and tracebacks, as an asynchronous stop would), and the
     * next P with something to do takes the CPU.
     */
    private void endTurn(Cpu cpu) {
        P from = p;
        int id = from.id();
        long pc = cpu.slicePc();
        savedState[id] = cpu.save();
        savedPc[id] = pc;
        savedPreemptLeft[id] = preemptAt == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, preemptAt - cpu.executed());
        current.setSched(new Gobuf(cpu.regs[Cpu.RSP], pc, current.addr(), cpu.regs[Cpu.RDX], 0, 0, cpu.regs[Cpu.RBP]));
        P next = scheduler.nextTurn(from);
        if (next != null) {
            long resumed = takeTurn(next);
            if (resumed != NO_TURN) {
                cpu.resumeAt(resumed);
                return;
            }
        }
        // No other P has anything to do: this one goes on.
        savedState[id] = null;
        turnEnd = cpu.executed() + TURN_INSTRUCTIONS;
    }

    private void updateSliceEnd() {
        machine.cpu.setSliceEnd(Math.min(Math.min(preemptAt, nextCheck), turnEnd));
    }

    /** The traceback of a goroutine that is not running, from its saved registers. */
    private String parkedTraceback(G gp) {
        // Parked in a runtime call at its stub (semacquire, a preempted call) or after it returned (Gosched, GC).
        boolean atStub = machine.image.natives().containsValue(gp.schedPc());
        return singleTraceback(gp, scheduler.statusText(gp), false, gp.schedPc(), gp.schedSp(), !atStub);
    }

    /** What mcall saves: the running goroutine continues after the runtime call that is in progress. */
    private void saveAfterReturn(Cpu cpu) {
        long ret = cpu.pop();
        current.setSched(new Gobuf(cpu.regs[Cpu.RSP], ret, current.addr(), 0, 0, 0, cpu.regs[Cpu.RBP]));
    }

    /** The running goroutine re-runs the runtime call at stubPc when it next runs (a semaphore retry). */
    private void saveAtCall(Cpu cpu, long stubPc) {
        current.setSched(new Gobuf(cpu.regs[Cpu.RSP], stubPc, current.addr(), 0, 0, 0, cpu.regs[Cpu.RBP]));
    }

    /**
     * The prologue of Go's function f (printint, newproc, ... are Go functions with a stack
     * check) finds SP at or below stackguard0: it calls morestack, which returns into f's
     * entry. newstack grows the stack, and f runs on the new one; or, when stackguard0 is a
     * preemption request, gopreempt_m puts the goroutine on the global run queue, and f runs
     * when the goroutine is next scheduled.
     */
    private long morestackInPrologue(Cpu cpu, RuntimeFunction f, long sp) {
        long morestackSp = sp - 8;
        cpu.memory().write64(morestackSp, machine.stub(f));
        return newstack(p, cpu, morestackSp, 0);
    }

    /**
     * runtime.morestack called with {@code sp} (its return address on top) and context {@code ctxt}:
     * the goroutine resumes on its grown stack, or, preempted, the scheduler picks the next one.
     * Returns the pc to continue at.
     */
    private long newstack(P p, Cpu cpu, long sp, long ctxt) {
        inNewstack = true;
        NewstackResult result = runtime.morestack(p, current, sp, cpu.regs[Cpu.RBP], ctxt);
        inNewstack = false;
        return switch (result) {
            case NewstackResult.Resume r -> {
                cpu.regs[Cpu.RSP] = r.sp();
                cpu.regs[Cpu.RBP] = r.bp();
                cpu.regs[Cpu.RDX] = r.ctxt();
                yield r.pc();
            }
            case NewstackResult.Preempted preempted -> schedule();
        };
    }

    /**
     * The time Go's function takes counts against the running goroutine's time slice, as sysmon
     * measures it: when it is used up, the next check asks for preemption.
     */
    private void spend(long instructions) {
        if (instructions == 0 || preemptAt == Long.MAX_VALUE) {
            return;
        }
        preemptAt -= instructions;
        updateSliceEnd();
    }

    /**
     * Every few million instructions: a progress line; and at the end of the running
     * goroutine's time slice, sysmon's preemptone (its next prologue check enters newstack).
     */
    @Override
    public void sliceExpired(Cpu cpu) {
        long now = cpu.executed();
        if (quitRequested) {
            cpu.stop(new Stop.Exit(sigquit(cpu)));
            return;
        }
        if (cancelRequested) {
            // The invoker is gone (interrupted): stop without a word, with a shell's status for SIGINT.
            cpu.stop(new Stop.Exit(CANCELLED_STATUS));
            return;
        }
        if (now >= nextCheck) {
            nextCheck = now + CHECK_INSTRUCTIONS;
            // What the guest printed becomes visible while it runs on, as Go's unbuffered print is.
            output.flush();
            progress(now);
        }
        if (now >= preemptAt) {
            preemptAt = Long.MAX_VALUE;
            if (current != null) {
                current.setPreempt(true);
                current.setStackguard0(stackRules.stackPreempt());
            }
        }
        if (now >= turnEnd) {
            turnEnd = Long.MAX_VALUE;
            endTurn(cpu);
        }
        updateSliceEnd();
    }

    /**
     * Asks the run to stop as Go does on SIGQUIT; any thread may call it (the command line's
     * signal handler). The running goroutine stops at the next check, within CHECK_INSTRUCTIONS.
     */
    public void requestQuit() {
        quitRequested = true;
    }

    /** Stops the run at the next check, printing nothing more (its invoker was interrupted). */
    public void requestCancel() {
        cancelRequested = true;
    }

    /** The exit status of a cancelled run: 128 + SIGINT, as a shell reports an interrupted command. */
    public static final int CANCELLED_STATUS = 130;

    /**
     * Go's sighandler for SIGQUIT at GOTRACEBACK level 2: "SIGQUIT: quit", the PC and M, the
     * interrupted goroutine's traceback, every other goroutine's (a goroutine running on
     * another P has no stack to show), then the registers; exit status 2.
     */
    private int sigquit(Cpu cpu) {
        return fatalSignal(Signal.QUIT, cpu.slicePc(), "");
    }

    /** The signals goasm raises that Go does not turn into panics, as sigtable names them, and their si_code. */
    enum Signal {
        QUIT("SIGQUIT: quit", 0, 0),
        /** INT3 and INT $3: the kernel's SI_KERNEL; a trap, reported after the instruction. */
        TRAP("SIGTRAP: trace trap", 0x80, 0),
        /** UD2 and other undefined opcodes: ILL_ILLOPN; a fault, so the saved flags have RF set. */
        ILL("SIGILL: illegal instruction", 2, 0x10000);

        final String name;
        final int code;
        /** Flags the kernel's saved rflags adds (RF, resume flag, for faults). */
        final long extraFlags;

        Signal(String name, int code, long extraFlags) {
            this.name = name;
            this.code = code;
            this.extraFlags = extraFlags;
        }
    }

    /**
     * Go's sighandler for a signal that crashes the program (fatalsignal, then GOTRACEBACK level
     * 2): the signal's name, the PC and M, for SIGILL the instruction's bytes, the interrupted
     * goroutine's traceback, every other goroutine's (a goroutine running on another P has no
     * stack to show), then the registers; exit status 2.
     */
    private int fatalSignal(Signal signal, long pc, String extraLine) {
        Cpu cpu = machine.cpu;
        long sp = cpu.regs[Cpu.RSP];
        StringBuilder out = new StringBuilder();
        out.append(signal.name).append("\nPC=0x").append(Long.toHexString(pc)).append(" m=0 sigcode=")
                .append(signal.code).append('\n').append(extraLine).append('\n');
        if (current == null) {
            out.append(Traceback.header(0, "running")).append(Traceback.frames(frames, Traceback.Level.CRASH, pc, sp, false));
        } else {
            out.append(Traceback.header(tracebackText, true, current, "running"));
            out.append(Traceback.frames(frames, Traceback.Level.CRASH, pc, sp, false));
            out.append(Traceback.createdBy(tracebackText, current, frames.functions(), options.workingDir()));
            out.append(otherGoroutines(current));
        }
        out.append('\n').append(registers(cpu, pc, signal.extraFlags));
        output.write(out.toString());
        return FATAL_STATUS;
    }

    /** SIGILL's "instruction bytes:" line: 16 bytes from pc, fewer at the end of its page, as hex. */
    private String instructionBytes(long pc) {
        StringBuilder out = new StringBuilder("instruction bytes:");
        long n = Math.min(16, 0x1000 - (pc & 0xfff));
        for (long i = 0; i < n; i++) {
            out.append(" 0x").append(Integer.toHexString(machine.memory.read8(pc + i) & 0xff));
        }
        return out.append('\n').toString();
    }

    /** RFLAGS.IF, which user code always runs with. */
    private static final long INTERRUPTS_ENABLED = 0x200;
    private static final String[] REGISTER_NAMES = {"rax", "rbx", "rcx", "rdx", "rdi", "rsi", "rbp", "rsp", "r8",
            "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final int[] REGISTER_NUMBERS = {Cpu.RAX, Cpu.RBX, Cpu.RCX, Cpu.RDX, Cpu.RDI, Cpu.RSI, Cpu.RBP,
            Cpu.RSP, 8, 9, 10, 11, 12, 13, 14, 15};

    /** dumpregs: the interrupted thread's registers, one per line, names padded to seven columns. */
    private static String registers(Cpu cpu, long pc, long extraFlags) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < REGISTER_NAMES.length; i++) {
            out.append(registerLine(REGISTER_NAMES[i], cpu.regs[REGISTER_NUMBERS[i]]));
        }
        return out.append(registerLine("rip", pc)).append(registerLine("rflags", cpu.flags() | INTERRUPTS_ENABLED | extraFlags))
                .append(registerLine("cs", 0x33)).append(registerLine("fs", 0)).append(registerLine("gs", 0)).toString();
    }

    private static String registerLine(String name, long value) {
        return String.format("%-7s0x%x", name, value) + "\n";
    }

    /** A line on the terminal now and then while a long run goes on. */
    private void progress(long instructions) {
        long now = System.nanoTime();
        if (!progressWanted || now - lastProgressNanos < PROGRESS_NANOS) {
            return;
        }
        lastProgressNanos = now;
        long live = runtime.allgs().stream().filter(g -> g.status() != GStatus.DEAD).count();
        output.write(String.format("goasm run: %.0fs, %d M instructions, %d goroutines, %d KB of stacks%n",
                (now - startedNanos) / 1e9, instructions / 1_000_000, live, runtime.stats().stackInuse() / 1024));
        output.flush();
    }

    // ---- the runtime's entry points ----

    @Override
    public long call(Cpu cpu, int hookId) {
        RuntimeFunction f = RUNTIME_FUNCTIONS[hookId];
        GuestMemory mem = cpu.memory();
        long sp = cpu.regs[Cpu.RSP];
        try {
            RuntimeCallFrames.Frame frame = callFrames[hookId];
            if (frame != null && !frame.nosplit() && current != null
                    && stackRules.prologueCallsMorestack(sp, frame.size(), current.stackguard0())) {
                return morestackInPrologue(cpu, f, sp);
            }
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
                    long ptr = mem.read64(sp + 8);
                    long n = mem.read64(sp + 16);
                    if (n > 0) {
                        output.write(mem.readBytes(ptr, (int) Math.min(n, Integer.MAX_VALUE - 8)));
                    }
                }
                case MORESTACK, MORESTACK_NOCTXT -> {
                    long dx = f == RuntimeFunction.MORESTACK_NOCTXT ? 0 : cpu.regs[Cpu.RDX];
                    return newstack(p, cpu, sp, dx);
                }
                case NEWPROC -> {
                    // runqput(next=true): the new G takes runnext. With one P, wakep finds no idle
                    // P and the caller goes on; it yields only when a preemption request (its time
                    // slice used up, newproc's time included) meets a prologue, as the next
                    // newproc's. With more Ps, an idle one finds the new G at the next turn.
                    long callerPc = mem.read64(sp);
                    G newg = switch (newprocCall) {
                        case NewprocCall.FuncOnly c -> runtime.newproc(p, mem.read64(sp + c.fnOffset()), callerPc);
                        case NewprocCall.SizeFuncArgs c -> runtime.newprocWithArgs(p, mem.read64(sp + c.fnOffset()),
                                sp + c.argsOffset(), mem.read32(sp + c.sizeOffset()), callerPc);
                    };
                    scheduler.runqput(p, newg, true);
                }
                case GOSCHED -> {
                    saveAfterReturn(cpu);
                    G gp = current;
                    runtime.park(gp, GStatus.RUNNABLE);
                    runtime.globrunqput(gp);
                    return schedule();
                }
                case GC -> {
                    // The caller waits for the cycle (its stack is scanned parked), then yields as
                    // runtime.GC's sweep loop does.
                    saveAfterReturn(cpu);
                    G gp = current;
                    scheduler.park(gp, "GC");
                    runtime.gc(p);
                    scheduler.ready(p, gp);
                    return schedule();
                }
                case SEMACQUIRE -> {
                    long addr = mem.read64(sp + 8);
                    int v = mem.read32(addr);
                    if (v != 0) {
                        mem.write32(addr, v - 1);
                        break;
                    }
                    saveAtCall(cpu, machine.stub(f));
                    G gp = current;
                    scheduler.park(gp, "semacquire");
                    scheduler.waitOnSemaphore(addr, gp);
                    return schedule();
                }
                case SEMRELEASE -> {
                    long addr = mem.read64(sp + 8);
                    mem.write32(addr, mem.read32(addr) + 1);
                    G waiter = scheduler.wakeOne(addr);
                    if (waiter != null) {
                        scheduler.ready(p, waiter);
                    }
                }
                case GOEXIT -> {
                    runtime.goexit(p, current);
                    return schedule();
                }
            }
        } catch (GuestFault fault) {
            // A bad argument (e.g. printstring of a wild pointer) faults inside the runtime.
            output.flush();
            cpu.stop(new Stop.Exit(segv(cpu.memory().read64(sp), fault.address(), fault.protection())));
            return 0;
        } catch (GoThrow t) {
            // The traceback starts at the runtime call's caller.
            cpu.regs[Cpu.RSP] = sp;
            cpu.stop(new Stop.Exit(fatal(t, inNewstack)));
            return 0;
        }
        spend(callCosts[hookId]);
        return cpu.pop();
    }

    /**
     * Go's throw: the runtime's message, then (dopanic_m at a runtime throw: traceback level 2,
     * all goroutines) for a throw on the system stack in newstack, "runtime stack:" with the
     * system stack's frames, then the throwing goroutine's frames with fp, sp and pc, and every
     * other goroutine's; status 2. Of the system stack only runtime.morestack is guest code in
     * goasm (its stub); newstack, copystack and throw run in the emulated runtime and have no
     * frames to show. A morestack abort writes its message and crashes without tracebacks
     * of that kind.
     */
    private int fatal(GoThrow t, boolean inMorestack) {
        output.write(t.stderr());
        if (current == null) {
            return FATAL_STATUS;
        }
        long sp = machine.cpu.regs[Cpu.RSP];
        // A throw inside copystack (a missing stack map, a bad pointer) finds the goroutine in _Gcopystack.
        String status = current.status() == GStatus.COPYSTACK ? "copystack" : "running";
        if (t.isAbort()) {
            output.write("\n" + singleTraceback(current, status, true, machine.memory.read64(sp), sp + 8, true));
            return FATAL_STATUS;
        }
        StringBuilder out = new StringBuilder("\n");
        if (inMorestack) {
            out.append("runtime stack:\n").append(morestackFrame()).append('\n');
        }
        out.append(throwTraceback(current, status, machine.memory.read64(sp), sp + 8, true));
        output.write(out.toString());
        return FATAL_STATUS;
    }

    /**
     * runtime.morestack's frame on g0's stack, where it called newstack: the release's position
     * of that call, sp just below g0's saved sp (the CALL's return address), fp above it.
     */
    private String morestackFrame() {
        G g0 = runtime.m0().g0();
        long g0sp = g0.schedSp() != 0 ? g0.schedSp() : g0.stack().hi();
        long sp = g0sp - 8;
        var morestack = tracebackText.morestack();
        long pc = machine.stub(RuntimeFunction.MORESTACK) + morestack.offset();
        StringBuilder out = new StringBuilder("runtime.morestack()\n\t").append(morestack.position(options.release().goRoot()));
        if (tracebackText.systemStackAnnotated()) {
            out.append(" fp=0x").append(Long.toHexString(sp + 8)).append(" sp=0x").append(Long.toHexString(sp))
                    .append(" pc=0x").append(Long.toHexString(pc));
        }
        return out.append('\n').toString();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
