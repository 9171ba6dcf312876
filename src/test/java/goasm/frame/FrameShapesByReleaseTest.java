package goasm.frame;

import goasm.obj.Addr;
import goasm.obj.Diagnostics;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Prog;
import goasm.obj.Symbol;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import goasm.testing.HandBuiltFunctions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import static goasm.testing.HandBuiltFunctions.call;
import static goasm.testing.HandBuiltFunctions.ret;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prologue and epilogue shapes that differ between releases, on hand-built functions. The
 * expectations follow each release's obj6.go as read (FrameLoweringTest has Go 1.19's); the
 * examples conformance test checks the same shapes against the real tools.
 */
class FrameShapesByReleaseTest {
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

    private Link link(GoRelease release) {
        return new Link(Link.Options.DEFAULT.withRelease(ReleaseProfile.reference(release)),
                new Diagnostics(new PrintStream(errors), false));
    }

    private static List<String> lower(Link link, Symbol fn) {
        FrameLowering frames = new FrameLowering(link, null);
        frames.edit(fn);
        frames.lower(fn);
        FrameLowering.expandAdjsp(fn);
        List<String> lines = new ArrayList<>();
        for (Prog p = fn.func.text; p != null; p = p.link) {
            lines.add(OperandFormat.instruction(p));
        }
        return lines;
    }

    /*
     * TEXT ·f(SB), $8 / CALL runtime·printnl(SB) / RET. From Go 1.21 the caller's BP is pushed
     * (PUSHQ BP; MOVQ SP, BP) and only the rest of the frame (16-8) is subtracted; the epilogue
     * undoes it in reverse order.
     */
    @Test
    void go121PushesBp() {
        Link link = link(GoRelease.GO1_21);
        Symbol fn = HandBuiltFunctions.define(link, "\"\".f", false, 8, Addr.ARGS_SIZE_UNKNOWN, 3,
                List.of(call(4, link.lookup("runtime.printnl")), ret(5)));
        assertThat(lower(link, fn)).containsExactly(
                "TEXT\t\"\".f(SB), $16",
                "MOVQ\t(TLS), R14",
                "CMPQ\tSP, 16(R14)",
                "PCDATA\t$0, $-2",
                "JLS\t0",
                "PCDATA\t$0, $-1",
                "PUSHQ\tBP",
                "MOVQ\tSP, BP",
                "SUBQ\t$8, SP",
                "CALL\truntime.printnl(SB)",
                "ADDQ\t$8, SP",
                "POPQ\tBP",
                "RET",
                "NOP",
                "PCDATA\t$1, $-1",
                "PCDATA\t$0, $-2",
                "CALL\truntime.morestack_noctxt(SB)",
                "PCDATA\t$0, $-1",
                "JMP\t0");
        assertThat(errors.toString()).isEmpty();
    }

    /*
     * TEXT ·f(SB), NOSPLIT, $0 / CALL runtime·printnl(SB) / RET. Up to Go 1.19 a frameless NOSPLIT
     * function is taken for runtime internals and gets no BP save; from Go 1.21 it is saved like
     * any caller's: PUSHQ BP; MOVQ SP, BP and nothing else to allocate.
     */
    @Test
    void go121SavesBpInFramelessNosplitCallers() {
        Link old = link(GoRelease.GO1_19);
        Symbol f19 = HandBuiltFunctions.define(old, "\"\".f", true, 0, 0, 3,
                List.of(call(4, old.lookup("runtime.printnl")), ret(5)));
        assertThat(lower(old, f19)).containsExactly("TEXT\t\"\".f(SB), NOSPLIT, $0-0",
                "CALL\truntime.printnl(SB)", "RET");

        Link link = link(GoRelease.GO1_21);
        Symbol fn = HandBuiltFunctions.define(link, "\"\".f", true, 0, 0, 3,
                List.of(call(4, link.lookup("runtime.printnl")), ret(5)));
        assertThat(lower(link, fn)).containsExactly("TEXT\t\"\".f(SB), NOSPLIT, $8-0", "PUSHQ\tBP",
                "MOVQ\tSP, BP", "CALL\truntime.printnl(SB)", "POPQ\tBP", "RET");
    }

    /*
     * TEXT ·leaf(SB), NOSPLIT, $0-8 / RET: from Go 1.21 a function left without a BP save is
     * marked NOFRAME, which the TEXT line shows.
     */
    @Test
    void go121MarksFramelessLeavesNoframe() {
        Link link = link(GoRelease.GO1_27);
        Symbol fn = HandBuiltFunctions.define(link, "main.leaf", true, 0, 8, 3, List.of(ret(4)));
        assertThat(lower(link, fn)).containsExactly("TEXT\tmain.leaf(SB), NOSPLIT|NOFRAME, $0-8", "RET");
    }

    /*
     * TEXT ·f(SB), $200 (a frame above StackSmall=128, below StackBig) in Go 1.15: g is loaded
     * into CX before the check, and the scratch register of SP-(framesize-StackSmall) is AX:
     * LEAQ -80(SP), AX; CMPQ AX, 16(CX) — where Go 1.19 uses R14 and R12.
     */
    @Test
    void go115UsesCxAndAx() {
        Link link = link(GoRelease.GO1_15);
        Symbol fn = HandBuiltFunctions.define(link, "\"\".f", false, 200, 0, 3,
                List.of(call(4, link.lookup("runtime.printnl")), ret(5)));
        List<String> lines = lower(link, fn);
        // Frame 200 + 8 for BP = 208; 208-128 = 80.
        assertThat(lines.subList(0, 9)).containsExactly(
                "TEXT\t\"\".f(SB), $208-0",
                "MOVQ\t(TLS), CX",
                "LEAQ\t-80(SP), AX",
                "CMPQ\tAX, 16(CX)",
                "PCDATA\t$0, $-2",
                "JLS\t0",
                "PCDATA\t$0, $-1",
                "SUBQ\t$208, SP",
                "MOVQ\tBP, 200(SP)");
    }

    /*
     * A frame of 8192 in Go 1.15: stackguard0 is read into SI; the preemption request
     * (StackPreempt = -1314) goes straight to morestack; else SP+StackGuard(928)-SI is compared
     * with framesize+StackGuard-StackSmall = 8200+928-128 = 9000.
     */
    @Test
    void go115HugeFrameChecksDistanceUnlessPreempted() {
        Link link = link(GoRelease.GO1_15);
        Symbol fn = HandBuiltFunctions.define(link, "\"\".f", false, 8192, 0, 3,
                List.of(call(4, link.lookup("runtime.printnl")), ret(5)));
        assertThat(lower(link, fn).subList(1, 11)).containsExactly(
                "MOVQ\t(TLS), CX",
                "MOVQ\t16(CX), SI",
                "PCDATA\t$0, $-2",
                "CMPQ\tSI, $-1314",
                "JEQ\t0",
                "LEAQ\t928(SP), AX",
                "SUBQ\tSI, AX",
                "CMPQ\tAX, $9000",
                "JLS\t0",
                "PCDATA\t$0, $-1");
    }

    /* WRAPPER in Go 1.26: no panic-argp fix-up any more, so a NOSPLIT wrapper needs no g at all. */
    @Test
    void go126WrappersHaveNoFixup() {
        Link link = link(GoRelease.GO1_26);
        Symbol fn = HandBuiltFunctions.define(link, "main.w", true, 0, 8, 3, List.of(ret(4)));
        fn.set(Symbol.Attr.WRAPPER, true);
        assertThat(lower(link, fn)).containsExactly("TEXT\tmain.w(SB), NOSPLIT|WRAPPER|NOFRAME, $0-8", "RET");
    }
}
