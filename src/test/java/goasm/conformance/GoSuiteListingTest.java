package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go's own assembler test files (read from the installed Go tree) that goasm must list exactly
 * as Go does, whole file at once: listing, diagnostics and exit status.
 */
class GoSuiteListingTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"amd64.s"})
    void wholeFileListingIsGos(String suite) {
        Path file = GoOracle.asmTestdata().resolve(suite);
        List<String> args = List.of("-S", "-I", GoOracle.includeDir().toString(), "-o",
                work.resolve("x.o").toString(), file.toString());
        RunResult go = GoOracle.asm(args);
        assertThat(go.status()).as("Go assembles %s", suite).isZero();
        RunResult goasm = Goasm.asm(args);
        assertThat(TextDiff.firstDifference("go tool asm -S", go.stdoutBytesAsText(), "goasm asm -S",
                goasm.stdoutBytesAsText())).as("listing of %s; goasm stderr:%n%s", suite, goasm.stderrHead(10)).isNull();
        assertThat(goasm.stderrBytesAsText()).isEqualTo(go.stderrBytesAsText());
        assertThat(goasm.status()).isZero();
    }

    /**
     * The same for every release, against that release's own amd64.s: listing, diagnostics and
     * exit status.
     */
    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void amd64ListingIsEachReleases(GoRelease release) {
        GoOracle.Toolchain go = GoOracle.of(release);
        Path file = go.asmTestdata().resolve("amd64.s");
        List<String> args = List.of("-S", "-I", go.includeDir().toString(), "-o",
                work.resolve("x.o").toString(), file.toString());
        RunResult expected = go.asm(args, null, Map.of());
        assertThat(expected.status()).as("Go %s assembles amd64.s", release.line()).isZero();
        RunResult actual = Goasm.asm(release, args, Path.of(""), Map.of());
        assertThat(TextDiff.firstDifference("go tool asm -S", expected.stdoutBytesAsText(), "goasm asm -S",
                actual.stdoutBytesAsText())).as("listing of go%s amd64.s; goasm stderr:%n%s", release.line(),
                actual.stderrHead(10)).isNull();
        assertThat(actual.stderrBytesAsText()).isEqualTo(expected.stderrBytesAsText());
        assertThat(actual.status()).isEqualTo(expected.status());
    }

    /** Go's -dynlink error suite: the R15-clobber diagnostics, word for word. */
    @Test
    void dynlinkErrorsAreGos() {
        Path file = GoOracle.asmTestdata().resolve("amd64dynlinkerror.s");
        List<String> args = List.of("-dynlink", "-I", GoOracle.includeDir().toString(), "-o",
                work.resolve("x.o").toString(), file.toString());
        RunResult go = GoOracle.asm(args);
        assertThat(go.stderr()).as("Go reports the suite's errors").contains("R15 is clobbered");
        RunResult goasm = Goasm.asm(args);
        assertThat(goasm.stderrBytesAsText()).isEqualTo(go.stderrBytesAsText());
        assertThat(goasm.status()).isEqualTo(go.status());
    }

    /**
     * The -dynlink error suite of every release, against that release; Go 1.15, which has no
     * R15 check and no such suite, is given Go 1.19's (and must accept what 1.19 rejects).
     */
    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void eachReleasesDynlinkErrors(GoRelease release) {
        GoOracle.Toolchain go = GoOracle.of(release);
        Path file = go.asmTestdata().resolve("amd64dynlinkerror.s");
        if (!java.nio.file.Files.exists(file)) {
            file = GoOracle.asmTestdata().resolve("amd64dynlinkerror.s");
        }
        List<String> args = List.of("-dynlink", "-I", go.includeDir().toString(), "-o",
                work.resolve("x.o").toString(), file.toString());
        RunResult expected = go.asm(args, null, Map.of());
        RunResult actual = Goasm.asm(release, args, Path.of(""), Map.of());
        assertThat(actual.stderrBytesAsText()).isEqualTo(expected.stderrBytesAsText());
        assertThat(actual.status()).isEqualTo(expected.status());
    }
}
