package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Bad input on the command line: goasm must say what each release's Go says (stderr text and
 * exit status, from running that release's asm in the test), never show a Java stack trace, and never leave an
 * output file behind when it fails (Go itself sometimes does; goasm does not).
 */
class BadInputTest {
    /** One bad input: the files of its directory and the file named on the command line. */
    record Case(String name, Map<String, byte[]> files, String mainFile, boolean goFails) {
        static Case of(String name, boolean goFails, String mainFile, String... namesAndTexts) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                files.put(namesAndTexts[i], namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
            }
            return new Case(name, files, mainFile, goFails);
        }
    }

    @TempDir
    Path work;

    static List<Case> cases() {
        String megabyteName = "A".repeat(1 << 20);
        byte[] garbage = new byte[512];
        new Random(20240519L).nextBytes(garbage); // java.util.Random is specified, so this is fixed
        return List.of(
                Case.of("unknown instruction", true, "bad.s",
                        "bad.s", "TEXT ·f(SB),0,$0\n\tFOOBAR AX\n\tRET\n"),
                Case.of("bad operand syntax", true, "bad.s",
                        "bad.s", "TEXT ·f(SB),0,$0\n\tMOVQ AX, 8(\n\tRET\n"),
                Case.of("operands no instruction takes", true, "bad.s",
                        "bad.s", "TEXT ·f(SB),0,$0\n\tMOVQ $1, $2\n\tRET\n"),
                // NOSPLIT without #include "textflag.h" is an undefined name.
                Case.of("undefined macro", true, "bad.s",
                        "bad.s", "TEXT ·f(SB),NOSPLIT,$0\n\tRET\n"),
                Case.of("macro call without closing parenthesis", true, "bad.s",
                        "bad.s", "#define F(x) x\nTEXT ·f(SB),0,$0\n\tF(1\n\tRET\n"),
                Case.of("unterminated #ifdef", true, "bad.s",
                        "bad.s", "#ifdef FOO\nTEXT ·f(SB),0,$0\n\tRET\n"),
                Case.of("include cycle", true, "bad.s",
                        "bad.s", "#include \"a.h\"\nTEXT ·f(SB),0,$0\n\tRET\n",
                        "a.h", "#include \"b.h\"\n",
                        "b.h", "#include \"a.h\"\n"),
                Case.of("missing input file", true, "missing.s"),
                Case.of("missing include file", true, "bad.s",
                        "bad.s", "#include \"nothere.h\"\nTEXT ·f(SB),0,$0\n\tRET\n"),
                Case.of("1 MB line", true, "bad.s",
                        "bad.s", "TEXT ·f(SB),0,$0\n\t" + megabyteName + "\n\tRET\n"),
                new Case("binary garbage", Map.of("bad.s", garbage), "bad.s", true),
                Case.of("5000-operand line", true, "bad.s",
                        "bad.s", "TEXT ·f(SB),0,$0\n\tMOVQ " + String.join(", ", Collections.nCopies(5000, "AX"))
                                + "\n\tRET\n"),
                // Go's parser recurses per parenthesis on a growable goroutine stack.
                Case.of("expression nested 200000 deep", false, "deep.s",
                        "deep.s", "TEXT ·f(SB),0,$0\n\tMOVQ $" + "(".repeat(200_000) + "1" + ")".repeat(200_000)
                                + ", AX\n\tRET\n"),
                Case.of("immediate out of range", true, "bad.s",
                        "bad.s", "TEXT ·f(SB),0,$0\n\tADDQ $0x123456789, AX\n\tRET\n"),
                Case.of("wrong operand count for a vector instruction", true, "bad.s",
                        "bad.s", "TEXT ·f(SB),0,$0\n\tVADDPD Z1, Z2, K1, Z3, Z4\n\tRET\n"),
                // Go 1.19 accepts .Z without a mask register (it encodes EVEX.z with K0).
                Case.of("zeroing without a mask", false, "bad.s",
                        "bad.s", "TEXT ·f(SB),0,$0\n\tVADDPD.Z Z1, Z2, Z3\n\tRET\n"),
                Case.of("K0 as a write mask", true, "bad.s",
                        "bad.s", "TEXT ·f(SB),0,$0\n\tVADDPD Z1, Z2, K0, Z3\n\tRET\n"),
                // Up to Go 1.21 nothing encodes PCALIGN, and the parser gave it no position: the
                // error quotes it at "<unknown line number>" (later releases pad with it).
                Case.of("PCALIGN in a release without it", true, "bad.s",
                        "bad.s", "TEXT ·f(SB),0,$0\n\tPCALIGN $16\n\tRET\n"),
                // An empty file is a valid (empty) assembly file for Go.
                Case.of("empty file", false, "empty.s", "empty.s", ""));
    }

    @TestFactory
    Stream<DynamicContainer> goasmSaysWhatGoSays() {
        return GoRelease.all().stream().map(release -> DynamicContainer.dynamicContainer("Go " + release.line(),
                cases().stream().map(c -> dynamicTest(c.name(), () -> check(release, c)))));
    }

    private void check(GoRelease release, Case c) throws IOException {
        Path dir = work.resolve(release.line() + "_" + c.name().replaceAll("\\W+", "_"));
        Path in = Files.createDirectories(dir.resolve("in"));
        for (Map.Entry<String, byte[]> file : c.files().entrySet()) {
            Files.write(in.resolve(file.getKey()), file.getValue());
        }
        Path goOutput = Files.createDirectories(dir.resolve("go")).resolve("out.o");
        Path goasmOutput = Files.createDirectories(dir.resolve("goasm")).resolve("out.o");
        Path input = in.resolve(c.mainFile());

        RunResult go = GoOracle.of(release).asm(List.of("-I", in.toString(), "-o", goOutput.toString(), input.toString()),
                null, Map.of());
        if (release == GoRelease.GO1_19) {
            // goFails records what Go 1.19 does (other releases may differ; their asm judges goasm).
            assertThat(go.status() != 0).as("does Go fail on %s? stderr: %s", c.name(), go.stderrHead(5))
                    .isEqualTo(c.goFails());
        }
        RunResult goasm = Goasm.asm(release, List.of("-I", in.toString(), "-o", goasmOutput.toString(), input.toString()),
                Path.of(""), Map.of());

        String everything = goasm.stdout() + goasm.stderr();
        boolean javaTrace = everything.contains("Exception") || everything.contains("\tat ");
        assertThat(javaTrace).as("goasm's output on %s shows a Java exception:%n%s", c.name(), goasm.stderrHead(15))
                .isFalse();
        assertThat(TextDiff.firstDifference("go stderr", go.stderrBytesAsText(), "goasm stderr",
                goasm.stderrBytesAsText())).as("diagnostics on %s", c.name()).isNull();
        assertThat(TextDiff.firstDifference("go stdout", go.stdoutBytesAsText(), "goasm stdout",
                goasm.stdoutBytesAsText())).as("stdout on %s", c.name()).isNull();
        assertThat(goasm.status()).as("exit status on %s", c.name()).isEqualTo(go.status());
        if (go.status() != 0) {
            assertThat(goasmOutput).as("output file after failing on %s", c.name()).doesNotExist();
        }
    }
}
