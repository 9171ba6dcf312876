package goasm.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The installed Go 1.19 (Debian's golang-1.19-go and golang-1.19-src under /usr/lib/go-1.19),
 * the oracle every conformance test compares goasm with. When it is missing the tests fail
 * (never skip) and say how to install it.
 *
 * <pre>{@code
 * RunResult go = GoOracle.asm(List.of("-S", "-I", GoOracle.includeDir().toString(), "-o", out, file));
 * }</pre>
 */
public final class GoOracle {
    public static final Path GOROOT = Path.of("/usr/lib/go-1.19");
    private static final String INSTALL_HINT =
            "Go 1.19 is required as the oracle of these tests but %s is missing; run .ci/install-go119.sh";

    private GoOracle() {
    }

    /** The `go` command, after checking that it is installed. */
    public static Path goCommand() {
        return required(GOROOT.resolve("bin/go"));
    }

    /** The assembler binary that `go tool asm` runs; running it directly saves starting `go`. */
    public static Path asmTool() {
        goCommand();
        return required(GOROOT.resolve("pkg/tool/linux_amd64/asm"));
    }

    /** Where textflag.h and funcdata.h live (what `go build` passes as -I). */
    public static Path includeDir() {
        goCommand();
        return required(GOROOT.resolve("pkg/include"));
    }

    /** Go's own assembler test data (src/cmd/asm/internal/asm/testdata). */
    public static Path asmTestdata() {
        goCommand();
        return required(GOROOT.resolve("src/cmd/asm/internal/asm/testdata"));
    }

    /** Runs Go's assembler with these arguments, as `go tool asm` would for linux/amd64. */
    public static RunResult asm(List<String> args) {
        return asm(args, null);
    }

    /** As {@link #asm(List)}, started in {@code workingDir} (null: this process's own). */
    public static RunResult asm(List<String> args, Path workingDir) {
        return asm(args, workingDir, Map.of());
    }

    /**
     * As {@link #asm(List, Path)}, with {@code goEnv} (GOOS, GOARCH, GOAMD64, ...) as the Go
     * settings of the environment: GOOS and GOARCH default to linux and amd64, no other GO
     * variable of this process reaches Go.
     */
    public static RunResult asm(List<String> args, Path workingDir, Map<String, String> goEnv) {
        List<String> command = new ArrayList<>();
        command.add(asmTool().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        Map<String, String> env = builder.environment();
        // The oracle must not depend on the caller's Go settings.
        env.keySet().removeIf(key -> key.startsWith("GO"));
        env.put("GOROOT", GOROOT.toString());
        env.put("GOOS", "linux");
        env.put("GOARCH", "amd64");
        env.putAll(goEnv);
        try {
            Path stdout = Files.createTempFile("goasm-oracle", ".out");
            Path stderr = Files.createTempFile("goasm-oracle", ".err");
            try {
                // Files rather than pipes: a megabyte of diagnostics must not block the process.
                Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
                int status = process.waitFor();
                return new RunResult(status, Files.readAllBytes(stdout), Files.readAllBytes(stderr));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running Go's assembler", e);
        }
    }

    static Path required(Path path) {
        if (!Files.exists(path)) {
            throw new AssertionError(INSTALL_HINT.formatted(path));
        }
        return path;
    }
}
