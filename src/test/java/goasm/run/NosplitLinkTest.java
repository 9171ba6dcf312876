package goasm.run;

import goasm.conformance.GoOracle;
import goasm.conformance.RunResult;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * goasm run links as Go's linker does: a chain of NOSPLIT functions over the limit is refused
 * before anything runs, with the report of that release's linker (go build of the same program
 * is the judge).
 */
class NosplitLinkTest {
    /** f1 uses 416 bytes at each call of f2, f2 512: 928 of 792 bytes, twice. */
    private static final String PROGRAM = """
            #include "textflag.h"

            TEXT main·main(SB), 0, $0-0
            \tCALL\tmain·f1(SB)
            \tRET

            TEXT main·f1(SB), NOSPLIT, $400-0
            \tCALL\tmain·f2(SB)
            \tCALL\tmain·f2(SB)
            \tRET

            TEXT main·f2(SB), NOSPLIT, $504-0
            \tRET
            """;

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void anOverflowingNosplitChainIsRefusedWithTheLinkersReport(GoRelease release, @TempDir Path tmp)
            throws IOException {
        GoOracle.Toolchain go = GoOracle.of(release);
        Path dir = tmp.resolve("prog");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), "module prog\n\ngo 1.15\n");
        Files.writeString(dir.resolve("main.go"), "package main\n\nfunc main()\nfunc f1()\nfunc f2()\n");
        Files.writeString(dir.resolve("prog_amd64.s"), PROGRAM.replace("main·", "·"));
        RunResult build = GoBuild.goCommand(go, dir, List.of("build", "-o", "prog", "."));
        assertThat(build.status()).as("go build of %s refuses the program", release.line()).isNotZero();
        String linker = build.stderr().lines().filter(l -> !l.startsWith("# "))
                .reduce("", (a, l) -> a + l + "\n");
        assertThat(linker).contains("nosplit");

        Path program = tmp.resolve("prog.s");
        Files.writeString(program, PROGRAM);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunOptions options = new RunOptions(List.of(program.toString()), List.of(go.includeDir().toString()),
                List.of(), false, false, 1, ReleaseProfile.reference(release));
        int status = new Runner(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run();
        assertThat(status).isNotZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(linker);
    }
}
