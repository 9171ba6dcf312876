package goasm.encode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relocations: offsets past REX prefixes and PC-relative addends that account for immediates
 * after the displacement. Expected values: Go 1.19.8's {@code go tool asm -S} listing of the
 * same instructions in a NOSPLIT $0 function ({@code ·} spelled {@code .} as Go prints it).
 */
class RelocationTest {
    @Test
    void relocationsAsGoEmitsThem() {
        TestFunction f = TestFunction.of(
                "CALL R11",
                "MOVQ g.h(SB), R11",
                "MOVL $7, g.h+8(SB)",
                "CMPQ g.h(SB), $300",
                "LEAQ g.h<>+16(SB), AX",
                "JMP g.h(SB)",
                "MOVB $1, g.h(SB)",
                "RET").assemble();

        assertThat(f.errors()).isEmpty();
        assertThat(f.hex()).isEqualTo("41 ff d3 4c 8b 1d 00 00 00 00 c7 05 00 00 00 00 07 00 00 00 "
                + "48 81 3d 00 00 00 00 2c 01 00 00 48 8d 05 00 00 00 00 e9 00 00 00 00 "
                + "c6 05 00 00 00 00 01 c3");
        assertThat(f.relocs()).containsExactly(
                "rel 1+0 t=10 +0",
                "rel 6+4 t=14 g.h+0",
                "rel 12+4 t=14 g.h+4",
                "rel 23+4 t=14 g.h+-4",
                "rel 34+4 t=14 g.h+16",
                "rel 39+4 t=7 g.h+0",
                "rel 45+4 t=14 g.h+-1");
    }

    @Test
    void tlsLoadIsFsRelativeWithALocalExecRelocation() {
        // The example, from Go's listing: MOVQ (TLS), R14 -> 64 4c 8b 34 25 00 00 00 00, rel 5+4 t=15 TLS+0.
        TestFunction f = TestFunction.of("MOVQ (TLS), R14").assemble();
        assertThat(f.hex()).isEqualTo("64 4c 8b 34 25 00 00 00 00");
        assertThat(f.relocs()).containsExactly("rel 5+4 t=15 TLS+0");
        assertThat(f.fn.relocs.get(0).sym()).isNull();
    }

    @Test
    void callsToSymbolsUseCallRelocations() {
        // Listing: CALL g.h(SB) = e8 00 00 00 00 with "rel 1+4 t=7 g.h+0".
        TestFunction f = TestFunction.of("CALL g.h(SB)").assemble();
        assertThat(f.hex()).isEqualTo("e8 00 00 00 00");
        assertThat(f.relocs()).containsExactly("rel 1+4 t=7 g.h+0");
    }
}
