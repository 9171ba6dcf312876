package goasm.run;

import goasm.conformance.GoOracle;
import goasm.conformance.ProjectPaths;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runtime calls behave like Go's: they take time, so a goroutine that only starts goroutines is
 * preempted as sysmon preempts it and the goroutines it started run, die and are reused; and
 * with many Ps, the idle ones have no part in the run.
 */
class RuntimeCallsTest {
    private record Run(int status, String stderr) {
    }

    private static Run run(Path program, int procs, GoRelease release) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunOptions options = new RunOptions(List.of(program.toString()),
                List.of(GoOracle.of(release).includeDir().toString()), List.of(), false, true, procs,
                ReleaseProfile.reference(release));
        int status;
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = new Runner(options, o, e).run();
        }
        return new Run(status, err.toString(StandardCharsets.UTF_8));
    }

    /** An example with its N set to n. */
    private static Path example(String name, int n, Path dir) throws IOException {
        String source = Files.readString(ProjectPaths.examples().resolve("run").resolve(name));
        String changed = source.replaceFirst("#define N \\d+", "#define N " + n);
        assertThat(changed).contains("#define N " + n);
        Path program = dir.resolve(name);
        Files.writeString(program, changed);
        return program;
    }

    private static final Pattern GOROUTINES = Pattern.compile("goroutines: created=(\\d+) reused=(\\d+)");

    @ParameterizedTest
    @EnumSource(value = GoRelease.class, names = {"GO1_19", "GO1_27"})
    void goroutinesStartedInALoopAreReusedAfterThePreemption(GoRelease release, @TempDir Path dir) throws IOException {
        int n = 100_000;
        Run r = run(example("million_amd64.s", n, dir), 1, release);
        assertThat(r.status()).isZero();
        assertThat(r.stderr()).startsWith(n + "\n");
        Matcher m = GOROUTINES.matcher(r.stderr());
        assertThat(m.find()).isTrue();
        long created = Long.parseLong(m.group(1));
        long reused = Long.parseLong(m.group(2));
        // main and each worker are started by newproc, from a new G or a reused one.
        assertThat(created + reused).isEqualTo(n + 1);
        // A time slice is 20,000,000 instructions; an iteration of main's loop is 6 of them (the
        // call counts one) and newproc's 300 ns count 600. So main starts about 33,000
        // goroutines before it is preempted at a newproc; they all run and die before main runs
        // again (main waits at the tail of the global queue), and main's next ones reuse them.
        // (Go 1.19 and 1.27, bench/run/reuse.sh: 23,000 to 50,000 Gs for a million, depending
        // on the machine's speed at the time.)
        assertThat(created).isBetween(30_000L, 36_000L);
    }

    @ParameterizedTest
    @EnumSource(value = GoRelease.class, names = {"GO1_19", "GO1_27"})
    void tenThousandPsRunBlockedGoroutinesToTheEnd(GoRelease release, @TempDir Path dir) throws IOException {
        // 2,000 goroutines wait on one semaphore; main releases it 2,000 times and waits for the
        // last. Every P but the few with work stays idle throughout.
        int n = 2_000;
        Run r = run(example("blocked_amd64.s", n, dir), 10_000, release);
        assertThat(r.status()).as(r.stderr()).isZero();
        assertThat(r.stderr()).startsWith(n + "\n").contains("goroutines: created=" + (n + 1) + " reused=0");
    }
}
