package goasm.run;

import goasm.conformance.GoOracle;
import goasm.conformance.RunResult;
import goasm.release.GoRelease;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link checks Go's linker makes, against `go build` of the same program with each release:
 * goasm run must refuse the program with the linker's lines and status 2, and run nothing.
 * Normalised: the "# prog" line go build adds, the overflowing displacement and the data total
 * (Go's runtime text and data lie between the program's code and its globals, so both numbers
 * differ by the runtime's size).
 */
class LinkCheckTest {
    private static final Path OVERFLOW = Path.of("src/test/resources/goasm/run/link/pcreloverflow_amd64.s");

    static List<String> comparable(String stderr) {
        return Arrays.stream(stderr.split("\n")).filter(l -> !l.isEmpty() && !l.startsWith("# "))
                .map(l -> l.replaceAll("too big: 0x[0-9a-f]+", "too big: 0x?").replaceAll("\\(\\d+, over", "(N, over"))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void aPcRelativeDisplacementBeyond2GBIsRefusedAsGosLinkerDoes(GoRelease release) throws IOException {
        GoOracle.Toolchain go = GoOracle.of(release);
        Path dir = Files.createTempDirectory("goasm-linkcheck");
        Files.writeString(dir.resolve("go.mod"), "module prog\n\ngo 1.15\n");
        Files.writeString(dir.resolve("main.go"), "package main\n\nfunc main()\n");
        Files.writeString(dir.resolve("prog_amd64.s"), Files.readString(OVERFLOW));
        RunResult build = GoBuild.goCommand(go, dir, List.of("build", "-o", "prog", "."));
        assertThat(build.status()).as("go build of %s", OVERFLOW).isNotZero();

        RunResult goasm = DifferentialRunTest.goasmRun(OVERFLOW, release);
        assertThat(goasm.status()).isEqualTo(2);
        assertThat(goasm.stdout()).isEmpty();
        assertThat(comparable(goasm.stderr())).isEqualTo(comparable(build.stderr()))
                .anyMatch(l -> l.startsWith("main.main: pc-relative relocation ") && l.contains(" address for main.big2 is too big: "));
    }
}
