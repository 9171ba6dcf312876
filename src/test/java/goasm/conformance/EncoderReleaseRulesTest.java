package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder rules that differ between releases, each release judged by its own assembler:
 * PCALIGN (an error up to Go 1.21, NOP padding and function alignment from 1.22, the padding
 * instruction's pc as each release lists it), MOVQ $imm (shortest form from 1.27), and the
 * operand checks added in 1.21 (.Z without an opmask, a gather without its third operand).
 *
 * <p>Only what the encoder decides is compared: the listed instructions with their pcs, the
 * code bytes, the function's alignment, and the diagnostics, with the pc and position of the
 * quoted instruction and the function's name left out (the frame prologue, the position Go
 * gives PCALIGN and the symbol naming are other parts' concern).
 */
class EncoderReleaseRulesTest {
    @TempDir
    Path work;

    private static final String PCALIGN = """
            #include "textflag.h"
            TEXT ·f(SB),NOSPLIT,$0-0
            \tMOVQ $0, AX
            \tMOVQ $0x7fffffff, R9
            loop:
            \tPCALIGN $16
            \tMOVQ $1, BX
            \tMOVQ $-5, CX
            \tMOVQ $0x123456789, DX
            \tPCALIGN $64
            \tJMP loop
            \tPCALIGN $8
            \tRET
            """;

    private static final String BAD_PCALIGN = """
            #include "textflag.h"
            TEXT ·f(SB),NOSPLIT,$0-0
            \tPCALIGN $3
            \tPCALIGN $4096
            \tRET
            """;

    private static final String OPERAND_CHECKS = """
            #include "textflag.h"
            TEXT ·f(SB),NOSPLIT,$0-0
            \tVMOVDQA32.Z Z0, Z1
            \tVMOVDQA32.Z Z0, K1, Z1
            \tVPGATHERDQ (AX), X1
            \tRET
            """;

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void pcAlignAndImmediateMovesAreTheReleases(GoRelease release) throws IOException {
        sameAsGo(release, "pcalign.s", PCALIGN);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void badAlignmentsAreReportedAsTheReleaseDoes(GoRelease release) throws IOException {
        sameAsGo(release, "badalign.s", BAD_PCALIGN);
    }

    /** Go 1.15 and 1.19 crash on a gather without its third operand, so they are not asked. */
    @ParameterizedTest
    @EnumSource(value = GoRelease.class, names = {"GO1_15", "GO1_19"}, mode = EnumSource.Mode.EXCLUDE)
    void operandChecksAreTheReleases(GoRelease release) throws IOException {
        sameAsGo(release, "checks.s", OPERAND_CHECKS);
    }

    private void sameAsGo(GoRelease release, String name, String source) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, source, StandardCharsets.UTF_8);
        GoOracle.Toolchain go = GoOracle.of(release);
        List<String> args = List.of("-S", "-I", go.includeDir().toString(), "-o", work.resolve("x.o").toString(),
                file.toString());
        RunResult want = go.asm(args, null, Map.of());
        RunResult got = Goasm.asm(release, args, Path.of(""), Map.of());

        assertThat(got.status() == 0).as("assembles").isEqualTo(want.status() == 0);
        assertThat(normalized(got.stderr())).as("diagnostics").isEqualTo(normalized(want.stderr()));
        if (want.status() == 0) {
            // The listing was read: there is something to compare.
            assertThat(instructions(want.stdout())).as("Go's instructions").isNotEmpty();
            assertThat(code(want.stdout())).as("Go's code").isNotEmpty();
        }
        assertThat(instructions(got.stdout())).as("instructions").isEqualTo(instructions(want.stdout()));
        assertThat(code(got.stdout())).as("code").isEqualTo(code(want.stdout()));
        assertThat(alignmentOf(got.stdout())).as("function alignment").isEqualTo(alignmentOf(want.stdout()));
    }

    /** A listed instruction: "0x0004 00004 (f.s:6)\tPCALIGN\t$16". */
    private static final Pattern INSTRUCTION = Pattern.compile("^\t(0x[0-9a-f]{4}) \\d{5} \\([^)]*\\)\t(.*)$");
    /** A line of the hex dump: "0x0000 48 c7 ...". */
    private static final Pattern DUMP = Pattern.compile("^\t0x[0-9a-f]{4} ((?:[0-9a-f]{2} )+)");

    /**
     * The listed instructions after TEXT and FUNCDATA, with their pcs but without positions:
     * where a PCALIGN is listed is the parser's business (Go lists some releases' at an
     * unknown line).
     */
    private static List<String> instructions(String listing) {
        return listing.lines().map(INSTRUCTION::matcher).filter(java.util.regex.Matcher::matches)
                .map(m -> m.group(1) + " " + m.group(2))
                .filter(l -> !l.contains(" TEXT\t") && !l.contains(" FUNCDATA\t"))
                .toList();
    }

    /** The function's bytes from the hex dump. */
    private static String code(String listing) {
        StringBuilder hex = new StringBuilder();
        listing.lines().map(DUMP::matcher).filter(java.util.regex.Matcher::find).forEach(m -> hex.append(m.group(1)));
        return hex.toString();
    }

    private static final Pattern PROG_PC = Pattern.compile("\\b\\d{5} \\([^)]*\\)");
    private static final Pattern FUNCTION = Pattern.compile("^asm: [^ :]*\\.f: ", Pattern.MULTILINE);
    private static final Pattern ALIGN = Pattern.compile("align=(0x[0-9a-f]+)");

    private static String normalized(String stderr) {
        return FUNCTION.matcher(PROG_PC.matcher(stderr).replaceAll("(position)")).replaceAll("asm: FUNCTION: ");
    }

    private static String alignmentOf(String listing) {
        var m = ALIGN.matcher(listing);
        return m.find() ? m.group(1) : null;
    }
}
