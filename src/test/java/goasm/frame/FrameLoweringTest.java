package goasm.frame;

import goasm.arch.amd64.Op;
import goasm.arch.amd64.Reg;
import goasm.obj.Addr;
import goasm.obj.Diagnostics;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Prog;
import goasm.obj.Symbol;

import goasm.testing.HandBuiltFunctions;
import org.junit.jupiter.api.Test;

import static goasm.testing.HandBuiltFunctions.auto;
import static goasm.testing.HandBuiltFunctions.call;
import static goasm.testing.HandBuiltFunctions.param;
import static goasm.testing.HandBuiltFunctions.prog;
import static goasm.testing.HandBuiltFunctions.ret;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frame lowering on hand-built functions. The expected instruction sequences are those printed
 * by Go 1.19.8's `go tool asm -S` for the same source (quoted above each test); pcs are not
 * assigned here (that is the encoder's job), so branch targets are checked by identity.
 */
class FrameLoweringTest {
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final Link link = new Link(Link.Options.DEFAULT.withRelease(goasm.release.ReleaseProfile.reference(goasm.release.GoRelease.GO1_19)), new Diagnostics(new PrintStream(errors), false));

    private Symbol function(String name, int flagsNosplit, long frame, int args, Prog... body) {
        return HandBuiltFunctions.define(link, name, flagsNosplit != 0, frame, args, 3, List.of(body));
    }

    private List<String> lower(Symbol fn) {
        FrameLowering frames = new FrameLowering(link, null);
        frames.edit(fn);
        frames.lower(fn);
        FrameLowering.expandAdjsp(fn);
        List<String> lines = new ArrayList<>();
        for (Prog p = fn.func.text; p != null; p = p.link) {
            lines.add("(" + p.pos + ")\t" + OperandFormat.instruction(p));
        }
        return lines;
    }

    /*
     * TEXT ·printnl_nosplit(SB), NOSPLIT, $8
     *     CALL runtime·printnl(SB)
     *     RET
     * Go: the frame grows to 16 for the saved BP; no stack check.
     */
    @Test
    void nosplitFrameSavesBpAndExpandsRet() {
        Symbol fn = function("\"\".printnl_nosplit", 1, 8, goasm.obj.Addr.ARGS_SIZE_UNKNOWN,
                call(4, link.lookup("runtime.printnl")), ret(5));
        assertThat(lower(fn)).containsExactly(
                "(a.s:3)\tTEXT\t\"\".printnl_nosplit(SB), NOSPLIT, $16",
                "(a.s:3)\tSUBQ\t$16, SP",
                "(a.s:3)\tMOVQ\tBP, 8(SP)",
                "(a.s:3)\tLEAQ\t8(SP), BP",
                "(a.s:4)\tCALL\truntime.printnl(SB)",
                "(a.s:5)\tMOVQ\t8(SP), BP",
                "(a.s:5)\tADDQ\t$16, SP",
                "(a.s:5)\tRET");
        assertThat(fn.func.locals).isEqualTo(16);
        assertThat(fn.func.args).isEqualTo(0x80000000L | 0xffffffff00000000L);
    }

    /*
     * TEXT ·printnl(SB), $8 / CALL runtime·printnl(SB) / RET — Go's listing:
     *   TEXT "".printnl(SB), $16; MOVQ (TLS), R14; CMPQ SP, 16(R14); PCDATA $0, $-2; JLS 44;
     *   PCDATA $0, $-1; SUBQ $16, SP; MOVQ BP, 8(SP); LEAQ 8(SP), BP; CALL runtime.printnl(SB);
     *   MOVQ 8(SP), BP; ADDQ $16, SP; RET; NOP (at RET's line); PCDATA $1, $-1; PCDATA $0, $-2;
     *   CALL runtime.morestack_noctxt(SB); PCDATA $0, $-1; JMP 0
     */
    @Test
    void smallFrameGetsStackCheckAndMorestackTail() {
        Symbol fn = function("\"\".printnl", 0, 8, goasm.obj.Addr.ARGS_SIZE_UNKNOWN,
                call(8, link.lookup("runtime.printnl")), ret(9));
        assertThat(lower(fn)).containsExactly(
                "(a.s:3)\tTEXT\t\"\".printnl(SB), $16",
                "(a.s:3)\tMOVQ\t(TLS), R14",
                "(a.s:3)\tCMPQ\tSP, 16(R14)",
                "(a.s:3)\tPCDATA\t$0, $-2",
                "(a.s:3)\tJLS\t0",
                "(a.s:3)\tPCDATA\t$0, $-1",
                "(a.s:3)\tSUBQ\t$16, SP",
                "(a.s:3)\tMOVQ\tBP, 8(SP)",
                "(a.s:3)\tLEAQ\t8(SP), BP",
                "(a.s:8)\tCALL\truntime.printnl(SB)",
                "(a.s:9)\tMOVQ\t8(SP), BP",
                "(a.s:9)\tADDQ\t$16, SP",
                "(a.s:9)\tRET",
                "(a.s:9)\tNOP",
                "(a.s:3)\tPCDATA\t$1, $-1",
                "(a.s:3)\tPCDATA\t$0, $-2",
                "(a.s:3)\tCALL\truntime.morestack_noctxt(SB)",
                "(a.s:3)\tPCDATA\t$0, $-1",
                "(a.s:3)\tJMP\t0");
        Prog load = fn.func.text.link;
        Prog jls = load.link.link.link;
        Prog jmp = last(fn);
        assertThat(jmp.to.target()).as("JMP goes back to the g load").isSameAs(load);
        assertThat(OperandFormat.instruction(jls.to.target())).as("JLS goes to the PCDATA before morestack")
                .isEqualTo("PCDATA\t$0, $-2");
        assertThat(jmp.spadj).isEqualTo(16);
    }

    /*
     * TEXT ·add(SB), NOSPLIT, $0-24: a frameless leaf keeps frame 0, and argument names move up
     * by the return address: a+0(FP) prints as a+8(FP), ret+16(FP) as ret+24(FP) (Go's listing).
     */
    @Test
    void frameParamsShiftPastReturnAddress() {
        Symbol fn = function("\"\".add", 1, 0, 24,
                prog(12, Op.MOVQ, param("a", 0), Addr.reg(Reg.AX)),
                prog(15, Op.MOVQ, Addr.reg(Reg.AX), param("ret", 16)),
                ret(16));
        assertThat(lower(fn)).containsExactly(
                "(a.s:3)\tTEXT\t\"\".add(SB), NOSPLIT, $0-24",
                "(a.s:12)\tMOVQ\ta+8(FP), AX",
                "(a.s:15)\tMOVQ\tAX, ret+24(FP)",
                "(a.s:16)\tRET");
    }

    /*
     * TEXT ·leaf(SB), $24-0 / MOVQ AX, x-8(SP) / PUSHQ AX / MOVQ x-8(SP), BX / POPQ AX / RET.
     * A frame of 24 without calls is a leaf (< StackSmall) and becomes NOSPLIT; it still gets BP
     * room (24+8=32). x-8(SP) is relative to the pseudo SP: -8 + 32 (SP moved by the frame) - 8
     * (the BP slot) = 16, and 24 after the PUSHQ. Go 1.19.8's listing prints exactly this.
     */
    @Test
    void smallLeafBecomesNosplitAndLocalsMovePastSavedBp() {
        Symbol fn = function("\"\".leaf", 0, 24, 0,
                prog(5, Op.MOVQ, Addr.reg(Reg.AX), auto("x", -8)),
                prog(6, Op.PUSHQ, Addr.reg(Reg.AX), Addr.NONE),
                prog(7, Op.MOVQ, auto("x", -8), Addr.reg(Reg.BX)),
                prog(8, Op.POPQ, Addr.NONE, Addr.reg(Reg.AX)),
                ret(9));
        assertThat(lower(fn)).containsExactly(
                "(a.s:3)\tTEXT\t\"\".leaf(SB), NOSPLIT, $32-0",
                "(a.s:3)\tSUBQ\t$32, SP",
                "(a.s:3)\tMOVQ\tBP, 24(SP)",
                "(a.s:3)\tLEAQ\t24(SP), BP",
                "(a.s:5)\tMOVQ\tAX, x+16(SP)",
                "(a.s:6)\tPUSHQ\tAX",
                "(a.s:7)\tMOVQ\tx+24(SP), BX",
                "(a.s:8)\tPOPQ\tAX",
                "(a.s:9)\tMOVQ\t24(SP), BP",
                "(a.s:9)\tADDQ\t$32, SP",
                "(a.s:9)\tRET");
        assertThat(fn.has(Symbol.Attr.NOSPLIT)).isTrue();
    }

    /*
     * Go's stacksplit for StackSmall < frame <= StackBig: LEAQ -(frame-128)(SP), R12;
     * CMPQ R12, 16(R14). Frame 200 + 8 for BP = 208 -> LEAQ -80(SP), R12.
     */
    @Test
    void mediumFrameComparesAdjustedSp() {
        Symbol fn = function("\"\".medium", 0, 200, 0, call(5, link.lookup("runtime.printnl")), ret(6));
        List<String> lines = lower(fn);
        assertThat(lines.subList(0, 6)).containsExactly(
                "(a.s:3)\tTEXT\t\"\".medium(SB), $208-0",
                "(a.s:3)\tMOVQ\t(TLS), R14",
                "(a.s:3)\tLEAQ\t-80(SP), R12",
                "(a.s:3)\tCMPQ\tR12, 16(R14)",
                "(a.s:3)\tPCDATA\t$0, $-2",
                "(a.s:3)\tJLS\t0");
    }

    /*
     * Frame > StackBig: MOVQ SP, R12; PCDATA $0, $-2; SUBQ $(frame-128), R12; JCS; CMPQ R12,
     * 16(R14); JLS. Frame 5000 + 8 = 5008 -> SUBQ $4880, R12. (-0x80 rule: ADJSP 5008 is SUBQ.)
     */
    @Test
    void hugeFrameGuardsAgainstWrapAround() {
        Symbol fn = function("\"\".huge", 0, 5000, 0, call(5, link.lookup("runtime.printnl")), ret(6));
        List<String> lines = lower(fn);
        assertThat(lines.subList(0, 10)).containsExactly(
                "(a.s:3)\tTEXT\t\"\".huge(SB), $5008-0",
                "(a.s:3)\tMOVQ\t(TLS), R14",
                "(a.s:3)\tMOVQ\tSP, R12",
                "(a.s:3)\tPCDATA\t$0, $-2",
                "(a.s:3)\tSUBQ\t$4880, R12",
                "(a.s:3)\tJCS\t0",
                "(a.s:3)\tCMPQ\tR12, 16(R14)",
                "(a.s:3)\tJLS\t0",
                "(a.s:3)\tPCDATA\t$0, $-1",
                "(a.s:3)\tSUBQ\t$5008, SP");
    }

    /* A frame of exactly 0x80 bytes is allocated with ADDQ $-128, SP (one byte shorter than SUBQ $128). */
    @Test
    void frameOf128UsesNegativeImmediate() {
        Symbol fn = function("\"\".f128", 1, 120, 0, call(5, link.lookup("runtime.printnl")), ret(6));
        List<String> lines = lower(fn);
        assertThat(lines).contains("(a.s:3)\tADDQ\t$-128, SP", "(a.s:6)\tSUBQ\t$-128, SP");
    }

    private static Prog last(Symbol fn) {
        Prog p = fn.func.text;
        while (p.link != null) {
            p = p.link;
        }
        return p;
    }
}
