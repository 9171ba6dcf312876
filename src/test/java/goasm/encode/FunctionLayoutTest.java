package goasm.encode;

import goasm.obj.AddrName;
import goasm.obj.Prog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole functions as the frame lowering hands them over. Expected bytes, pcs and relocations:
 * Go 1.19.8's {@code go tool asm -S} listings, reproduced instruction for instruction.
 */
class FunctionLayoutTest {
    /**
     * {@code TEXT ·f(SB),0,$24-8; MOVQ x+0(FP), AX; CALL ·g(SB); RET} in package "": Go's listing
     * shows the stack check, the frame setup and teardown, and the morestack call at the end.
     */
    @Test
    void stackCheckedFunction() {
        TestFunction f = TestFunction.of(
                "MOVQ (TLS), R14",
                "CMPQ SP, 16(R14)",
                "PCDATA $0, $-2",
                "JLS more",
                "PCDATA $0, $-1",
                "SUBQ $32, SP",
                "MOVQ BP, 24(SP)",
                "LEAQ 24(SP), BP",
                "FUNCDATA $5, f.arginfo0(SB)",
                "FUNCDATA $0, f.args_stackmap(SB)",
                "MOVQ 40(SP), AX",
                "CALL g(SB)",
                "MOVQ 24(SP), BP",
                "ADDQ $32, SP",
                "RET",
                "more: NOP",
                "PCDATA $1, $-1",
                "PCDATA $0, $-2",
                "CALL runtime.morestack_noctxt(SB)",
                "PCDATA $0, $-1",
                "JMP entry");
        f.progs.get(11).from = f.progs.get(11).from.withName(AddrName.PARAM);
        labelEntry(f);
        f.assemble();

        assertThat(f.errors()).isEmpty();
        assertThat(f.hex()).isEqualTo("64 4c 8b 34 25 00 00 00 00 49 3b 66 10 76 22 48 "
                + "83 ec 20 48 89 6c 24 18 48 8d 6c 24 18 48 8b 44 "
                + "24 28 e8 00 00 00 00 48 8b 6c 24 18 48 83 c4 20 "
                + "c3 e8 00 00 00 00 eb c8");
        assertThat(f.fn.size).isEqualTo(56);
        assertThat(pcs(f)).containsExactly(0L, 0L, 9L, 13L, 13L, 15L, 15L, 19L, 24L, 29L, 29L, 29L, 34L, 39L, 44L,
                48L, 49L, 49L, 49L, 49L, 54L, 54L);
        assertThat(f.relocs()).containsExactly(
                "rel 5+4 t=15 TLS+0",
                "rel 35+4 t=7 g+0",
                "rel 50+4 t=7 runtime.morestack_noctxt+0");
    }

    /**
     * {@code TEXT ·w(SB),WRAPPER,$5000-0; NOP; RET}: the big-frame stack check and the WRAPPER
     * panic-argp fix-up, with forward jumps over it and backward jumps into the body.
     */
    @Test
    void wrapperWithLargeFrame() {
        TestFunction f = TestFunction.of(
                "MOVQ (TLS), R14",
                "MOVQ SP, R12",
                "PCDATA $0, $-2",
                "SUBQ $4880, R12",
                "JCS more",
                "CMPQ R12, 16(R14)",
                "JLS more",
                "PCDATA $0, $-1",
                "SUBQ $5008, SP",
                "MOVQ BP, 5000(SP)",
                "LEAQ 5000(SP), BP",
                "MOVQ 32(R14), R12",
                "TESTQ R12, R12",
                "JNE panicking",
                "body: NOP",
                "FUNCDATA $5, w.arginfo0(SB)",
                "FUNCDATA $0, w.args_stackmap(SB)",
                "NOP",
                "MOVQ 5000(SP), BP",
                "ADDQ $5008, SP",
                "RET",
                "more: NOP",
                "PCDATA $1, $-1",
                "PCDATA $0, $-2",
                "CALL runtime.morestack_noctxt(SB)",
                "PCDATA $0, $-1",
                "JMP entry",
                "panicking: LEAQ 5016(SP), R13",
                "CMPQ (R12), R13",
                "JNE body",
                "MOVQ SP, (R12)",
                "JMP body");
        labelEntry(f);
        f.assemble();

        assertThat(f.errors()).isEmpty();
        assertThat(f.hex()).isEqualTo("64 4c 8b 34 25 00 00 00 00 49 89 e4 49 81 ec 10 "
                + "13 00 00 72 36 4d 3b 66 10 76 30 48 81 ec 90 13 "
                + "00 00 48 89 ac 24 88 13 00 00 48 8d ac 24 88 13 "
                + "00 00 4d 8b 66 20 4d 85 e4 75 17 48 8b ac 24 88 "
                + "13 00 00 48 81 c4 90 13 00 00 c3 e8 00 00 00 00 "
                + "eb ae 4c 8d ac 24 98 13 00 00 4d 39 2c 24 75 db "
                + "49 89 24 24 eb d5");
        assertThat(f.relocs()).containsExactly("rel 5+4 t=15 TLS+0", "rel 76+4 t=7 runtime.morestack_noctxt+0");
    }

    /** Points every "JMP entry" at the first instruction after TEXT, as the frame lowering does. */
    private static void labelEntry(TestFunction f) {
        Prog first = f.progs.get(1);
        for (Prog p : f.progs) {
            if (p.to.type() == goasm.obj.AddrType.BRANCH && "entry".equals(p.to.localName())) {
                p.to = goasm.obj.Addr.branchTo(first);
            }
        }
    }

    private static java.util.List<Long> pcs(TestFunction f) {
        return f.progs.stream().map(p -> p.pc).toList();
    }
}
