package goasm.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The listing parser, on listing text as Go 1.19 prints it (the seed's printnl_nosplit). */
class AsmListingTest {
    private static final String LISTING = """
            "".printnl_nosplit STEXT nosplit asm size=29 args=0xffffffff80000000 locals=0x10 funcid=0x0 align=0x0
            \t0x0000 00000 (p.s:3)\tTEXT\t"".printnl_nosplit(SB), NOSPLIT, $16
            \t0x0000 00000 (p.s:3)\tSUBQ\t$16, SP
            \t0x0004 00004 (p.s:3)\tMOVQ\tBP, 8(SP)
            \t0x0009 00009 (p.s:3)\tLEAQ\t8(SP), BP
            \t0x000e 00014 (p.s:3)\tFUNCDATA\t$5, "".printnl_nosplit.arginfo0(SB)
            \t0x000e 00014 (p.s:4)\tCALL\truntime.printnl(SB)
            \t0x0013 00019 (p.s:5)\tMOVQ\t8(SP), BP
            \t0x0018 00024 (p.s:5)\tADDQ\t$16, SP
            \t0x001c 00028 (p.s:5)\tRET
            \t0x0000 48 83 ec 10 48 89 6c 24 08 48 8d 6c 24 08 e8 00  H...H.l$.H.l$...
            \t0x0010 00 00 00 48 8b 6c 24 08 48 83 c4 10 c3           ...H.l$.H....
            \trel 15+4 t=7 runtime.printnl+0
            "".table SRODATA size=4
            \t0x0000 01 00 00 00                                      ....
            """;

    @Test
    void readsFunctionsEntriesAndCode() {
        AsmListing listing = AsmListing.parse(LISTING);
        assertThat(listing.functions()).hasSize(1);
        AsmListing.Function fn = listing.function("\"\".printnl_nosplit");
        assertThat(fn.size()).isEqualTo(29);
        assertThat(fn.entries()).hasSize(9);
        assertThat(fn.entries().get(5)).isEqualTo(new AsmListing.Entry(14, "p.s", 4, "CALL\truntime.printnl(SB)"));
        assertThat(fn.code()).hasSize(29);
    }

    @Test
    void groupsCodeBySourceLine() {
        var lines = AsmListing.parse(LISTING).function("\"\".printnl_nosplit").bySourceLine("p.s");
        assertThat(lines.keySet()).containsExactly(3, 4, 5);
        // Line 3: the prologue, SUBQ (4 bytes) + MOVQ (5) + LEAQ (5), ending where the CALL starts.
        assertThat(lines.get(3).hex()).isEqualTo("4883ec1048896c2408488d6c2408");
        assertThat(lines.get(4).text()).isEqualTo("CALL\truntime.printnl(SB)");
        assertThat(lines.get(4).hex()).isEqualTo("e800000000");
        assertThat(lines.get(5).text()).isEqualTo("MOVQ\t8(SP), BP; ADDQ\t$16, SP; RET");
        assertThat(lines.get(5).hex()).isEqualTo("488b6c24084883c410c3");
    }
}
