package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The installed Go releases (Debian's golang-V-go and golang-V-src under /usr/lib/go-V), the
 * oracles the conformance tests compare goasm with. When one is missing the tests that need it
 * fail (never skip) and say how to install it, unless .ci/install-go.sh found that no Debian suite
 * offers it any more ({@link #UNAVAILABLE_LIST}): those tests abort, naming the release as not
 * checked, since no machine can install it. The static methods are Go 1.19's, the release
 * the older tests were written against; {@link #of(GoRelease)} gives any supported release.
 *
 * <pre>{@code
 * RunResult go = GoOracle.of(GoRelease.GO1_27).asm(List.of("-S", "-I", inc, "-o", out, file), null, Map.of());
 * }</pre>
 */
public final class GoOracle {
    public static final Path GOROOT = Path.of("/usr/lib/go-1.19");
    private static final String INSTALL_HINT =
            "Go %s is required as the oracle of these tests but %s is missing; run .ci/install-go.sh %s";

    /**
     * Where .ci/install-go.sh lists the releases no Debian suite offers any more, one per line:
     * the release line and the package it looked for ("1.15 golang-1.15-go").
     */
    public static final Path UNAVAILABLE_LIST =
            Path.of(System.getProperty("user.home"), ".cache", "goasm", "unavailable-go-releases");

    private static final Toolchain GO1_19 = of(GoRelease.GO1_19);

    private GoOracle() {
    }

    /**
     * One installed release of Go.
     *
     * @param unavailableList the installer's list of releases Debian no longer offers (it need
     *                        not exist)
     */
    public record Toolchain(GoRelease release, Path goRoot, Path unavailableList) {
        public Toolchain(GoRelease release, Path goRoot) {
            this(release, goRoot, UNAVAILABLE_LIST);
        }

        /** The `go` command, after checking that it is installed. */
        public Path goCommand() {
            return required(goRoot.resolve("bin/go"));
        }

        /** The assembler binary that `go tool asm` runs; running it directly saves starting `go`. */
        public Path asmTool() {
            goCommand();
            return required(goRoot.resolve("pkg/tool/linux_amd64/asm"));
        }

        /** Where textflag.h and funcdata.h live (what `go build` passes as -I). */
        public Path includeDir() {
            goCommand();
            return required(goRoot.resolve("pkg/include"));
        }

        /** Go's own assembler test data (src/cmd/asm/internal/asm/testdata). */
        public Path asmTestdata() {
            goCommand();
            return required(goRoot.resolve("src/cmd/asm/internal/asm/testdata"));
        }

        /**
         * The exact version installed ("go1.27.3"): the first word of GOROOT/VERSION, which
         * Debian installs.
         */
        public String exactVersion() {
            Path file = required(goRoot.resolve("VERSION"));
            try {
                String first = Files.readAllLines(file).stream().findFirst().orElse("").strip();
                return first.split("\\s+")[0];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Whether this release is installed at all (for messages, never for skipping). */
        public boolean installed() {
            return Files.isExecutable(goRoot.resolve("bin/go")) && Files.isDirectory(goRoot.resolve("src/cmd/asm"));
        }

        /**
         * Runs this release's assembler with these arguments, started in {@code workingDir} (null:
         * this process's own), with {@code goEnv} (GOOS, GOARCH, GOAMD64, ...) as the Go settings
         * of the environment: GOOS and GOARCH default to linux and amd64, no other GO variable of
         * this process reaches Go.
         */
        public RunResult asm(List<String> args, Path workingDir, Map<String, String> goEnv) {
            return run(asmTool(), goRoot, args, workingDir, goEnv);
        }

        /**
         * The path, which must exist: when it does not, a test of a release Debian no longer offers
         * is aborted (and says so loudly), any other fails saying how to install the release.
         */
        Path required(Path path) {
            if (!Files.exists(path)) {
                unavailablePackage().ifPresent(pkg -> {
                    String message = "Go %s: Debian no longer offers %s; NOT CHECKED".formatted(release.line(), pkg);
                    if (unavailableList.equals(UNAVAILABLE_LIST)) {
                        // Loud on the console too: an aborted test is easily overlooked.
                        System.err.println("*** " + message);
                    }
                    Assumptions.abort(message);
                });
                throw new AssertionError(INSTALL_HINT.formatted(release.line(), path, release.line()));
            }
            return path;
        }

        /** The package the installer looked for in vain, if it listed this release as unavailable. */
        public Optional<String> unavailablePackage() {
            if (!Files.isRegularFile(unavailableList)) {
                return Optional.empty();
            }
            try {
                for (String line : Files.readAllLines(unavailableList)) {
                    String[] words = line.strip().split("\\s+");
                    if (words[0].equals(release.line())) {
                        return Optional.of(words.length > 1 ? words[1] : "golang-" + release.line() + "-go");
                    }
                }
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The release as Debian installs it, at /usr/lib/go-1.N. */
    public static Toolchain of(GoRelease release) {
        return new Toolchain(release, Path.of("/usr/lib/go-" + release.line()));
    }

    /**
     * The release as installed under {@code libDir} (/usr/lib for Debian), with the installer's
     * list of unavailable releases at {@code unavailableList}: for tests of these rules.
     */
    static Toolchain of(GoRelease release, Path libDir, Path unavailableList) {
        return new Toolchain(release, libDir.resolve("go-" + release.line()), unavailableList);
    }

    /** The `go` command, after checking that it is installed. */
    public static Path goCommand() {
        return GO1_19.goCommand();
    }

    /** The assembler binary that `go tool asm` runs; running it directly saves starting `go`. */
    public static Path asmTool() {
        return GO1_19.asmTool();
    }

    /** Where textflag.h and funcdata.h live (what `go build` passes as -I). */
    public static Path includeDir() {
        return GO1_19.includeDir();
    }

    /** Go's own assembler test data (src/cmd/asm/internal/asm/testdata). */
    public static Path asmTestdata() {
        return GO1_19.asmTestdata();
    }

    /** Runs Go's assembler with these arguments, as `go tool asm` would for linux/amd64. */
    public static RunResult asm(List<String> args) {
        return asm(args, null);
    }

    /** As {@link #asm(List)}, started in {@code workingDir} (null: this process's own). */
    public static RunResult asm(List<String> args, Path workingDir) {
        return asm(args, workingDir, Map.of());
    }

    /** As {@link Toolchain#asm}, for Go 1.19. */
    public static RunResult asm(List<String> args, Path workingDir, Map<String, String> goEnv) {
        return GO1_19.asm(args, workingDir, goEnv);
    }

    private static RunResult run(Path tool, Path goRoot, List<String> args, Path workingDir, Map<String, String> goEnv) {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        Map<String, String> env = builder.environment();
        // The oracle must not depend on the caller's Go settings.
        env.keySet().removeIf(key -> key.startsWith("GO"));
        env.put("GOROOT", goRoot.toString());
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
        return GO1_19.required(path);
    }
}
