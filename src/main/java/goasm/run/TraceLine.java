package goasm.run;

import goasm.link.FunctionTable;
import goasm.runtime.RuntimeEvent;
import goasm.runtime.Stack;

/** `--trace`: one line per runtime stack event, in the runtime's own words (newproc, gfget, grow, ...). */
final class TraceLine {
    private TraceLine() {
    }

    static String of(RuntimeEvent event, FunctionTable functions) {
        return "trace: " + switch (event) {
            case RuntimeEvent.NewProc e -> "newproc goid=" + e.goid() + " g=" + hex(e.g()) + " fn="
                    + functions.describe(e.entryPc()) + (e.reused() ? " reused" : " new") + " stack=" + range(e.stack());
            case RuntimeEvent.GfGet e -> "gfget g=" + hex(e.g()) + " p=" + e.p() + (e.globalRefill() ? " refilled" : "")
                    + (e.stackAllocated() ? " stackalloc" : "");
            case RuntimeEvent.GfPut e -> "gfput g=" + hex(e.g()) + " p=" + e.p() + (e.stackFreed() ? " stackfree" : "")
                    + (e.spilled() > 0 ? " spilled=" + e.spilled() : "");
            case RuntimeEvent.StackAlloc e -> "stackalloc " + e.stack().size() + " " + range(e.stack()) + " from "
                    + e.path().name().toLowerCase();
            case RuntimeEvent.StackFree e -> "stackfree " + e.stack().size() + " " + range(e.stack()) + " to "
                    + e.path().name().toLowerCase();
            case RuntimeEvent.Grow e -> "grow goid=" + e.goid() + " " + e.oldSize() + " -> " + e.newSize() + " copied="
                    + e.bytesCopied();
            case RuntimeEvent.Shrink e -> "shrink goid=" + e.goid() + " " + e.oldSize() + " -> " + e.newSize()
                    + " copied=" + e.bytesCopied();
            case RuntimeEvent.GcCycle e -> "gc " + e.cycle() + " scanned=" + e.scanned() + " shrunk=" + e.shrunk()
                    + " startingStackSize=" + e.startingStackSize();
        };
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static String range(Stack s) {
        return "[" + hex(s.lo()) + ", " + hex(s.hi()) + ")";
    }
}
