package goasm.run;

import goasm.cpu.GuestFault;
import goasm.cpu.GuestMemory;
import goasm.link.FunctionTable;
import goasm.link.LinkedFunction;
import goasm.release.TracebackText;
import goasm.runtime.G;

import java.nio.file.Path;

/**
 * Go's goroutine traceback: frames from the innermost out, unwound with the SP-delta table.
 * {@link Level#SINGLE} is what fatal errors print (GOTRACEBACK=single: runtime frames hidden);
 * {@link Level#CRASH} is what SIGQUIT prints (level 2: runtime frames shown, each frame with its
 * fp, sp and pc, and the "created by" line).
 */
final class Traceback {
    private static final int MAX_FRAMES = 100;

    enum Level { SINGLE, CRASH }

    private Traceback() {
    }

    static String of(long goid, String status, long pc, long sp, FunctionTable functions, GuestMemory memory,
                     Path workingDir) {
        return of(goid, status, pc, sp, false, functions, memory, workingDir);
    }

    /** @param pcIsReturnAddress the innermost pc is where a call returns to (the goroutine is in a runtime call) */
    static String of(long goid, String status, long pc, long sp, boolean pcIsReturnAddress, FunctionTable functions,
                     GuestMemory memory, Path workingDir) {
        return header(goid, status) + frames(Level.SINGLE, pc, sp, pcIsReturnAddress, functions, memory, workingDir);
    }

    /** "goroutine N [status]:", goroutineheader's line. */
    static String header(long goid, String status) {
        return "goroutine " + goid + " [" + status + "]:\n";
    }

    /**
     * goroutineheader as the release words it: where it names the g and its m (a throwing
     * goroutine, every goroutine at GOTRACEBACK=crash), "goroutine N gp=0x... m=0 mp=0x... [status]:",
     * or "m=nil" for a goroutine on no m. The one M is m0.
     */
    static String header(TracebackText text, boolean gmWanted, G gp, String status) {
        if (!gmWanted || !text.headerNamesGM()) {
            return header(gp.goid(), status);
        }
        long m = gp.m();
        return "goroutine " + gp.goid() + " gp=0x" + Long.toHexString(gp.addr())
                + (m == 0 ? " m=nil" : " m=0 mp=0x" + Long.toHexString(m)) + " [" + status + "]:\n";
    }

    /** @param workingDir what the program's relative file names are relative to (Go prints them absolute) */
    static String frames(Level level, long pc, long sp, boolean pcIsReturnAddress, FunctionTable functions,
                         GuestMemory memory, Path workingDir) {
        StringBuilder out = new StringBuilder();
        boolean innermost = !pcIsReturnAddress;
        for (int n = 0; n < MAX_FRAMES; n++) {
            // A caller's pc is a return address: its line is that of the call before it.
            long lookup = innermost ? pc : pc - 1;
            LinkedFunction f = functions.find(lookup);
            if (f == null) {
                break;
            }
            boolean runtimeEnd = f.name().equals("runtime.main") || f.name().equals("runtime.goexit");
            if (runtimeEnd && level == Level.SINGLE) {
                break;
            }
            long frameTop = sp + f.spDelta(lookup);
            if (f.symbol() != null || level == Level.CRASH) {
                out.append(f.name()).append("()\n\t").append(position(f, lookup, workingDir));
                if (pc > f.entry()) {
                    out.append(" +0x").append(Long.toHexString(pc - f.entry()));
                }
                if (level == Level.CRASH) {
                    out.append(" fp=0x").append(Long.toHexString(frameTop + 8)).append(" sp=0x")
                            .append(Long.toHexString(sp)).append(" pc=0x").append(Long.toHexString(pc));
                }
                out.append('\n');
            }
            if (runtimeEnd) {
                break;
            }
            try {
                pc = memory.read64(frameTop);
            } catch (GuestFault e) {
                break;
            }
            sp = frameTop + 8;
            innermost = false;
        }
        return out.toString();
    }

    /**
     * printcreatedby: the function whose go statement (here, call of runtime·newproc) started
     * the goroutine, at the line of that call. Empty for goroutine 1 and unknown creators.
     */
    static String createdBy(TracebackText text, G gp, FunctionTable functions, Path workingDir) {
        long gopc = gp.gopc();
        LinkedFunction f = functions.find(gopc);
        if (gp.goid() == 1 || f == null) {
            return "";
        }
        long tracepc = gopc > f.entry() ? gopc - 1 : gopc;
        StringBuilder out = new StringBuilder("created by ").append(f.name());
        switch (text.createdBy()) {
            case FUNCTION -> {
            }
            case FUNCTION_IN_GOROUTINE -> {
                if (gp.parentGoid() != 0) {
                    out.append(" in goroutine ").append(gp.parentGoid());
                }
            }
        }
        out.append("\n\t").append(position(f, tracepc, workingDir));
        if (gopc > f.entry()) {
            out.append(" +0x").append(Long.toHexString(gopc - f.entry()));
        }
        return out.append('\n').toString();
    }

    /** file:line, or Go's "?:0" for a function without a line table (the emulated runtime's). */
    private static String position(LinkedFunction f, long pc, Path workingDir) {
        LinkedFunction.Instruction at = f.symbol() == null ? null : f.at(pc);
        return at == null ? "?:0" : workingDir.resolve(at.file()).toAbsolutePath().normalize() + ":" + at.line();
    }
}
