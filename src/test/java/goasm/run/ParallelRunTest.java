package goasm.run;

import goasm.conformance.GoOracle;
import goasm.conformance.RunResult;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** --gomaxprocs N: N Ps take turns running goroutines, stealing from each other. */
class ParallelRunTest {
    private static final Path PARALLEL = Path.of("src/test/resources/goasm/run/parallel_amd64.s");
    private static final Path DEADLOCK = Path.of("src/test/resources/goasm/run/deadlock_amd64.s");

    private static RunResult run(Path program, int procs, boolean trace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunOptions options = new RunOptions(List.of(program.toString()), List.of(GoOracle.includeDir().toString()),
                List.of(), trace, false, procs, ReleaseProfile.reference(GoRelease.GO1_19)); // Go 1.19 is the oracle
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = new Runner(options, o, e).run();
        }
        return new RunResult(status, out.toByteArray(), err.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void outputThatDoesNotDependOnInterleavingIsGosWithAnyNumberOfPs(int procs) {
        RunResult go = GoBuild.buildAndRun(PARALLEL);
        RunResult goasm = run(PARALLEL, procs, false);
        assertThat(goasm.stderr()).isEqualTo(go.stderr());
        assertThat(goasm.status()).isZero();
        // Hand check of slot 7: sum of k%7 for k = 1..3100 is 442*21 + (1+2+...+6) = 9303, plus 7*100000.
        assertThat(goasm.stderr()).endsWith("709303\n");
    }

    @Test
    void workersExitOnThePsThatStoleThem() {
        // Main's P queues all eight (runnext, then the local queue); each idle P steals at its
        // turn, so with four Ps the workers exit (gfput) on all four.
        String trace = run(PARALLEL, 4, true).stderr();
        for (int p = 0; p < 4; p++) {
            assertThat(trace).contains(" p=" + p + " stackfree\n");
        }
        String single = run(PARALLEL, 1, true).stderr();
        assertThat(single).doesNotContain(" p=1 ");
    }

    @Test
    void twoRunsWithTwoPsAreIdentical() {
        assertThat(run(PARALLEL, 2, true).stderr()).isEqualTo(run(PARALLEL, 2, true).stderr());
    }

    @Test
    void aDeadlockIsOnlyReportedWhenNoPCanRunAnything() {
        RunResult go = GoBuild.buildAndRun(DEADLOCK);
        RunResult goasm = run(DEADLOCK, 3, false);
        assertThat(DifferentialRunTest.comparable(goasm.stderr())).isEqualTo(DifferentialRunTest.comparable(go.stderr()));
        assertThat(goasm.status()).isEqualTo(2);
    }
}
