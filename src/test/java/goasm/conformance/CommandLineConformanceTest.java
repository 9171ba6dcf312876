package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The command line of every release, judged by that release's own `asm` binary run in the
 * test: flags, usage text, -V and -V=full, -d help and unknown -d keys, response files, and the
 * build settings in the environment that stop the assembler (GOAMD64, GOEXPERIMENT, GOARM, ...).
 * stdout, stderr and exit status must be the same bytes. Only the time of day Go 1.15 logs
 * before a bad setting is blanked on both sides.
 */
class CommandLineConformanceTest {
    @TempDir
    Path work;

    /** Each run gets a fresh directory, so no output of an earlier run is seen. */
    private final java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();

    /** Command lines (split on spaces) run in a directory holding a.s, b.s and the response files. */
    static final List<String> ARGUMENTS = List.of(
            "-V", "-V=full", "-V=full -bogus", "-V=foo", "-V full", "-d help", "-d=help,bogus", "-d help -V",
            "-V -d help", "-d foo a.s", "-d=maymorestack=f,bogus=1 a.s", "-d compressinstructions=x a.s",
            "-d compressinstructions:1 -V", "-S=x a.s", "-S=2 -V", "-bogus", "", "a.s b.s", "-h", "-help", "--help",
            "--", "-=x", "-o", "-D", "-I", "-e=maybe a.s", "-std -V", "-go115newobj=false -V", "-compiling-runtime -V",
            "-linkshared -V", "-v -V", "@missing", "@version.rsp", "@nested.rsp", "-e @version.rsp", "@dir");

    /** Environments (space-separated assignments) tried with -V=full, then with a file to assemble. */
    static final List<String> ENVIRONMENTS = List.of(
            "GOAMD64=v5", "GOAMD64=v3", "GOEXPERIMENT=bogus", "GOEXPERIMENT=nobogus", "GOEXPERIMENT=fieldtrack",
            "GOEXPERIMENT=none", "GOEXPERIMENT=noregabi", "GOEXPERIMENT=regabi,nofieldtrack,fieldtrack",
            "GOEXPERIMENT=noregabiwrappers", "GOEXPERIMENT=loopvar,cacheprog", "GOEXPERIMENT=nodwarf5,jsonv2",
            "GOOS=darwin GOEXPERIMENT=none", "GOOS=darwin", "GOARCH=386 GOEXPERIMENT=regabi",
            "GOARCH=riscv64 GOEXPERIMENT=noregabi", "GOARM=9", "GOARM=7,softfloat", "GOARM=5,softfloat,hardfloat",
            "GOARM=9 GOARM64=v9.9", "GOARM64=v8.1,crypto,lse", "GOWASM=satconv,x", "GOPPC64=power10", "GOPPC64=x",
            "GOMIPS=x", "GOMIPS64=x", "GORISCV64=rva23u64", "GORISCV64=x", "GOFIPS140=v1.2.3-rc1",
            "GOFIPS140=v1.2.3-abcdef12", "GOFIPS140=v2.0.0", "GOFIPS140=v1.2", "GOFIPS140=latest",
            "GOEXPERIMENT=bogus GOFIPS140=x", "GOAMD64=v9 GOWASM=x", "GOWASM=x GOEXPERIMENT=bogus", "GOARCH=bogus",
            "GOARCH=arm");

    @TestFactory
    Stream<DynamicNode> everyReleaseAnswersAsItsAsm() {
        return GoRelease.all().stream().map(release -> DynamicContainer.dynamicContainer("Go " + release.line(),
                Stream.concat(
                        ARGUMENTS.stream().map(args -> dynamicTest("asm " + args, () -> check(release, args, Map.of()))),
                        ENVIRONMENTS.stream().flatMap(env -> Stream.of(
                                dynamicTest(env + " asm -V=full", () -> check(release, "-V=full", environment(env))),
                                dynamicTest(env + " asm -p x -o a.o a.s",
                                        () -> checkStatusAndStderr(release, "-p x -o a.o a.s", environment(env))))))));
    }

    private static Map<String, String> environment(String assignments) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String assignment : assignments.split(" ")) {
            int eq = assignment.indexOf('=');
            env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        return env;
    }

    private Path directory(GoRelease release, String side) throws IOException {
        Path dir = Files.createDirectories(work.resolve(release.line() + "-" + side + "-" + runs.incrementAndGet()));
        Files.writeString(dir.resolve("a.s"), "TEXT ·f(SB),0,$0\n\tRET\n");
        Files.writeString(dir.resolve("b.s"), "TEXT ·g(SB),0,$0\n\tRET\n");
        Files.writeString(dir.resolve("version.rsp"), "-V=full\n");
        Files.writeString(dir.resolve("nested.rsp"), "-e\n@version.rsp\n");
        Files.createDirectories(dir.resolve("dir"));
        return dir;
    }

    private void check(GoRelease release, String args, Map<String, String> env) throws IOException {
        List<String> argv = args.isEmpty() ? List.of() : Arrays.asList(args.split(" "));
        RunResult go = GoOracle.of(release).asm(argv, directory(release, "go"), env);
        RunResult goasm = Goasm.asm(release, argv, directory(release, "goasm"), env);
        assertThat(TextDiff.firstDifference("go stdout", go.stdoutBytesAsText(), "goasm stdout",
                goasm.stdoutBytesAsText())).as("stdout").isNull();
        assertThat(TextDiff.firstDifference("go stderr", withoutLogTime(go.stderrBytesAsText()), "goasm stderr",
                withoutLogTime(goasm.stderrBytesAsText()))).as("stderr").isNull();
        assertThat(goasm.status()).as("exit status").isEqualTo(go.status());
    }

    /**
     * Where the environment is accepted both assemble (the object file is other tests' concern);
     * where it is not, both fail alike and leave no object.
     */
    private void checkStatusAndStderr(GoRelease release, String args, Map<String, String> env) throws IOException {
        List<String> argv = Arrays.asList(args.split(" "));
        Path goDir = directory(release, "go");
        Path goasmDir = directory(release, "goasm");
        RunResult go = GoOracle.of(release).asm(argv, goDir, env);
        RunResult goasm = Goasm.asm(release, argv, goasmDir, env);
        if (go.status() != 0) {
            assertThat(TextDiff.firstDifference("go stderr", withoutLogTime(go.stderrBytesAsText()), "goasm stderr",
                    withoutLogTime(goasm.stderrBytesAsText()))).as("stderr").isNull();
            assertThat(goasm.status()).as("exit status").isEqualTo(go.status());
            assertThat(goasmDir.resolve("a.o")).doesNotExist();
        } else if (env.getOrDefault("GOARCH", "amd64").equals("amd64")) {
            assertThat(goasm.status()).as("exit status; stderr: %s", goasm.stderrHead(5)).isZero();
            assertThat(goasmDir.resolve("a.o")).exists();
        } else {
            // goasm assembles amd64 only, and says so.
            assertThat(goasm.stderr()).contains("goasm assembles amd64 only");
        }
    }

    /** Go 1.15 reports a bad setting with log.Fatalf, which starts with the date and time. */
    private static String withoutLogTime(String text) {
        return text.replaceAll("(?m)^\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d ", "YYYY/MM/DD hh:mm:ss ");
    }
}
