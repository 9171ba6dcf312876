package goasm.run;

import goasm.cpu.GuestFault;
import goasm.cpu.GuestMemory;
import goasm.link.FunctionTable;
import goasm.link.LinkedFunction;

import java.nio.file.Path;

/**
 * Go's goroutine traceback: frames from the innermost out, unwound with the SP-delta table,
 * runtime frames hidden as with GOTRACEBACK=single.
 */
final class Traceback {
    private static final int MAX_FRAMES = 100;

    private Traceback() {
    }

    static String of(long goid, String status, long pc, long sp, FunctionTable functions, GuestMemory memory) {
        return of(goid, status, pc, sp, false, functions, memory);
    }

    /** @param pcIsReturnAddress the innermost pc is where a call returns to (the goroutine is in a runtime call) */
    static String of(long goid, String status, long pc, long sp, boolean pcIsReturnAddress, FunctionTable functions,
                     GuestMemory memory) {
        StringBuilder out = new StringBuilder();
        out.append("goroutine ").append(goid).append(" [").append(status).append("]:\n");
        boolean innermost = !pcIsReturnAddress;
        for (int n = 0; n < MAX_FRAMES; n++) {
            // A caller's pc is a return address: its line is that of the call before it.
            long lookup = innermost ? pc : pc - 1;
            LinkedFunction f = functions.find(lookup);
            if (f == null || f.name().equals("runtime.main") || f.name().equals("runtime.goexit")) {
                break;
            }
            if (f.symbol() != null) {
                LinkedFunction.Instruction at = f.at(lookup);
                out.append(f.name()).append("()\n\t")
                        .append(at == null ? "?" : Path.of(at.file()).toAbsolutePath().normalize() + ":" + at.line())
                        .append(" +0x").append(Long.toHexString(pc - f.entry())).append('\n');
            }
            long frameTop = sp + f.spDelta(lookup);
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
}
