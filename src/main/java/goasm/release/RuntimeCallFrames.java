package goasm.release;

import java.util.Map;

/**
 * The Go functions behind the runtime entry points a program run by goasm may call, as a
 * release's linux/amd64 runtime compiles them: how many bytes each one's prologue takes below
 * its return address (its frame, with the saved BP) and whether the prologue checks the stack.
 * A checked prologue compares SP (less the part of the frame beyond StackSmall) with
 * g.stackguard0, so the call is where a stack grows and where a preemption request is noticed.
 *
 * <p>Learned from `go tool objdump` of each release's binaries (the prologue's
 * {@code CMPQ SP, 16(R14)} and {@code SUBQ $n, SP} or {@code PUSHQ BP; SUBQ $n, SP}). Where
 * Go inlines the named function into its callers (runtime.semacquire, runtime.semrelease), the
 * function called in its place is the one whose prologue runs.
 *
 * @param frames the frame of each entry point, by the name a program calls ("runtime.printint")
 */
public record RuntimeCallFrames(Map<String, Frame> frames) {

    /**
     * @param goFunction the Go function whose prologue runs ("runtime.semacquire1")
     * @param size       bytes the prologue moves SP down by, below the return address
     * @param nosplit    whether the prologue has no stack check
     */
    public record Frame(String goFunction, int size, boolean nosplit) {
        static Frame checked(String goFunction, int size) {
            return new Frame(goFunction, size, false);
        }

        static Frame nosplit(String goFunction, int size) {
            return new Frame(goFunction, size, true);
        }
    }

    public RuntimeCallFrames {
        frames = Map.copyOf(frames);
    }

    /** The frame of the entry point a program calls by this name. */
    public Frame frame(String name) {
        Frame f = frames.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no runtime call " + name);
        }
        return f;
    }

    public static RuntimeCallFrames of(GoRelease release) {
        // The print functions: 1.26 rewrote printint and printuint (smaller frames) and printhex.
        record Prints(int printint, int printuint, int printhex, int printstring) {
        }
        Prints prints = switch (release) {
            case GO1_15, GO1_19, GO1_21, GO1_22, GO1_23, GO1_24 -> new Prints(24, 136, 136, 72);
            case GO1_26, GO1_27 -> new Prints(64, 64, 32, 48);
        };
        // newproc(siz int32, fn *funcval) was go:nosplit (its arguments followed it on the
        // stack); from 1.17, newproc(fn *funcval) checks its stack like any function.
        Frame newproc = switch (release) {
            case GO1_15 -> Frame.nosplit("runtime.newproc", 64);
            case GO1_19, GO1_21, GO1_22, GO1_23, GO1_24, GO1_26, GO1_27 -> Frame.checked("runtime.newproc", 48);
        };
        int semrelease1 = switch (release) {
            case GO1_15, GO1_22, GO1_23, GO1_24, GO1_26, GO1_27 -> 80;
            case GO1_19, GO1_21 -> 72;
        };
        return new RuntimeCallFrames(Map.ofEntries(
                Map.entry("runtime.printint", Frame.checked("runtime.printint", prints.printint())),
                Map.entry("runtime.printuint", Frame.checked("runtime.printuint", prints.printuint())),
                Map.entry("runtime.printhex", Frame.checked("runtime.printhex", prints.printhex())),
                Map.entry("runtime.printnl", Frame.checked("runtime.printnl", 24)),
                Map.entry("runtime.printsp", Frame.checked("runtime.printsp", 24)),
                Map.entry("runtime.printstring", Frame.checked("runtime.printstring", prints.printstring())),
                Map.entry("runtime.printbool", Frame.checked("runtime.printbool", 24)),
                Map.entry("runtime.newproc", newproc),
                // Gosched is go:nosplit (or compiled without a check): it yields in any case.
                Map.entry("runtime.Gosched", Frame.nosplit("runtime.Gosched", 16)),
                Map.entry("runtime.GC", Frame.checked("runtime.GC", 48)),
                Map.entry("runtime.semacquire", Frame.checked("runtime.semacquire1", 96)),
                Map.entry("runtime.semrelease", Frame.checked("runtime.semrelease1", semrelease1)),
                // Assembly, TEXT ·exit(SB),NOSPLIT,$0-4; morestack and goexit likewise have no frame.
                Map.entry("runtime.exit", Frame.nosplit("runtime.exit", 0)),
                Map.entry("runtime.morestack", Frame.nosplit("runtime.morestack", 0)),
                Map.entry("runtime.morestack_noctxt", Frame.nosplit("runtime.morestack_noctxt", 0)),
                Map.entry("runtime.goexit", Frame.nosplit("runtime.goexit", 0))));
    }
}
