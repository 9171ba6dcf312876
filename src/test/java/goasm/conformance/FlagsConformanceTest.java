package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command-line flags beyond plain -S give what each release's Go gives: the same stdout,
 * stderr, exit status and the same output file (the object, or for -gensymabis the symabis
 * file). That release's asm is run in the test on the same example.
 */
class FlagsConformanceTest {
    @TempDir
    Path work;

    /** Flags and the example they are tried on. */
    private static final String[][] CASES = {
            {"-S -v", "printnl_amd64.s"},
            {"-S=2", "printnl_amd64.s"},
            {"-S=2 -p example.com/pkg", "frames_amd64.s"},
            {"-S=2 -shared -dynlink", "dynlink_amd64.s"},
            {"-debug", "frames_amd64.s"},
            {"-v", "returns_amd64.s"},
            {"-S -D FOO -D BAR=2", "branches_amd64.s"},
            {"-S -e", "data_amd64.s"},
            {"-S -p example.com/pkg -trimpath /work", "stackcheck_amd64.s"},
            {"-gensymabis", "textflags_amd64.s"},
            {"-gensymabis", "branches_amd64.s"},
            {"-S -d maymorestack=runtime.mayMoreStackHook", "stackcheck_amd64.s"},
            {"-S -spectre=index", "basics_amd64.s"},
            {"-S -spectre=ret", "instructions_amd64.s"},
            {"-S -shared", "printnl_amd64.s"},
            {"-S -shared -dynlink", "stackcheck_amd64.s"},
            {"-S -linkshared", "textflags_amd64.s"},
            {"-x", "basics_amd64.s"},
            {"-V=full", "basics_amd64.s"},
            {"-d help", "basics_amd64.s"},
            {"-spectre=bogus", "basics_amd64.s"},
    };

    static Stream<Arguments> releasesAndCases() {
        return GoRelease.all().stream().flatMap(release -> Arrays.stream(CASES)
                .map(c -> Arguments.of(release, c[0], c[1])));
    }

    @ParameterizedTest(name = "Go {0}: {1} on {2}")
    @MethodSource("releasesAndCases")
    void sameAsGo(GoRelease release, String flags, String example) throws IOException {
        Path file = ProjectPaths.examples().resolve(example);
        GoOracle.Toolchain oracle = GoOracle.of(release);
        RunResult go = oracle.asm(arguments(flags, file, oracle.includeDir(), work.resolve("go.out")), null, java.util.Map.of());
        RunResult goasm = Goasm.asm(release, arguments(flags, file, oracle.includeDir(), work.resolve("goasm.out")), Path.of(""),
                java.util.Map.of());

        assertThat(TextDiff.firstDifference("go stdout", go.stdoutBytesAsText(), "goasm stdout",
                goasm.stdoutBytesAsText())).as("stdout").isNull();
        assertThat(TextDiff.firstDifference("go stderr", go.stderrBytesAsText(), "goasm stderr",
                goasm.stderrBytesAsText())).as("stderr").isNull();
        assertThat(goasm.status()).as("exit status").isEqualTo(go.status());
        if (go.status() == 0 && !flags.contains("-gensymabis") && Files.exists(work.resolve("go.out"))) {
            assertThat(ObjectFileDiff.firstDifference(Files.readAllBytes(work.resolve("go.out")),
                    Files.readAllBytes(work.resolve("goasm.out")))).as("object file").isNull();
        }
        if (flags.contains("-gensymabis")) {
            assertThat(go.status()).as("Go writes symabis for %s", example).isZero();
            assertThat(Files.readString(work.resolve("goasm.out")))
                    .isEqualTo(Files.readString(work.resolve("go.out")))
                    .isNotEmpty();
        }
    }

    private static List<String> arguments(String flags, Path file, Path includeDir, Path output) {
        List<String> args = new ArrayList<>(Arrays.asList(flags.trim().split(" +")));
        args.addAll(List.of("-I", includeDir.toString(), "-o", output.toString(), file.toString()));
        return args;
    }
}
