package goasm.run;

import goasm.conformance.GoOracle;
import goasm.conformance.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** --trace and --stats on the 1 MB growth example. */
class RunnerTest {
    private record Run(int status, String stderr) {
    }

    private static Run run(String example, boolean trace, boolean stats) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunOptions options = new RunOptions(List.of(ProjectPaths.examples().resolve("run").resolve(example).toString()),
                List.of(GoOracle.includeDir().toString()), List.of(), trace, stats, 1);
        int status;
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = new Runner(options, o, e).run();
        }
        return new Run(status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void traceShowsEachDoublingFrom2KBTo1MB() {
        Run r = run("grow1mb_amd64.s", true, false);
        assertThat(r.status()).isZero();
        // main is goroutine 1 and the grower goroutine 2 (goids come in per-P batches from 1);
        // 6000 frames of 128 bytes need 768,000 bytes, so the stack doubles nine times to 1 MB.
        List<String> grows = r.stderr().lines().filter(l -> l.startsWith("trace: grow ")).toList();
        assertThat(grows).hasSize(9);
        long size = 2048;
        for (String line : grows) {
            assertThat(line).startsWith("trace: grow goid=2 " + size + " -> " + size * 2 + " copied=");
            size *= 2;
        }
        assertThat(r.stderr()).contains("trace: newproc goid=2 ").contains("fn=main.grow+0x0 new stack=");
        assertThat(r.stderr()).endsWith("1048576\n");
    }

    @Test
    void statsCountGrowthsAndGoroutines() {
        Run r = run("grow1mb_amd64.s", false, true);
        assertThat(r.stderr()).contains("growths=9 shrinks=0").contains("goroutines: created=2 reused=0");
    }
}
