package goasm.run;

import goasm.conformance.ProjectPaths;
import org.junit.jupiter.api.Test;

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

    /** Waits for the first line on stderr, sends SIGQUIT, reads the rest. */
    private static Quit quit(Process process) throws IOException, InterruptedException {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            lines.add(err.readLine());
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).inheritIO().start().waitFor();
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                lines.add(line);
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Quit(process.exitValue(), lines);
        } finally {
            process.destroyForcibly();
        }
    }

    private static Process goasm() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ProjectPaths.root().resolve("bin/goasm").toString(), "run", SPIN.toString());
        builder.environment().put("GOASM_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("GOASM_GO", "1.19"); // compared with Go 1.19's own output
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

    @Test
    void ctrlBackslashPrintsEveryGoroutineAsGoDoes() throws Exception {
        Quit go = quit(GoBuild.start(SPIN));
        Quit goasm = quit(goasm());

        // Both: the program's line, Go's header, exit status 2.
        for (Quit q : List.of(go, goasm)) {
            assertThat(q.status()).isEqualTo(2);
            assertThat(q.lines().get(0)).isEqualTo("1");
            assertThat(q.lines().get(1)).isEqualTo("SIGQUIT: quit");
            assertThat(q.lines().get(2)).matches("PC=0x[0-9a-f]+ m=\\d+ sigcode=0");
            assertThat(q.lines().get(3)).isEmpty();
        }
        // The waiting goroutine's own frame is Go's, at the same line and offset.
        List<String> goWaiter = block(go.lines(), "goroutine \\d+ \\[semacquire\\]:");
        List<String> waiter = block(goasm.lines(), "goroutine 2 \\[semacquire\\]:");
        int goAt = goWaiter.indexOf("main.waiter()");
        int at = waiter.indexOf("main.waiter()");
        assertThat(masked(waiter.get(at + 1))).isEqualTo(masked(goWaiter.get(goAt + 1)))
                .isEqualTo("\tfile.s:18 +0x2d fp=? sp=? pc=?");
        assertThat(waiter.get(waiter.size() - 2)).startsWith("created by main.");
        assertThat(goWaiter.get(goWaiter.size() - 2)).startsWith("created by main.");

        // The interrupted goroutine: main.spin at its first instruction (so no +offset), called
        // from main.main 0x49 bytes in, as Go prints it when the signal lands on that thread.
        List<String> running = block(goasm.lines(), "goroutine 1 \\[running\\]:");
        assertThat(running.subList(1, 5).stream().map(SigquitTest::masked).collect(Collectors.toList())).containsExactly(
                "main.spin()", "\tfile.s:24 fp=? sp=? pc=?",
                "main.main()", "\tfile.s:35 +0x49 fp=? sp=? pc=?");

        // Then the registers, named and ordered as Go's dumpregs.
        assertThat(registerNames(goasm.lines())).isEqualTo(registerNames(go.lines()))
                .startsWith("rax", "rbx", "rcx").endsWith("rip", "rflags", "cs", "fs", "gs");
    }

    private static List<String> registerNames(List<String> lines) {
        int last = lines.lastIndexOf("");
        return lines.subList(last + 1, lines.size()).stream().map(l -> l.split(" +")[0]).toList();
    }
}
