package goasm.run;

import goasm.conformance.GoOracle;
import goasm.conformance.RunResult;
import goasm.release.GoRelease;
import goasm.release.NewprocCall;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go 1.15's go statement in assembly: runtime·newproc(siz int32, fn *funcval) with siz bytes of
 * fn's arguments after fn. Each program under src/test/resources/goasm/run/newproc115 calls
 * the real runtime·newproc of a Go 1.15 build (its linker lets the main package reference it;
 * only the print and semaphore calls go to the main-package helpers) and runs with
 * `goasm run` following Go 1.15; stderr, stdout and the exit status must match.
 */
class Newproc115Test {
    private static final Path PROGRAMS = Path.of("src/test/resources/goasm/run/newproc115");

    @Test
    void go115TakesTheArgumentSizeFirstAndLaterReleasesFnAlone() {
        // From each release's runtime/proc.go: newproc(siz int32, fn *funcval) in 1.15, newproc(fn *funcval) from 1.17.
        assertThat(ReleaseProfile.reference(GoRelease.GO1_15).newprocCall())
                .isEqualTo(new NewprocCall.SizeFuncArgs(8, 16, 24));
        for (GoRelease r : GoRelease.all()) {
            if (r != GoRelease.GO1_15) {
                assertThat(ReleaseProfile.reference(r).newprocCall()).isEqualTo(new NewprocCall.FuncOnly(8));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"args_amd64.s", "toolarge_amd64.s"})
    void sameOutputAsGo115(String name) throws IOException {
        Path program = PROGRAMS.resolve(name);
        GoOracle.Toolchain go = GoOracle.of(GoRelease.GO1_15);
        String source = Files.readString(program);
        RunResult native_ = GoBuild.runNative(GoBuild.buildAsWritten(source, go), go);
        RunResult goasm = DifferentialRunTest.goasmRunAsWritten(program, GoRelease.GO1_15);
        assertThat(DifferentialRunTest.comparable(goasm.stderr())).as("stderr of %s", name)
                .isEqualTo(DifferentialRunTest.comparable(native_.stderr()));
        assertThat(goasm.stdout()).isEqualTo(native_.stdout());
        assertThat(goasm.status()).isEqualTo(native_.status());
        if (name.equals("args_amd64.s")) {
            // Hand reasoning: sum(40, 1, 1) prints 42, one() 1, small(200) 200; each goroutine prints once.
            assertThat(native_.stderr()).contains("42\n").contains("1\n").contains("200\n");
        } else {
            assertThat(native_.stderr()).contains("fatal error: newproc: function arguments too large for new goroutine");
        }
    }
}
