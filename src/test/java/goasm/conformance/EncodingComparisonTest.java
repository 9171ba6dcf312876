package goasm.conformance;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-line comparison harness, checked with Go standing in for goasm: as is, and with
 * faults of each kind a partly finished goasm shows (lines rejected with a diagnostic, an
 * internal error that names no line, failure on everything, a different printed text).
 */
class EncodingComparisonTest {
    /** 10 instruction lines; lines 6-8 are one unit (JCS 2(PC) lands on the NOP). */
    private static final String SOURCE = """
            #include "textflag.h"

            // A small encoder test file in the style of amd64enc.s.
            TEXT enc(SB),DUPOK|NOSPLIT,$0
            \tADDQ $1, AX                 // 4883c001
            \tJCS 2(PC)
            \tIRETQ                       // 48cf
            \tNOP
            \tINCQ (R11)                  // 49ff03
            \tMOVQ BX, CX                 // 4889d9
            \tXCHGL CX, DX                // 87ca
            \tINCQ AX                     // 48ffc0
            \tMOVQ $7, (SP)               // 48c7042407000000
            \tRET                         // c3
            """;
    private static final int INSTRUCTION_LINES = 10;

    @TempDir
    Path work;
    Path source;

    @BeforeEach
    void writeSource() throws IOException {
        source = work.resolve("enc.s");
        Files.writeString(source, SOURCE, StandardCharsets.UTF_8);
    }

    @Test
    void branchStaysWithTheLinesUpToItsTarget() throws IOException {
        var lines = EncodingComparison.instructionLines(Files.readAllLines(source));
        assertThat(lines).hasSize(INSTRUCTION_LINES);
        var units = EncodingComparison.units(lines);
        assertThat(units).hasSize(INSTRUCTION_LINES - 2);
        assertThat(units.get(1).lines()).extracting(EncodingComparison.SourceLine::number).containsExactly(6, 7, 8);
    }

    @Test
    void goAgainstItselfMatchesEveryLine() throws IOException {
        var summary = compare(GoOracle::asm);
        assertThat(summary.line()).isEqualTo("enc.s: 10 of 10 instruction lines match (text 10, bytes 10)");
        assertThat(summary.mode()).isEqualTo("whole file");
    }

    @Test
    void linesNamedByDiagnosticsCountAsFailedAndTheRestIsAssembled() throws IOException {
        // INCQ on lines 9 and 12 rejected, each with a positioned message as Go's parser gives.
        var summary = compare(args -> rejecting(args, "INCQ", true));
        assertThat(summary.line()).isEqualTo("enc.s: 8 of 10 instruction lines match (text 8, bytes 8)");
        assertThat(summary.results()).filteredOn(r -> r.goasm() == null)
                .extracting(r -> r.line().number()).containsExactly(9, 12);
        assertThat(summary.results().get(4).failure()).contains("unsupported INCQ");
    }

    @Test
    void failureThatNamesNoLineIsFoundByHalving() throws IOException {
        var summary = compare(args -> rejecting(args, "XCHGL", false));
        assertThat(summary.line()).isEqualTo("enc.s: 9 of 10 instruction lines match (text 9, bytes 9)");
        assertThat(summary.results()).filteredOn(r -> r.goasm() == null)
                .extracting(r -> r.line().number()).containsExactly(11);
    }

    @Test
    void failureInsideABranchUnitFailsTheWholeUnit() throws IOException {
        var summary = compare(args -> rejecting(args, "IRETQ", false));
        assertThat(summary.line()).isEqualTo("enc.s: 7 of 10 instruction lines match (text 7, bytes 7)");
    }

    @Test
    void failingEvenAnEmptyFunctionCountsNothing() throws IOException {
        var summary = compare(args -> new RunResult(1, new byte[0], "internal error\n".getBytes()));
        assertThat(summary.line()).isEqualTo("enc.s: 0 of 10 instruction lines match (text 0, bytes 0)");
        assertThat(summary.mode()).startsWith("not at all");
    }

    @Test
    void textAndBytesAreCountedApart() throws IOException {
        // Same bytes, but MOVQ printed differently: lines 10 and 13 match in bytes only.
        var summary = compare(args -> {
            RunResult go = GoOracle.asm(args);
            return new RunResult(go.status(), go.stdout().replace("\tMOVQ\t", "\tMOVQ \t")
                    .getBytes(StandardCharsets.UTF_8), go.stderrBytes());
        });
        assertThat(summary.line()).isEqualTo("enc.s: 8 of 10 instruction lines match (text 8, bytes 10)");
    }

    private EncodingComparison.Summary compare(Function<List<String>, RunResult> underTest) throws IOException {
        return new EncodingComparison(source, work, GoOracle.includeDir(), underTest).run();
    }

    /** Go, except that files with this mnemonic fail (with a positioned message per line, or an anonymous one). */
    private static RunResult rejecting(List<String> args, String mnemonic, boolean positioned) {
        Path file = Path.of(args.get(args.size() - 1));
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(mnemonic + " ") || lines.get(i).strip().equals(mnemonic)
                    || lines.get(i).strip().startsWith(mnemonic + "\t")) {
                messages.append(positioned ? file + ":" + (i + 1) + ": unsupported " + mnemonic + "\n" : "");
            }
        }
        boolean found = lines.stream().anyMatch(l -> l.strip().startsWith(mnemonic));
        if (!found) {
            return GoOracle.asm(args);
        }
        return new RunResult(1, new byte[0], (messages.isEmpty() ? "internal error\n" : messages.toString())
                .getBytes(StandardCharsets.UTF_8));
    }
}
