package goasm.conformance;

import goasm.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VEX/EVEX rules one by one, through the whole assembler. Expected bytes and messages are
 * what Go 1.19.8's {@code go tool asm} printed for the same source; the comments say which rule
 * each line shows.
 */
class VexEvexEncodingTest {
    @TempDir
    Path dir;

    private record Case(String source, String text, String hex) {
    }

    @Test
    void encodingsEqualGos() throws IOException {
        List<Case> cases = List.of(
                // Map 0F, W0, no X/B bit needed: the two-byte c5 prefix.
                new Case("VPXOR X2, X9, X2", "VPXOR\tX2, X9, X2", "c5b1efd2"),
                // X11 as rm needs VEX.B: three-byte c4 prefix.
                new Case("VPXOR X11, X9, X2", "VPXOR\tX11, X9, X2", "c4c131efd3"),
                new Case("RORXL $7, R11, DX", "RORXL\t$7, R11, DX", "c4c37bf0d307"),
                // The fourth register travels in the immediate's high nibble (X12 -> c0).
                new Case("VBLENDVPD X12, (BX), X9, X2", "VBLENDVPD\tX12, (BX), X9, X2", "c4e3314b13c0"),
                new Case("VZEROUPPER", "VZEROUPPER", "c5f877"),
                // VEX is preferred while the operands allow it; an opmask forces EVEX.
                new Case("VADDPD X1, X2, X3", "VADDPD\tX1, X2, X3", "c5e958d9"),
                new Case("VADDPD X1, X2, K1, X3", "VADDPD\tX1, X2, K1, X3", "62f1ed0958d9"),
                // Registers 16-31: EVEX.R' and V' (inverted) carry the fifth bit.
                new Case("VADDPD Z0, Z30, Z29", "VADDPD\tZ0, Z30, Z29", "62618d4058e8"),
                // disp8*N: 2032 = 127*16 fits a compressed byte, 2048 does not.
                new Case("VADDPD 2032(DX), X29, X0", "VADDPD\t2032(DX), X29, X0", "62f1950058427f"),
                new Case("VADDPD 2048(DX), X29, X0", "VADDPD\t2048(DX), X29, X0", "62f19500588200080000"),
                // With broadcast the unit is the element: 1016 = 127*8.
                new Case("VADDPD.BCST 1016(DX), X0, X29", "VADDPD.BCST\t1016(DX), X0, X29", "6261fd18586a7f"),
                // Rounding replaces L'L; zeroing sets z.
                new Case("VADDPD.RU_SAE.Z Z3, Z2, K1, Z1", "VADDPD.RU_SAE.Z\tZ3, Z2, K1, Z1", "62f1edd958cb"),
                new Case("VMAXPD.Z (AX), Z2, K1, Z1", "VMAXPD.Z\t(AX), Z2, K1, Z1", "62f1edc95f08"),
                // A VSIB index above X15 sets V'.
                new Case("VGATHERDPD (R10)(X29*8), K3, X6", "VGATHERDPD\t(R10)(X29*8), K3, X6", "6292fd039234ea"),
                new Case("VPGATHERDQ X2, (BP)(X7*2), X1", "VPGATHERDQ\tX2, (BP)(X7*2), X1", "c4e2e9904c7d00"),
                // A register list is named by its first register in vvvv.
                new Case("V4FMADDPS 17(SP), [Z10-Z13], K2, Z0", "V4FMADDPS\t17(SP), [Z10-Z13], K2, Z0",
                        "62f22f4a9a842411000000"),
                new Case("KMOVW K1, AX", "KMOVW\tK1, AX", "c5f893c1"));

        List<String> source = new ArrayList<>(List.of("#include \"textflag.h\"", "", "TEXT ·f(SB), NOSPLIT, $0"));
        cases.forEach(c -> source.add("\t" + c.source));
        source.add("\tRET");
        GoListing listing = GoListing.parse(assemble(source, true).stdout());

        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            assertThat(listing.lines().get(4 + i)).as(c.source).isEqualTo(new GoListing.Line(c.text, c.hex));
        }
    }

    @Test
    void suffixOpmaskAndGatherMistakesGetGosMessages() throws IOException {
        List<String> source = List.of(
                "#include \"textflag.h\"",
                "",
                "TEXT ·f(SB), NOSPLIT, $0",
                "\tVADDPD.RU_SAE X3, X2, K1, X1",
                "\tVADDPD.BCST X3, X2, K1, X1",
                "\tVADDPD.SAE (AX), Z2, K1, Z1",
                "\tVADDPD.RN_SAE (AX), Z2, K1, Z1",
                // Zeroing without an opmask is accepted.
                "\tVADDPD.Z X1, X2, X3",
                // K0 means "no mask" and cannot be written as one.
                "\tVADDPD X1, X2, K0, X3",
                "\tVPGATHERDQ X2, (BP)(X2*2), X1",
                "\tVPGATHERDD (DX)(X3*4), K6, X3",
                // A register list must hold four registers.
                "\tV4FMADDPS 17(SP), [Z10-Z12], K2, Z0",
                "\tRET");
        EncoderSuitesTest.Run run = assemble(source, false);
        String file = dir.resolve("a.s").toString();
        assertThat(run.stderr().lines()).containsExactly(
                "asm: unsupported rounding: 00000 (" + file + ":4)\tVADDPD.RU_SAE\tX3, X2, K1, X1",
                "asm: illegal broadcast without memory argument: 00006 (" + file + ":5)\tVADDPD.BCST\tX3, X2, K1, X1",
                "asm: illegal SAE with memory argument: 00012 (" + file + ":6)\tVADDPD.SAE\t(AX), Z2, K1, Z1",
                "asm: illegal rounding with memory argument: 00018 (" + file + ":7)\tVADDPD.RN_SAE\t(AX), Z2, K1, Z1",
                "asm: \"\".f: invalid instruction: 00030 (" + file + ":9)\tVADDPD\tX1, X2, K0, X3",
                "asm: mask, index, and destination registers should be distinct: 00030 (" + file
                        + ":10)\tVPGATHERDQ\tX2, (BP)(X2*2), X1",
                "asm: index and destination registers should be distinct: 00030 (" + file
                        + ":11)\tVPGATHERDD\t(DX)(X3*4), K6, X3",
                "asm: \"\".f: invalid instruction: 00030 (" + file + ":12)\tV4FMADDPS\t17(SP), [Z10-Z12], K2, Z0",
                "asm: assembly failed");
        assertThat(run.status()).isNotZero();
    }

    private EncoderSuitesTest.Run assemble(List<String> source, boolean listing) throws IOException {
        Path file = dir.resolve("a.s");
        Files.write(file, source, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("asm", "-I", EncoderSuitesTest.INCLUDE.toString(), "-o",
                dir.resolve("a.o").toString()));
        if (listing) {
            args.add("-S");
        }
        args.add(file.toString());
        // The expectations here are Go 1.19's (Go 1.21 added the .Z opmask check).
        int status = Main.run(args.toArray(String[]::new), Path.of(""), Map.of("GOASM_GO", "1.19"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new EncoderSuitesTest.Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
