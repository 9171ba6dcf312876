package goasm.run;

import goasm.conformance.GoOracle;
import goasm.conformance.ProjectPaths;
import goasm.conformance.RunResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differential test: every program under src/test/resources/goasm/run, and the
 * shipped examples/run programs that finish in seconds, are built with real Go 1.19 and run
 * natively, then run with `goasm run`; stderr (where print writes), stdout and the exit status
 * must be identical.
 */
class DifferentialRunTest {
    private static final Path PROGRAMS = Path.of("src/test/resources/goasm/run");
    /**
     * The examples compared too. Not million_amd64.s (a minute of emulation for one million live
     * goroutines) nor spin_amd64.s (it loops until SIGQUIT, which SigquitTest covers).
     */
    private static final List<String> EXAMPLES =
            List.of("printnl_amd64.s", "grow1mb_amd64.s", "shrink_amd64.s", "overflow_amd64.s");

    static Stream<Path> programs() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(PROGRAMS)) {
            files.filter(p -> p.toString().endsWith(".s")).sorted().forEach(all::add);
        }
        EXAMPLES.forEach(name -> all.add(ProjectPaths.examples().resolve("run").resolve(name)));
        return all.stream();
    }

    static RunResult goasmRun(Path program) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunOptions options = new RunOptions(List.of(program.toString()), List.of(GoOracle.includeDir().toString()),
                List.of(), false, false, 1);
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = new Runner(options, o, e).run();
        }
        return new RunResult(status, out.toByteArray(), err.toByteArray());
    }

    private static final String FATAL = "fatal error:";

    /**
     * What must match: addresses masked (stacks and g records live elsewhere in goasm's address
     * space), and after a fatal error nothing past the `fatal error:` line (Go's tracebacks show
     * its own runtime's frames).
     */
    static String comparable(String stderr) {
        String text = stderr;
        int fatal = text.indexOf(FATAL);
        if (fatal >= 0) {
            int end = text.indexOf('\n', fatal);
            text = text.substring(0, end < 0 ? text.length() : end + 1);
        }
        return text.replaceAll("0x[0-9a-f]+", "0x?");
    }

    @ParameterizedTest
    @MethodSource("programs")
    void sameOutputAsGo(Path program) {
        RunResult go = GoBuild.buildAndRun(program);
        RunResult goasm = goasmRun(program);
        assertThat(comparable(goasm.stderr())).as("stderr of %s", program).isEqualTo(comparable(go.stderr()));
        assertThat(goasm.stdout()).as("stdout of %s", program).isEqualTo(go.stdout());
        assertThat(goasm.status()).as("exit status of %s", program).isEqualTo(go.status());
    }
}
