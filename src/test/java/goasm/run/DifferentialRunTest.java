package goasm.run;

import goasm.conformance.GoOracle;
import goasm.conformance.ProjectPaths;
import goasm.conformance.RunResult;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differential test, for each release it follows: every program under
 * src/test/resources/goasm/run, and the shipped examples/run programs that finish in seconds,
 * are built with that real Go release and run natively, then run with `goasm run` following the
 * same release; stderr (where print writes), stdout and the exit status must be identical.
 * Stack depths the programs measure, stack sizes and the overflow report's sp (as its distance
 * below stack.hi) depend on the release's runtime.main frame, wrapper and stack rules.
 */
class DifferentialRunTest {
    private static final Path PROGRAMS = Path.of("src/test/resources/goasm/run");
    /**
     * The examples compared too. Not million_amd64.s and blocked_amd64.s (seconds of emulation
     * each; RuntimeCallsTest runs them smaller) nor spin_amd64.s (it loops until SIGQUIT, which
     * SigquitTest covers).
     */
    private static final List<String> EXAMPLES =
            List.of("printnl_amd64.s", "grow1mb_amd64.s", "shrink_amd64.s", "overflow_amd64.s");

    /** Every supported release is compared. */
    private static final List<GoRelease> RELEASES = GoRelease.all();

    static List<Path> programList() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(PROGRAMS)) {
            files.filter(p -> p.toString().endsWith(".s")).sorted().forEach(all::add);
        }
        EXAMPLES.forEach(name -> all.add(ProjectPaths.examples().resolve("run").resolve(name)));
        return all;
    }

    static Stream<Arguments> programs() throws IOException {
        List<Path> all = programList();
        return RELEASES.stream().flatMap(r -> all.stream().map(p -> Arguments.of(r, p)));
    }

    static RunResult goasmRun(Path program) {
        return goasmRun(program, GoRelease.GO1_19);
    }

    /** goasm run of the program following that release (its go statements adapted as GoBuild adapts them). */
    static RunResult goasmRun(Path program, GoRelease release) {
        return goasmRunAsWritten(GoBuild.programFor(program, release), release);
    }

    /** goasm run of the program following that release, exactly as written. */
    static RunResult goasmRunAsWritten(Path program, GoRelease release) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunOptions options = new RunOptions(List.of(program.toString()),
                List.of(GoOracle.of(release).includeDir().toString()), List.of(), false, false, 1,
                ReleaseProfile.reference(release));
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = new Runner(options, o, e).run();
        }
        return new RunResult(status, out.toByteArray(), err.toByteArray());
    }

    private static final String FATAL = "fatal error:";
    private static final Pattern OVERFLOW_SP =
            Pattern.compile("runtime: sp=0x([0-9a-f]+) stack=\\[0x([0-9a-f]+), 0x([0-9a-f]+)\\]");

    /**
     * What must match: the overflow report's sp as its distance below stack.hi and the stack's
     * size; other addresses masked (stacks and g records live elsewhere in goasm's address
     * space); and after a fatal error nothing past the `fatal error:` line (Go's tracebacks show
     * its own runtime's frames).
     */
    static String comparable(String stderr) {
        String text = stderr;
        int fatal = text.indexOf(FATAL);
        if (fatal >= 0) {
            int end = text.indexOf('\n', fatal);
            text = text.substring(0, end < 0 ? text.length() : end + 1);
        }
        Matcher m = OVERFLOW_SP.matcher(text);
        StringBuilder relative = new StringBuilder();
        while (m.find()) {
            long sp = Long.parseUnsignedLong(m.group(1), 16);
            long lo = Long.parseUnsignedLong(m.group(2), 16);
            long hi = Long.parseUnsignedLong(m.group(3), 16);
            m.appendReplacement(relative, "runtime: sp=hi-" + (hi - sp) + " stack of " + (hi - lo) + " bytes");
        }
        m.appendTail(relative);
        return relative.toString().replaceAll("0x[0-9a-f]+", "0x?");
    }

    @Test
    void theOverflowLineComparesPositionsNotAddresses() {
        // Hand reasoning: sp 0x380 above lo of a 512 MB stack is 0x20000000 - 0x380 = 536870016 below hi.
        assertThat(comparable("runtime: sp=0xc020060380 stack=[0xc020060000, 0xc040060000]\n"))
                .isEqualTo("runtime: sp=hi-536870016 stack of 536870912 bytes\n");
        assertThat(comparable("runtime: sp=0xc020060388 stack=[0xc020060000, 0xc040060000]\n"))
                .isNotEqualTo(comparable("runtime: sp=0xc020060380 stack=[0xc020060000, 0xc040060000]\n"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("programs")
    void sameOutputAsGo(GoRelease release, Path program) {
        RunResult go = GoBuild.buildAndRun(program, release);
        RunResult goasm = goasmRun(program, release);
        assertThat(comparable(goasm.stderr())).as("stderr of %s under Go %s", program, release.line())
                .isEqualTo(comparable(go.stderr()));
        assertThat(goasm.stdout()).as("stdout of %s under Go %s", program, release.line()).isEqualTo(go.stdout());
        assertThat(goasm.status()).as("exit status of %s under Go %s", program, release.line())
                .isEqualTo(go.status());
    }
}
