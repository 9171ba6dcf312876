package goasm.release;

import java.util.List;
import java.util.OptionalInt;

/**
 * Where a release's runtime keeps the fields of g, gobuf, m and _defer on linux/amd64 (the
 * offsets its go_asm.h gives assembly), and how big those structures are. Read from each
 * release's runtime2.go with 8-byte pointers and natural alignment, and checked against the
 * DWARF of a binary built by that release.
 *
 * @param g          offsets inside g
 * @param gobuf      offsets inside a gobuf (g.sched, m.morebuf)
 * @param m          offsets inside m
 * @param deferRecord the _defer fields copystack adjusts
 * @param gSize      sizeof(g)
 * @param gAllocSize the malloc size class a g is allocated from
 * @param mSize      sizeof(m)
 * @param mAllocSize the malloc size class an m is allocated from
 */
public record RuntimeLayout(GFields g, GobufFields gobuf, MFields m, DeferFields deferRecord,
                            int gSize, int gAllocSize, int mSize, int mAllocSize) {

    /** The g fields the emulated runtime reads and writes. */
    public record GFields(int stackLo, int stackHi, int stackguard0, int stackguard1, int panic, int defer,
                          int m, int sched, int syscallsp, int syscallpc, int stktopsp, int param,
                          int atomicstatus, int goid, int schedlink, int preempt, int preemptStop,
                          int preemptShrink, int asyncSafePoint, int throwsplit, int activeStackChans,
                          int parkingOnChan, int gopc, int startpc, int waiting) {
    }

    /**
     * gobuf: {@code ret} is absent from Go 1.26 on (the struct shrank to 48 bytes).
     */
    public record GobufFields(int sp, int pc, int g, int ctxt, OptionalInt ret, int lr, int bp, int size) {
    }

    public record MFields(int g0, int morebuf, int gsignal, int tls, int curg, int p) {
    }

    /**
     * @param link          the next record in the chain
     * @param stackPointers the fields adjustdefers moves with the stack (link among them)
     */
    public record DeferFields(int link, List<Integer> stackPointers) {
        public DeferFields {
            stackPointers = List.copyOf(stackPointers);
        }
    }

    private static final GobufFields GOBUF_WITH_RET = new GobufFields(0, 8, 16, 24, OptionalInt.of(32), 40, 48, 56);
    /** Go 1.26 dropped gobuf.ret: lr and bp moved up a word. */
    private static final GobufFields GOBUF_NO_RET = new GobufFields(0, 8, 16, 24, OptionalInt.empty(), 32, 40, 48);

    /** _defer up to 1.21: sp 8, pc 16, fn 24, _panic 32, link 40, fd 48, varp 56. */
    private static final DeferFields DEFER_WITH_PANIC = new DeferFields(40, List.of(24, 8, 32, 40, 56, 48));
    /** _defer from 1.22 (open-coded defer rework): sp 8, pc 16, fn 24, link 32, head 40. */
    private static final DeferFields DEFER_SHORT = new DeferFields(32, List.of(24, 8, 32));

    private static final MFields M_WITH_DIVMOD = new MFields(0, 8, 80, 136, 192, 208);
    /** Go 1.26's smaller gobuf shifts m's fields after morebuf by a word. */
    private static final MFields M_SHORT_GOBUF = new MFields(0, 8, 72, 128, 184, 208);

    public static RuntimeLayout of(GoRelease release) {
        return switch (release) {
            // No runnableStamp/runnableTime yet: the tracing fields end earlier, gopc at 280.
            case GO1_15 -> new RuntimeLayout(gFields(0, 280), GOBUF_WITH_RET, M_WITH_DIVMOD, DEFER_WITH_PANIC,
                    376, 384, 992, 1024);
            // runnableStamp and runnableTime (scheduler latency metrics) push gopc to 296.
            case GO1_19 -> new RuntimeLayout(gFields(0, 296), GOBUF_WITH_RET, M_WITH_DIVMOD, DEFER_WITH_PANIC,
                    392, 416, 1008, 1024);
            // The trace fields moved into g.trace at the end: gopc back to 280.
            case GO1_21 -> new RuntimeLayout(gFields(0, 280), GOBUF_WITH_RET, M_WITH_DIVMOD, DEFER_WITH_PANIC,
                    408, 416, 1008, 1024);
            case GO1_22 -> new RuntimeLayout(gFields(0, 280), GOBUF_WITH_RET, M_WITH_DIVMOD, DEFER_SHORT,
                    424, 448, 2024, 2048);
            // syscallbp after syscallpc moves everything from stktopsp by 8 (and the flags by 8 more).
            case GO1_23 -> new RuntimeLayout(gFields(8, 288), GOBUF_WITH_RET, M_WITH_DIVMOD, DEFER_SHORT,
                    432, 448, 1760, 1792);
            case GO1_24 -> new RuntimeLayout(gFields(8, 288), GOBUF_WITH_RET, M_WITH_DIVMOD, DEFER_SHORT,
                    440, 448, 1808, 2048);
            // gobuf lost ret: syscallsp and syscallpc at 104 and 112, syscallbp 120, the rest as in 1.19.
            case GO1_26 -> new RuntimeLayout(gFieldsShortGobuf(), GOBUF_NO_RET, M_SHORT_GOBUF, DEFER_SHORT,
                    456, 480, 1824, 2048);
            case GO1_27 -> new RuntimeLayout(gFieldsShortGobuf(), GOBUF_NO_RET, M_SHORT_GOBUF, DEFER_SHORT,
                    456, 480, 1832, 2048);
        };
    }

    /**
     * g with a 56-byte sched at 56: syscallsp 112, syscallpc 120, then (with {@code shift} 8 when
     * syscallbp sits there) stktopsp 128, param 136, atomicstatus 144, goid 152, schedlink 160,
     * and the one-byte flags from preempt 177; gopc where the release puts it, startpc and
     * waiting 16 and 32 bytes after it.
     */
    private static GFields gFields(int shift, int gopc) {
        return new GFields(0, 8, 16, 24, 32, 40, 48, 56, 112, 120, 128 + shift, 136 + shift, 144 + shift,
                152 + shift, 160 + shift, 177 + shift, 178 + shift, 179 + shift, 180 + shift, 183 + shift,
                184 + shift, 185 + shift, gopc, gopc + 16, gopc + 32);
    }

    private static GFields gFieldsShortGobuf() {
        return new GFields(0, 8, 16, 24, 32, 40, 48, 56, 104, 112, 128, 136, 144, 152, 160, 177, 178, 179, 180,
                183, 184, 185, 288, 304, 320);
    }
}
