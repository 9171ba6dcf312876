package goasm.explain;

import goasm.conformance.GoOracle;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NOSPLIT budget against each release's own linker: a chain of NOSPLIT functions that
 * overflows the limit is built with that release's `go build`. From Go 1.19 the linker reports
 * the whole chain's excess ("N bytes over limit"), which must be the bytes explain says are
 * missing; Go 1.15's linker stops at the first function that goes below zero and prints that
 * depth, so there only both must reject the chain.
 */
class NosplitAgainstGoLinkerTest {
    @TempDir
    Path dir;

    private static final String ASSEMBLY = """
            #include "textflag.h"
            TEXT ·a(SB), NOSPLIT, $16-0
            	CALL ·b(SB)
            	RET
            TEXT ·b(SB), NOSPLIT, $760-0
            	CALL ·c(SB)
            	RET
            TEXT ·c(SB), NOSPLIT, $0-0
            	PUSHQ AX
            	POPQ AX
            	RET
            """;

    @ParameterizedTest
    @EnumSource(value = GoRelease.class, names = {"GO1_15", "GO1_19", "GO1_27"})
    void overflowIsWhatTheLinkerReports(GoRelease release) throws Exception {
        GoOracle.Toolchain go = GoOracle.of(release);
        String output = rejectedBuild(go, release,
                "package main\n\nfunc a()\nfunc b()\nfunc c()\n\nfunc main() { a() }\n", ASSEMBLY);
        Model.NosplitBudget a = budgetOfA(go, release);
        // a: $16 + 8 = 24, calls b: $760 + 8 = 768, calls c which pushes 8: 24 + 8 + 768 + 8 + 8 = 816.
        assertThat(a.chainUsed()).isEqualTo(816);
        assertThat(a.text()).contains("over the limit");
        if (release == GoRelease.GO1_15) {
            // 792 - 24 - 8 = 760 on entry to b, which uses 768: -8, where this linker stops.
            assertThat(output).contains("nosplit stack overflow", "-8\tafter main.b (nosplit) uses 768");
            return;
        }
        assertThat(output).contains("nosplit stack over 792 byte limit");
        Matcher over = Pattern.compile("(\\d+) bytes over limit").matcher(output);
        assertThat(over.find()).as(output).isTrue();
        assertThat(a.limit() - a.chainUsed()).as("explain's budget of a, go%s's linker said:%n%s", release.line(),
                output).isEqualTo(-Long.parseLong(over.group(1)));
    }

    @ParameterizedTest
    @EnumSource(value = GoRelease.class, names = {"GO1_15", "GO1_19", "GO1_27"})
    void cycleIsRejectedByBoth(GoRelease release) throws Exception {
        GoOracle.Toolchain go = GoOracle.of(release);
        String assembly = "#include \"textflag.h\"\nTEXT ·a(SB), NOSPLIT, $0-0\n\tCALL ·b(SB)\n\tRET\n"
                + "TEXT ·b(SB), NOSPLIT, $0-0\n\tCALL ·a(SB)\n\tRET\n";
        String output = rejectedBuild(go, release, "package main\n\nfunc a()\nfunc b()\n\nfunc main() { a() }\n",
                assembly);
        // From 1.19 the linker names the cycle; 1.15's goes round it until the room runs out.
        assertThat(output).contains(release == GoRelease.GO1_15 ? "nosplit stack overflow" : "infinite cycle");
        Model.NosplitBudget a = budgetOfA(go, release);
        assertThat(a.text()).contains("cycle of NOSPLIT functions").contains("the linker rejects it");
    }

    /** What explain says of the first function, a, in a_amd64.s. */
    private Model.NosplitBudget budgetOfA(GoOracle.Toolchain go, GoRelease release) {
        Explainer.Outcome outcome = Explainer.explain(new Explainer.Request(
                List.of(dir.resolve("a_amd64.s").toString()), List.of(go.includeDir().toString()), List.of(), "main",
                Optional.empty(), Path.of(""), ReleaseProfile.reference(release)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return outcome.functions().get(0).budget();
    }

    /** Builds the program with the release's go command, which must fail; returns its output. */
    private String rejectedBuild(GoOracle.Toolchain go, GoRelease release, String goSource, String assembly)
            throws Exception {
        Files.writeString(dir.resolve("go.mod"), "module nschk\n\ngo 1.15\n");
        Files.writeString(dir.resolve("main.go"), goSource);
        Files.writeString(dir.resolve("a_amd64.s"), assembly);

        ProcessBuilder build = new ProcessBuilder(go.goCommand().toString(), "build", "-o", "prog", ".")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("build.txt").toFile());
        build.environment().keySet().removeIf(k -> k.startsWith("GO"));
        build.environment().put("GOROOT", go.goRoot().toString());
        // The build cache the run tests use for this release: the standard library compiles once.
        build.environment().put("GOCACHE", Path.of(System.getProperty("java.io.tmpdir"),
                "goasm-run-gocache-" + release.line()).toString());
        build.environment().put("GOFLAGS", "-mod=mod");
        build.environment().put("GOTOOLCHAIN", "local");
        build.environment().put("GOPATH", dir.resolve("gopath").toString());
        build.environment().put("HOME", dir.toString());
        Process p = build.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("go build finished").isTrue();
        String output = Files.readString(dir.resolve("build.txt"));
        assertThat(p.exitValue()).as("go%s build must reject the chain:%n%s", release.line(), output).isNotZero();
        return output;

    }
}
