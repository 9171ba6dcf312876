package goasm.release;

import goasm.conformance.GoOracle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The source-level facts behind goasm run's fault reports and link checks, read from each
 * installed release's own sources: the lines TracebackText names (runtime.main's call of
 * main.main, goexit's first instruction, morestack's call of newstack), the linker's function
 * alignment and the wording of its overflow and data-size errors. (The compiled offsets, +0x212
 * and so on, are compared with real builds by FaultReportTest and SigquitTest.)
 */
class FaultFactsTest {
    private static List<String> lines(GoRelease release, String file) throws IOException {
        GoOracle.Toolchain go = GoOracle.of(release);
        go.goCommand(); // fails, naming the install script, when the release is missing
        return Files.readAllLines(go.goRoot().resolve(file));
    }

    private static String line(GoRelease release, TracebackText.RuntimeFrame frame) throws IOException {
        return lines(release, frame.file()).get(frame.line() - 1).strip();
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void tracebackPositionsAreTheCallsTheRuntimeMakes(GoRelease release) throws IOException {
        TracebackText text = TracebackText.of(release);
        assertThat(line(release, text.runtimeMain())).isEqualTo("fn()");
        // goexit+1 is looked up as a return address (pc-1): the NOP goexit starts with, after its TEXT line.
        assertThat(line(release, text.goexit())).matches("BYTE\\s+\\$0x90.*");
        assertThat(lines(release, text.goexit().file()).get(text.goexit().line() - 2)).startsWith("TEXT runtime·goexit(SB)");
        assertThat(line(release, text.morestack())).matches("CALL\\s+runtime·newstack\\(SB\\).*");
        assertThat(text.goexit().offset()).as("goexit+PCQuantum after its NOP").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void linkRulesAreTheLinkersOwn(GoRelease release) throws IOException {
        LinkRules rules = LinkRules.of(release);
        assertThat(lines(release, "src/cmd/link/internal/amd64/l.go"))
                .anyMatch(l -> l.strip().matches("funcAlign\\s*=\\s*" + rules.funcAlign()));
        String data = String.join("\n", lines(release, "src/cmd/link/internal/ld/data.go"));
        assertThat(data).contains("pc-relative relocation ");
        assertThat(data.contains("\"pc-relative relocation %s address for %s is too big: %#x\""))
                .isEqualTo(rules.overflowNamesKind());
        assertThat(data.contains("\"too much data, last section %v (%d, over %v bytes)\""))
                .isEqualTo(!rules.dataLimitSections().isEmpty());
    }
}
