package goasm.run;

import goasm.conformance.ProjectPaths;
import goasm.release.GoRelease;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGQUIT end to end: bin/goasm runs a program that loops forever; after its first line the test
 * sends QUIT, as Ctrl-\ does, and compares what is printed with what real Go 1.19 prints for
 * the same program.
 */
class SigquitTest {
    private static final Path SPIN = ProjectPaths.examples().resolve("run").resolve("spin_amd64.s");

    private record Quit(int status, List<String> lines) {
    }

    /**
     * Waits for the first line on stderr, sends SIGQUIT to the process (goasm: bin/goasm forwards
     * it to the JVM) or to the thread spinning in main.spin (a native Go build), reads the rest.
     */
    private static Quit quit(Process process, boolean toSpinningThread) throws IOException, InterruptedException {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            lines.add(err.readLine());
            long target = toSpinningThread ? spinningThread(process.pid()) : process.pid();
            new ProcessBuilder("kill", "-QUIT", Long.toString(target)).inheritIO().start().waitFor();
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                lines.add(line);
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Quit(process.exitValue(), lines);
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * Go's own dump, taken again (at most three times) while the signal did not reach the thread
     * running main.spin: which thread the kernel runs the handler on is up to the kernel, and a
     * dump taken on another M shows goroutine 1 without frames. Only the oracle is retried.
     */
    private static Quit goQuitOnSpinningThread(GoRelease release) throws IOException, InterruptedException {
        Quit go = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            go = quit(GoBuild.start(SPIN, release), true);
            if (block(go.lines(), "goroutine 1 .*\\[running\\]:").contains("main.main()")) {
                break;
            }
        }
        return go;
    }

    /**
     * The thread of a native Go build that runs main.spin. A process-directed SIGQUIT goes to any
     * thread that does not block it: on a loaded machine that can be an idle M, which then prints
     * goroutine 1 as "running on other thread; stack unavailable" with no frames. kill(2) with a
     * thread id still signals the process, but the kernel delivers it to that thread first, so the
     * handler runs on the M whose goroutine it interrupts, as Ctrl-\ on an idle machine does. The
     * spinning thread is the one whose CPU time (utime + stime in /proc/PID/task/TID/stat) grows
     * by 10 ticks while nothing else in the program runs: main.spin is a NOSPLIT assembly loop, which
     * Go cannot preempt, so its goroutine stays on that thread.
     */
    private static long spinningThread(long pid) throws IOException, InterruptedException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        java.util.Map<Long, Long> first = threadTicks(tasks);
        for (int attempt = 0; attempt < 3000; attempt++) {
            Thread.sleep(10);
            for (java.util.Map.Entry<Long, Long> t : threadTicks(tasks).entrySet()) {
                if (t.getValue() - first.getOrDefault(t.getKey(), 0L) >= 10) {
                    return t.getKey();
                }
            }
        }
        throw new AssertionError("no thread of " + pid + " spins");
    }

    /** CPU ticks (utime + stime) of each thread of the process. */
    private static java.util.Map<Long, Long> threadTicks(Path tasks) throws IOException {
        java.util.Map<Long, Long> ticks = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> threads = java.nio.file.Files.list(tasks)) {
            for (Path t : threads.toList()) {
                String stat;
                try {
                    stat = java.nio.file.Files.readString(t.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread exited
                }
                // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(Long.parseLong(t.getFileName().toString()), Long.parseLong(f[11]) + Long.parseLong(f[12]));
            }
        }
        return ticks;
    }

    private static Process goasm(GoRelease release) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ProjectPaths.root().resolve("bin/goasm").toString(), "run", SPIN.toString());
        builder.environment().put("GOASM_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("GOASM_GO", release.line());
        return builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The lines of the block that starts with a header matching regex, up to the blank line. */
    private static List<String> block(List<String> lines, String regex) {
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (lines.get(i).matches(regex)) {
                start = i;
            }
        }
        assertThat(start).as("a block headed %s in%n%s", regex, String.join("\n", lines)).isNotNegative();
        List<String> block = new ArrayList<>();
        for (int i = start; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            block.add(lines.get(i));
        }
        return block;
    }

    /** Frame addresses and the source file's path (Go builds a copy) masked. */
    private static String masked(String line) {
        return line.replaceAll("(fp|sp|pc)=0x[0-9a-f]+", "$1=?").replaceAll("\t/\\S*_amd64\\.s:", "\tfile.s:");
    }

    /** A goroutine header with its goid and addresses masked (Go's runtime goroutines take goids 2 to 5). */
    private static String maskedHeader(String header) {
        return header.replaceAll("^goroutine \\d+", "goroutine N").replaceAll("0x[0-9a-f]+", "0x?");
    }

    @ParameterizedTest
    @EnumSource(value = GoRelease.class, names = {"GO1_19", "GO1_27"})
    void ctrlBackslashPrintsEveryGoroutineAsGoDoes(GoRelease release) throws Exception {
        Quit go = goQuitOnSpinningThread(release);
        Quit goasm = quit(goasm(release), false);

        // Both: the program's line, Go's header, exit status 2.
        for (Quit q : List.of(go, goasm)) {
            assertThat(q.status()).isEqualTo(2);
            assertThat(q.lines().get(0)).isEqualTo("1");
            assertThat(q.lines().get(1)).isEqualTo("SIGQUIT: quit");
            assertThat(q.lines().get(2)).matches("PC=0x[0-9a-f]+ m=\\d+ sigcode=0");
            assertThat(q.lines().get(3)).isEmpty();
        }
        // The waiting goroutine's own frame is Go's, at the same line and offset.
        // Parked: "m=nil" where the release names g and m.
        List<String> goWaiter = block(go.lines(), "goroutine \\d+ .*\\[semacquire\\]:");
        List<String> waiter = block(goasm.lines(), "goroutine 2 .*\\[semacquire\\]:");
        assertThat(maskedHeader(waiter.get(0))).isEqualTo(maskedHeader(goWaiter.get(0)));
        int goAt = goWaiter.indexOf("main.waiter()");
        int at = waiter.indexOf("main.waiter()");
        assertThat(masked(waiter.get(at + 1))).isEqualTo(masked(goWaiter.get(goAt + 1)));
        if (release == GoRelease.GO1_19) {
            assertThat(masked(waiter.get(at + 1))).isEqualTo("\tfile.s:18 +0x2d fp=? sp=? pc=?");
        }
        // Go's creator is the Go helper that runs the go statement, goasm's the assembly caller;
        // both name the parent goroutine from 1.21 on.
        String createdBy = waiter.get(waiter.size() - 2);
        String goCreatedBy = goWaiter.get(goWaiter.size() - 2);
        assertThat(createdBy).startsWith("created by main.");
        assertThat(goCreatedBy).startsWith("created by main.");
        assertThat(createdBy.endsWith(" in goroutine 1")).isEqualTo(goCreatedBy.endsWith(" in goroutine 1"));

        // The interrupted goroutine: main.spin at its first instruction (so no +offset), called
        // from main.main at the same return address as in Go's build; its header names g and its
        // m where the release does so.
        List<String> running = block(goasm.lines(), "goroutine 1 .*\\[running\\]:");
        List<String> goRunning = block(go.lines(), "goroutine 1 .*\\[running\\]:");
        assertThat(maskedHeader(running.get(0))).isEqualTo(maskedHeader(goRunning.get(0)));
        assertThat(running.subList(1, 3).stream().map(SigquitTest::masked).collect(Collectors.toList()))
                .containsExactly("main.spin()", "\tfile.s:24 fp=? sp=? pc=?");
        int goMain = goRunning.indexOf("main.main()");
        assertThat(running.get(3)).isEqualTo("main.main()");
        assertThat(masked(running.get(4))).isEqualTo(masked(goRunning.get(goMain + 1)));
        if (release == GoRelease.GO1_19) {
            assertThat(masked(running.get(4))).isEqualTo("\tfile.s:35 +0x49 fp=? sp=? pc=?");
        }
        // Below main.main, the release's own frames at Go's positions: the ABI wrapper, runtime.main
        // at its call of main.main, runtime.goexit (never "?:0").
        assertThat(running.subList(3, running.size()).stream().map(SigquitTest::masked).toList())
                .isEqualTo(goRunning.subList(goMain, goRunning.size()).stream().map(SigquitTest::masked).toList());
        if (release == GoRelease.GO1_19) {
            assertThat(running.subList(5, running.size()).stream().map(SigquitTest::masked).toList()).containsExactly(
                    "main.main()", "\t<autogenerated>:1 +0x5 fp=? sp=? pc=?", "runtime.main()",
                    "\t/usr/lib/go-1.19/src/runtime/proc.go:250 +0x212 fp=? sp=? pc=?", "runtime.goexit()",
                    "\tfile.s:1594 +0x1 fp=? sp=? pc=?");
        }

        // Then the registers, named and ordered as Go's dumpregs.
        assertThat(registerNames(goasm.lines())).isEqualTo(registerNames(go.lines()))
                .startsWith("rax", "rbx", "rcx").endsWith("rip", "rflags", "cs", "fs", "gs");
    }

    private static List<String> registerNames(List<String> lines) {
        int last = lines.lastIndexOf("");
        return lines.subList(last + 1, lines.size()).stream().map(l -> l.split(" +")[0]).toList();
    }
}
