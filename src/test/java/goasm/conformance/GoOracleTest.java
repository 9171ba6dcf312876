package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
}
