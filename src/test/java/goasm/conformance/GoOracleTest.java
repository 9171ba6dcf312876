package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoOracleTest {
    @Test
    void aMissingGoFailsAndSaysHowToInstallIt() {
        assertThatThrownBy(() -> GoOracle.required(Path.of("/nonexistent/go-1.19/bin/go")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/nonexistent/go-1.19/bin/go")
                .hasMessageContaining("run .ci/install-go.sh 1.19");
    }

    @Test
    void runsGosAssembler() {
        RunResult version = GoOracle.asm(List.of("-V"));
        assertThat(version.status()).isZero();
        assertThat(version.stdout()).isEqualTo("asm version go1.19.8\n");
    }

    @Test
    void readsExtraFlagsFromTheExampleHeader() throws Exception {
        assertThat(ExamplesConformanceTest.extraFlags(ProjectPaths.examples().resolve("abiinternal_amd64.s")))
                .containsExactly("-compiling-runtime");
        assertThat(ExamplesConformanceTest.extraFlags(ProjectPaths.examples().resolve("frames_amd64.s"))).isEmpty();
    }

    // A fake /usr/lib and a fake installer list stand for a machine where Debian dropped Go 1.15.

    @Test
    void aReleaseDebianNoLongerOffersAbortsLoudlyNamingIt(@TempDir Path root) throws Exception {
        Path list = Files.writeString(root.resolve("unavailable-go-releases"), "1.15 golang-1.15-go\n");
        GoOracle.Toolchain go = GoOracle.of(GoRelease.GO1_15, root.resolve("lib"), list);
        assertThatThrownBy(go::asmTool)
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("Go 1.15: Debian no longer offers golang-1.15-go; NOT CHECKED");
    }

    @Test
    void aMissingReleaseThatIsNotListedAsUnavailableStillFails(@TempDir Path root) throws Exception {
        Path list = Files.writeString(root.resolve("unavailable-go-releases"), "1.15 golang-1.15-go\n");
        GoOracle.Toolchain go = GoOracle.of(GoRelease.GO1_27, root.resolve("lib"), list);
        assertThatThrownBy(go::asmTool)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("run .ci/install-go.sh 1.27");
    }

    @Test
    void withoutTheInstallersListAMissingReleaseFails(@TempDir Path root) {
        GoOracle.Toolchain go = GoOracle.of(GoRelease.GO1_15, root.resolve("lib"), root.resolve("no-such-list"));
        assertThatThrownBy(go::goCommand)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("run .ci/install-go.sh 1.15");
    }

    @Test
    void aListedReleaseThatIsInstalledAfterAllIsUsed(@TempDir Path root) throws Exception {
        Path list = Files.writeString(root.resolve("unavailable-go-releases"), "1.21 golang-1.21-go\n1.15 golang-1.15-go\n");
        Path goRoot = root.resolve("lib/go-1.15");
        Files.createDirectories(goRoot.resolve("bin"));
        Files.writeString(goRoot.resolve("bin/go"), "");
        Files.writeString(goRoot.resolve("VERSION"), "go1.15.15\ntime 2021-08-04T00:00:00Z\n");
        GoOracle.Toolchain go = GoOracle.of(GoRelease.GO1_15, root.resolve("lib"), list);
        assertThat(go.unavailablePackage()).contains("golang-1.15-go");
        assertThat(go.goCommand()).isEqualTo(goRoot.resolve("bin/go"));
        assertThat(go.exactVersion()).isEqualTo("go1.15.15");
    }

    @Test
    void everyInstalledReleaseNamesItsExactVersion() {
        for (GoRelease release : GoRelease.all()) {
            GoOracle.Toolchain go = GoOracle.of(release);
            assertThat(go.exactVersion()).as("VERSION of %s", go.goRoot()).startsWith("go" + release.line() + ".");
        }
    }

    /**
     * .ci/install-go.sh on a fake machine (fake /usr/lib, /etc/apt, apt-get, apt-cache and sudo
     * first on PATH) where no suite offers golang-1.15-go: it installs the others, exits 3, names
     * 1.15, and lists it where GoOracle reads it; a later run that installs it drops the line.
     */
    @Test
    void theInstallerListsTheReleasesNoSuiteOffers(@TempDir Path root) throws Exception {
        FakeMachine m = FakeMachine.at(root,
                "case \"$2\" in golang-1.15-*) [ -f \"$GO_LIB/offers-1.15\" ] ;; *) exit 0 ;; esac");
        Path lib = m.lib();
        Path list = m.list();

        ProcessResult first = m.run(".ci/install-go.sh", Map.of(), "1.15", "1.27");
        assertThat(first.status()).as(first.output()).isEqualTo(3);
        assertThat(first.output()).contains("no suite offers golang-1.15-go any more");
        assertThat(Files.readString(list)).isEqualTo("1.15 golang-1.15-go\n");
        assertThat(lib.resolve("go-1.27/bin/go")).isExecutable();
        assertThat(GoOracle.of(GoRelease.GO1_15, lib, list).unavailablePackage()).contains("golang-1.15-go");
        assertThat(GoOracle.of(GoRelease.GO1_27, lib, list).unavailablePackage()).isEmpty();

        Files.writeString(lib.resolve("offers-1.15"), "");
        ProcessResult second = m.run(".ci/install-go.sh", Map.of(), "1.15");
        assertThat(second.status()).as(second.output()).isZero();
        assertThat(Files.readString(list)).isEmpty();
    }

    /**
     * .ci/run on the same kind of fake machine, with a fake mvn: a release no suite offers is
     * bannered before and after the tests and does not make CI fail by itself; the tests' own
     * status still decides.
     */
    @Test
    void ciBannersAnUnavailableReleaseAndLetsTheTestsDecide(@TempDir Path root) throws Exception {
        FakeMachine m = FakeMachine.at(root, "case \"$2\" in golang-1.15-*) exit 1 ;; *) exit 0 ;; esac");
        script(m.bin().resolve("mvn"), "echo \"fake mvn $*\"; exit ${FAKE_MVN_STATUS:-0}");

        ProcessResult green = m.run(".ci/run", Map.of("FAKE_MVN_STATUS", "0"));
        assertThat(green.status()).as(green.output()).isZero();
        assertThat(green.output()).contains("fake mvn -B verify");
        String banner = "# Go 1.15: Debian no longer offers golang-1.15-go; NOT CHECKED";
        assertThat(green.output().split(java.util.regex.Pattern.quote(banner), -1)).as(green.output()).hasSize(3);

        ProcessResult red = m.run(".ci/run", Map.of("FAKE_MVN_STATUS", "1"));
        assertThat(red.status()).as(red.output()).isEqualTo(1);
    }

    private record ProcessResult(int status, String output) {
    }

    /**
     * A fake machine for the project's install and CI scripts: a Go library folder, an apt
     * configuration, and sudo, apt-cache (answering as {@code aptCache} says) and an apt-get that
     * "installs" a release as an executable bin/go, first on PATH.
     */
    private record FakeMachine(Path root, Path lib, Path aptEtc, Path bin, Path list) {
        static FakeMachine at(Path root, String aptCache) throws Exception {
            Path lib = Files.createDirectories(root.resolve("lib"));
            Path aptEtc = Files.createDirectories(root.resolve("etc-apt"));
            Files.createDirectories(aptEtc.resolve("sources.list.d"));
            Files.createDirectories(aptEtc.resolve("preferences.d"));
            Files.writeString(aptEtc.resolve("sources.list"), "deb http://deb.example/debian bookworm main\n");
            Path bin = Files.createDirectories(root.resolve("bin"));
            script(bin.resolve("sudo"), "exec \"$@\"");
            script(bin.resolve("apt-cache"), aptCache);
            script(bin.resolve("apt-get"), """
                    [ "$1" = install ] || exit 0
                    for p in "$@"; do case "$p" in golang-*-go) v=${p#golang-}; v=${v%-go}
                      mkdir -p "$GO_LIB/go-$v/bin" "$GO_LIB/go-$v/src/cmd/asm"
                      printf '#!/bin/sh\\necho go version go%s.0 linux/amd64\\n' "$v" > "$GO_LIB/go-$v/bin/go"
                      chmod +x "$GO_LIB/go-$v/bin/go";; esac; done""");
            return new FakeMachine(root, lib, aptEtc, bin, root.resolve("cache/unavailable-go-releases"));
        }

        /** Runs one of the project's scripts on this machine with these arguments. */
        ProcessResult run(String projectScript, Map<String, String> extraEnv, String... args) throws Exception {
            List<String> command = new java.util.ArrayList<>(List.of("bash",
                    ProjectPaths.root().resolve(projectScript).toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(root.toFile());
            builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            builder.environment().put("GO_LIB", lib.toString());
            builder.environment().put("APT_ETC", aptEtc.toString());
            builder.environment().put("UNAVAILABLE", list.toString());
            builder.environment().putAll(extraEnv);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            return new ProcessResult(process.waitFor(), output);
        }
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
