package goasm.emit;

import goasm.obj.Diagnostics;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Symbol;
import goasm.obj.TextFlag;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Data-symbol listings; expected text is Go 1.19.8's `go tool asm -S` output for the DATA/GLOBL quoted. */
class ListingTest {
    private final Link link = new Link(Link.Options.DEFAULT.withRelease(goasm.release.ReleaseProfile.reference(goasm.release.GoRelease.GO1_19)), new Diagnostics(new PrintStream(System.err), false));

    /*
     * DATA msg<>+0(SB)/8, $"hello wo"
     * DATA msg<>+8(SB)/4, $0x12345678
     * GLOBL msg<>(SB), RODATA, $16
     * GLOBL ·counter(SB), NOPTR, $8
     */
    @Test
    void dataSymbolsDumpBytesWithAsciiColumn() {
        Symbol msg = link.lookup("msg");
        msg.set(Symbol.Attr.STATIC, true);
        msg.kind = goasm.obj.SymKind.SDATA;
        msg.writeBytes(0, "hello wo".getBytes(StandardCharsets.US_ASCII));
        msg.writeBytes(8, new byte[] {0x78, 0x56, 0x34, 0x12});
        link.globl(msg, 16, TextFlag.RODATA);
        link.globl(link.lookup("\"\".counter"), 8, TextFlag.NOPTR);

        StringBuilder out = new StringBuilder();
        Listing.write(link, out);
        assertThat(out.toString()).isEqualTo("""
                msg SRODATA static size=16
                \t0x0000 68 65 6c 6c 6f 20 77 6f 78 56 34 12              hello woxV4.
                "".counter SNOPTRBSS size=8
                """);
    }

    /*
     * TEXT f<>(SB), DUPOK|NOSPLIT|WRAPPER|NEEDCTXT|NOFRAME, $0
     * TEXT h<>(SB), NOSPLIT, $0
     * Go 1.19.8 lists them as
     *   TEXT	f<>(SB), DUPOK|NOSPLIT|WRAPPER|NEEDCTXT|NOFRAME|STATIC, $0
     *   TEXT	h<>(SB), NOSPLIT|STATIC, $0
     * (crypto/aes's TEXT _expand_key_128<>(SB),NOSPLIT,$0 likewise).
     */
    @Test
    void fileLocalFunctionsShowStaticAmongTheirTextAttributes() {
        Symbol f = link.lookupStatic("f");
        for (Symbol.Attr attr : new Symbol.Attr[] {Symbol.Attr.DUPOK, Symbol.Attr.NOSPLIT, Symbol.Attr.WRAPPER,
                Symbol.Attr.NEEDCTXT, Symbol.Attr.NOFRAME}) {
            f.set(attr, true);
        }
        Symbol h = link.lookupStatic("h");
        h.set(Symbol.Attr.NOSPLIT, true);

        assertThat(OperandFormat.textAttributes(f)).isEqualTo("DUPOK|NOSPLIT|WRAPPER|NEEDCTXT|NOFRAME|STATIC");
        assertThat(OperandFormat.textAttributes(h)).isEqualTo("NOSPLIT|STATIC");
    }

    @Test
    void pcColumnHasAtLeastFourHexDigits() {
        // Go's %#04x: 0 -> 0x0000, 44 -> 0x002c, 0x12345 stays whole.
        assertThat(Listing.pcHex(0)).isEqualTo("0x0000");
        assertThat(Listing.pcHex(44)).isEqualTo("0x002c");
        assertThat(Listing.pcHex(0x12345)).isEqualTo("0x12345");
    }
}
