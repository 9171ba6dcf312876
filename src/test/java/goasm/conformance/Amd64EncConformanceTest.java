package goasm.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go's encoder test data, amd64enc.s (read from the installed Go tree), through Go and goasm:
 * how many instruction lines come out the same, in printed text and in bytes. The figures are
 * reported (stdout and target/conformance/amd64enc.txt) and not yet required; what is
 * required is that the comparison itself works.
 */
class Amd64EncConformanceTest {
    private static final int SHOWN_MISMATCHES = 40;

    @TempDir
    Path work;

    @Test
    void reportsHowManyInstructionLinesMatchGo() throws IOException {
        Path source = GoOracle.asmTestdata().resolve("amd64enc.s");
        EncodingComparison comparison = new EncodingComparison(source, work, GoOracle.includeDir());
        EncodingComparison.Summary summary = comparison.run();

        // The harness must see the whole file: thousands of lines, each with Go's code.
        assertThat(summary.total()).as("instruction lines compared").isGreaterThan(5000);
        assertThat(summary.results()).allSatisfy(r -> assertThat(r.go()).as("Go's code for line %d", r.line().number())
                .isNotNull());
        // The listing parser reads Go's bytes as the test data's own comments give them.
        assertThat(comparison.commentsDisagreeingWithGo()).as("encodings in amd64enc.s comments vs Go's listing")
                .isEmpty();

        String report = report(source, summary);
        System.out.println(summary.line());
        Path out = ProjectPaths.buildDir().resolve("conformance/amd64enc.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    private static String report(Path source, EncodingComparison.Summary summary) {
        StringBuilder text = new StringBuilder(summary.line()).append('\n');
        text.append("source: ").append(source).append('\n');
        text.append("goasm assembled it ").append(summary.mode()).append('\n');
        List<EncodingComparison.LineResult> mismatches = summary.results().stream()
                .filter(r -> !(r.textMatches() && r.codeMatches())).toList();
        text.append("mismatching lines: ").append(mismatches.size()).append(mismatches.isEmpty() ? "\n" : ", the first ones:\n");
        for (EncodingComparison.LineResult r : mismatches.subList(0, Math.min(SHOWN_MISMATCHES, mismatches.size()))) {
            text.append("  line ").append(r.line().number()).append(": go ").append(r.go().text().replace('\t', ' '))
                    .append(" [").append(r.go().hex()).append("]; goasm ");
            if (r.goasm() == null) {
                text.append(r.failure());
            } else {
                text.append(r.goasm().text().replace('\t', ' ')).append(" [").append(r.goasm().hex()).append(']');
            }
            text.append('\n');
        }
        return text.toString();
    }
}
