package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: the real `go build` of each release builds a program whose dependencies hold
 * assembly (runtime, crypto/sha256, math/big, strings) and which has a `.s` file of its own,
 * once with Go's assembler and once with `-toolexec 'goasm toolexec'`, each from scratch (-a, a
 * fresh GOCACHE). The two executables must be the same bytes, and must run and print what the
 * program computes. When they differ, the message names the assembled objects that differ between
 * the two builds' work directories (kept with -work), each with the package `-x` shows it was
 * assembled for.
 */
class ToolexecBuildTest {
    @TempDir
    Path work;

    private static final String GO_MOD = "module example.com/e2e\n\ngo 1.15\n";

    private static final String MAIN_GO = """
            package main

            import (
            \t"crypto/sha256"
            \t"fmt"
            \t"math/big"
            \t"strings"
            )

            // add is in add_amd64.s.
            func add(a, b int64) int64

            func main() {
            \tfmt.Printf("%x\\n", sha256.Sum256([]byte("abc")))
            \tf := big.NewInt(1)
            \tfor i := int64(2); i <= 30; i++ {
            \t\tf.Mul(f, big.NewInt(i))
            \t}
            \tfmt.Println(f)
            \tfmt.Println(strings.ToUpper(strings.Repeat("go", 3)), strings.Index("chicken", "ken"))
            \tfmt.Println(add(2, 3))
            }
            """;

    private static final String ADD_S = """
            #include "textflag.h"

            // func add(a, b int64) int64
            TEXT ·add(SB),NOSPLIT,$0-24
            \tMOVQ a+0(FP), AX
            \tMOVQ b+8(FP), BX
            \tADDQ BX, AX
            \tMOVQ AX, ret+16(FP)
            \tRET
            """;

    /**
     * What the program prints: SHA-256 of "abc" (FIPS 180-2's first example), 30!, "go" three
     * times in capitals and where "ken" starts in "chicken", 2+3.
     */
    private static final String EXPECTED_OUTPUT = """
            ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
            265252859812191058636308480000000
            GOGOGO 4
            5
            """;

    /**
     * The releases built (each costs two `go build -a`, about 25 s on an idle 2-core machine):
     * -Dgoasm.toolexecReleases, every release by default.
     */
    static Stream<GoRelease> releases() {
        return ReleaseLists.parse(System.getProperty("goasm.toolexecReleases", "all")).stream();
    }

    @ParameterizedTest(name = "Go {0}")
    @MethodSource("releases")
    void goasmBuildsTheSameExecutableAsGo(GoRelease release) throws Exception {
        GoOracle.Toolchain go = GoOracle.of(release);
        Path goCommand = go.goCommand();
        Path source = Files.createDirectories(work.resolve("src"));
        Files.writeString(source.resolve("go.mod"), GO_MOD);
        Files.writeString(source.resolve("main.go"), MAIN_GO);
        Files.writeString(source.resolve("add_amd64.s"), ADD_S);

        Path withGo = work.resolve("with-go");
        Path withGoasm = work.resolve("with-goasm");
        Result goBuild = build(go, goCommand, source, "go", withGo, List.of());
        assertThat(goBuild.status).as("go build with Go's assembler:%n%s", goBuild.tail()).isZero();
        String launcher = ProjectPaths.root().resolve("bin/goasm").toString();
        Result goasmBuild = build(go, goCommand, source, "goasm", withGoasm, List.of("-toolexec", launcher + " toolexec"));
        assertThat(goasmBuild.status).as("go build -toolexec 'goasm toolexec':%n%s", goasmBuild.tail()).isZero();

        assertThat(run(withGo)).isEqualTo(EXPECTED_OUTPUT);
        assertThat(run(withGoasm)).isEqualTo(EXPECTED_OUTPUT);
        long mismatch = Files.mismatch(withGo, withGoasm);
        Path report = Files.createDirectories(ProjectPaths.buildDir().resolve("conformance"))
                .resolve("toolexec-" + release.line() + ".txt");
        Files.writeString(report, mismatch < 0 ? "Go " + release.line() + " toolexec build: 1 of 1 identical\n"
                : "Go " + release.line() + " toolexec build: 0 of 1 identical (executables first differ at byte "
                + mismatch + "; both run correctly)\n");
        String objects = mismatch < 0 ? "" : differingObjects(goBuild, goasmBuild);
        if (IDENTICAL_RELEASES.contains(release)) {
            assertThat(mismatch).as("first byte where the executables differ (-1: none); assembled objects that differ:%n%s",
                    objects).isEqualTo(-1L);
        } else {
            // Not yet exact: reported in the figure file, and it must still build and run (above).
            System.out.print(Files.readString(report));
            if (mismatch >= 0) {
                System.out.printf("Go %s: assembled objects that differ:%n%s%n", release.line(), objects);
            }
        }
    }

    /**
     * The releases whose toolexec build must already give Go's executable byte for byte
     * (toolexec-identical-releases.txt next to this class); the others must build and run.
     */
    static final java.util.Set<GoRelease> IDENTICAL_RELEASES =
            ReleaseLists.resource(ToolexecBuildTest.class, "toolexec-identical-releases.txt");

    private record Result(int status, String output) {
        private static final Pattern WORK = Pattern.compile("(?m)^WORK=(\\S+)$");

        /** The work directory go build kept (-work prints it first). */
        Optional<Path> workDir() {
            Matcher m = WORK.matcher(output);
            return m.find() ? Optional.of(Path.of(m.group(1))) : Optional.empty();
        }

        /** Shown when the build fails: -x makes the whole log long, its end holds the error. */
        String tail() {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
    }

    /**
     * The object files (bNNN/name.o) of Go's build whose counterpart in goasm's build is missing or
     * holds other bytes. Both builds run the same action graph, so an action's directory has the
     * same number in both.
     */
    private static String differingObjects(Result goBuild, Result goasmBuild) throws IOException {
        Optional<Path> goWork = goBuild.workDir();
        Optional<Path> goasmWork = goasmBuild.workDir();
        if (goWork.isEmpty() || goasmWork.isEmpty()) {
            return "(no work directory in the build logs)";
        }
        List<String> differing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(goWork.get())) {
            for (Path object : files.filter(f -> f.toString().endsWith(".o")).sorted().toList()) {
                String relative = goWork.get().relativize(object).toString();
                Path other = goasmWork.get().resolve(relative);
                if (!Files.isRegularFile(other) || Files.mismatch(object, other) != -1L) {
                    differing.add(relative + " (" + assembledPackage(goBuild.output, relative) + ")");
                }
            }
        }
        return differing.isEmpty() ? "none" : String.join("\n", differing);
    }

    /** The -p argument of the command (shown by -x) that wrote $WORK/relative. */
    private static String assembledPackage(String log, String relative) {
        String target = "-o $WORK/" + relative + " ";
        return log.lines().filter(line -> line.contains(target)).findFirst()
                .map(line -> {
                    Matcher m = Pattern.compile(" -p (\\S+)").matcher(line);
                    return m.find() ? m.group(1) : "?";
                })
                .orElse("?");
    }

    private Result build(GoOracle.Toolchain go, Path goCommand, Path source, String name, Path output,
                         List<String> extra) throws IOException, InterruptedException {
        // -work keeps each build's objects for the message above; -x names their packages.
        List<String> command = new ArrayList<>(List.of(goCommand.toString(), "build", "-a", "-trimpath",
                "-ldflags=-buildid=", "-work", "-x"));
        command.addAll(extra);
        command.addAll(List.of("-o", output.toString(), "."));
        ProcessBuilder builder = new ProcessBuilder(command).directory(source.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("GO") || key.startsWith("CGO"));
        env.put("GOROOT", go.goRoot().toString());
        env.put("PATH", go.goRoot().resolve("bin") + ":/usr/bin:/bin");
        env.put("HOME", Files.createDirectories(work.resolve("home")).toString());
        // A cache of its own for each build, so nothing of one is reused by the other.
        env.put("GOCACHE", Files.createDirectories(work.resolve("cache-" + name)).toString());
        env.put("GOPATH", Files.createDirectories(work.resolve("gopath")).toString());
        // The kept work directories then go when the test's directory does.
        env.put("TMPDIR", Files.createDirectories(work.resolve("tmp-" + name)).toString());
        env.put("GO111MODULE", "on");
        env.put("GOTOOLCHAIN", "local");
        env.put("GOFLAGS", "-modcacherw");
        env.put("CGO_ENABLED", "0");
        // bin/goasm runs these classes (so the test needs no packaged jar).
        env.put("GOASM_CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Result(-1, "go build did not finish within an hour");
        }
        return new Result(process.exitValue(), Files.readString(work.resolve(name + ".log")));
    }

    private String run(Path executable) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(executable.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("exit status of %s; output:%n%s", executable, output).isZero();
        return output;
    }
}
