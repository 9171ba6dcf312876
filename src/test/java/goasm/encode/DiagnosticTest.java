package goasm.encode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Errors in Go's words. Expected text: Go 1.19.8's stderr for the same lines. */
class DiagnosticTest {
    @Test
    void invalidOperandCombinations() {
        // Go: "asm: offset too large in 00000 (err.s:2)\tMOVQ\t4294967296(AX), BX",
        //     "asm: f: invalid instruction: 00003 (err.s:3)\tMOVB\tSPB, AL",
        //     "asm: f: invalid instruction: 00003 (err.s:4)\tMOVB\tAX, $1".
        TestFunction f = TestFunction.of("MOVQ 0x100000000(AX), BX", "MOVB SPB, AL", "MOVB AX, $1", "RET")
                .assemble();
        assertThat(f.errors().lines()).containsExactly(
                "asm: offset too large in 00000 (e.s:2)\tMOVQ\t4294967296(AX), BX",
                "asm: f: invalid instruction: 00003 (e.s:3)\tMOVB\tSPB, AL",
                "asm: f: invalid instruction: 00003 (e.s:4)\tMOVB\tAX, $1");
        assertThat(f.link.diagnostics().count()).isEqualTo(3);
    }

    @Test
    void retTakesNoOperand() {
        // Go: "asm: f: invalid instruction: 00000 (a.s:2)\tRET\t$8" (the operand is in To).
        TestFunction f = TestFunction.of("RET $8").assemble();
        assertThat(f.errors()).isEqualTo("asm: f: invalid instruction: 00000 (e.s:2)\tRET\t$8\n");
    }

    @Test
    void highByteRegistersWithRexAreEncodedAsGoDoes() {
        // Go does not reject AH..BH next to a REX register: MOVB AH, R8B assembles to 41 88 e0
        // (which the CPU reads as SPB). Reproduced, not "fixed", so the bytes stay identical.
        TestFunction f = TestFunction.of("MOVB AH, R8B").assemble();
        assertThat(f.errors()).isEmpty();
        assertThat(f.hex()).isEqualTo("41 88 e0");
    }
}
