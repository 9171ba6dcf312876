package goasm.cli;

import goasm.conformance.GoOracle;
import goasm.conformance.RunResult;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The environment is read as each release's internal/buildcfg reads it. The fixed cases are Go
 * 1.19's, reasoned from its source; the messages are the ones Go's assembler prints after "asm: "
 * (run with e.g. GOAMD64=v5 it says "asm: invalid GOAMD64: must be v1, v2, v3, v4" and exits
 * with status 2). {@link #everyReleaseReadsItsEnvironmentAsItsAsm} judges every release by its
 * own assembler.
 */
class GoEnvironmentTest {
    @TempDir
    Path work;

    /** Environments (space-separated assignments) every release is tried with. */
    static final List<String> ENVIRONMENTS = List.of("", "GOAMD64=v3", "GOAMD64=v4", "GOAMD64=v5",
            "GOEXPERIMENT=fieldtrack", "GOEXPERIMENT=none", "GOEXPERIMENT=none,regabi", "GOEXPERIMENT=noregabi",
            "GOEXPERIMENT=bogus", "GOEXPERIMENT=staticlockranking,nofieldtrack", "GOEXPERIMENT=loopvar,arenas",
            "GOEXPERIMENT=nocoverageredesign", "GOEXPERIMENT=noswissmap,synctest", "GOEXPERIMENT=nogreenteagc,simd",
            "GOEXPERIMENT=unified", "GOEXPERIMENT=rangefunc,range", "GOEXPERIMENT=mapsplitgroup", "GOOS=darwin",
            "GOOS=darwin GOEXPERIMENT=dwarf5", "GOOS=windows GOEXPERIMENT=none", "GOARM=8", "GOARM64=v8.0,lse",
            "GOAMD64=v2 GOARM64=v9.0", "GOWASM=signext,satconv", "GOFIPS140=inprocess", "GOFIPS140=v1.0.0");

    /**
     * For each environment, what the release's asm does: stops with a message (goasm must say
     * the same), or writes an object whose header names the GOAMD64 level (from 1.21) and the
     * enabled experiments (from 1.19), and prints the X: difference with -V.
     */
    @ParameterizedTest(name = "Go {0}")
    @EnumSource(GoRelease.class)
    void everyReleaseReadsItsEnvironmentAsItsAsm(GoRelease release) throws IOException {
        GoOracle.Toolchain go = GoOracle.of(release);
        ReleaseProfile profile = ReleaseProfile.reference(release);
        Files.writeString(work.resolve("a.s"), "TEXT ·f(SB),0,$0\n\tRET\n");
        for (String assignments : ENVIRONMENTS) {
            Map<String, String> env = new LinkedHashMap<>();
            for (String a : assignments.isEmpty() ? new String[0] : assignments.split(" ")) {
                env.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
            Path object = work.resolve("go.o");
            Files.deleteIfExists(object);
            RunResult assembled = go.asm(List.of("-p", "x", "-o", object.toString(), work.resolve("a.s").toString()),
                    null, env);
            RunResult version = go.asm(List.of("-V"), null, env);
            GoEnvironment read;
            try {
                read = GoEnvironment.read(env, profile);
            } catch (GoEnvironment.Invalid e) {
                assertThat(assembled.status()).as("%s: Go accepts it, goasm says %s", assignments, e.getMessage())
                        .isNotZero();
                assertThat(assembled.stderr().replaceFirst("^\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d ", "asm: "))
                        .as(assignments).isEqualTo("asm: " + e.getMessage() + "\n");
                continue;
            }
            assertThat(assembled.status()).as("%s: goasm accepts it, Go says %s", assignments, assembled.stderr())
                    .isZero();
            String header = new String(Files.readAllBytes(object), StandardCharsets.ISO_8859_1).lines().findFirst()
                    .orElseThrow();
            List<String> fields = Arrays.asList(header.split(" "));
            String experiments = fields.stream().filter(f -> f.startsWith("X:")).findFirst().orElse("X:");
            if (release != GoRelease.GO1_15) {
                // Go 1.15's header names no experiments; its are fixed when the toolchain is built.
                assertThat(String.join(",", read.experiments())).as("%s: enabled experiments", assignments)
                        .isEqualTo(experiments.substring(2));
            }
            fields.stream().filter(f -> f.startsWith("GOAMD64=")).findFirst().ifPresent(level ->
                    assertThat("GOAMD64=" + read.goamd64()).as(assignments).isEqualTo(level));
            String difference = read.experimentDifference().isEmpty() ? "" : " X:" + read.experimentDifference();
            assertThat(version.stdout()).as("%s: -V", assignments)
                    .isEqualTo("asm version " + release.referencePatch() + difference + "\n");
        }
    }
    @Test
    void anEmptyEnvironmentIsLinuxAmd64WithTheRegisterAbi() throws GoEnvironment.Invalid {
        GoEnvironment env = readAsGo119(Map.of());

        assertThat(env.goos()).isEqualTo("linux");
        assertThat(env.goarch()).isEqualTo("amd64");
        assertThat(env.experiments()).containsExactly("regabiwrappers", "regabiargs");
    }

    @Test
    void anEmptyValueCountsAsUnset() throws GoEnvironment.Invalid {
        GoEnvironment env = readAsGo119(Map.of("GOOS", "", "GOARCH", "", "GOAMD64", ""));

        assertThat(env.goos()).isEqualTo("linux");
        assertThat(env.goarch()).isEqualTo("amd64");
    }

    @Test
    void goosAndGoarchAreTakenAsGivenAndCheckedLater() throws GoEnvironment.Invalid {
        // Go's buildcfg does not check them: "unknown goos" and "unrecognized architecture" come
        // after the flags are parsed.
        GoEnvironment env = readAsGo119(Map.of("GOOS", "nosuchos", "GOARCH", "nosucharch"));

        assertThat(env.goos()).isEqualTo("nosuchos");
        assertThat(env.goarch()).isEqualTo("nosucharch");
    }

    @Test
    void eachVariableWithFixedValuesIsChecked() {
        assertThatThrownBy(() -> readAsGo119(Map.of("GOAMD64", "v5")))
                .hasMessage("invalid GOAMD64: must be v1, v2, v3, v4");
        assertThatThrownBy(() -> readAsGo119(Map.of("GOARM", "9"))).hasMessage("invalid GOARM: must be 5, 6, 7");
        assertThatThrownBy(() -> readAsGo119(Map.of("GOMIPS", "x")))
                .hasMessage("invalid GOMIPS: must be hardfloat, softfloat");
        assertThatThrownBy(() -> readAsGo119(Map.of("GOPPC64", "x")))
                .hasMessage("invalid GOPPC64: must be power8, power9");
        assertThatThrownBy(() -> readAsGo119(Map.of("GOWASM", "satconv,x")))
                .hasMessage("invalid GOWASM: no such feature \"x\"");
    }

    @Test
    void theLastComplaintInGosOrderWins() {
        // Go keeps one error, overwritten in the order its variables are initialized:
        // GOAMD64=v9 GOWASM=x reports GOWASM; adding GOEXPERIMENT=bogus reports that.
        assertThatThrownBy(() -> readAsGo119(Map.of("GOAMD64", "v9", "GOWASM", "x")))
                .hasMessage("invalid GOWASM: no such feature \"x\"");
        assertThatThrownBy(() -> readAsGo119(Map.of("GOWASM", "x", "GOEXPERIMENT", "bogus")))
                .hasMessage("unknown GOEXPERIMENT bogus");
    }

    @Test
    void experimentsAreTurnedOnAndOffButTheRegisterAbiStaysOnForAmd64() throws GoEnvironment.Invalid {
        assertThat(readAsGo119(Map.of("GOEXPERIMENT", "unified")).experiments())
                .containsExactly("unified", "regabiwrappers", "regabiargs");
        assertThat(readAsGo119(Map.of("GOEXPERIMENT", "none,heapminimum512kib")).experiments())
                .containsExactly("regabiwrappers", "regabiargs", "heapminimum512kib");
        assertThat(readAsGo119(Map.of("GOEXPERIMENT", "noregabi")).experiments())
                .containsExactly("regabiwrappers", "regabiargs");
        assertThat(readAsGo119(Map.of("GOEXPERIMENT", "unified,nounified")).experiments())
                .containsExactly("regabiwrappers", "regabiargs");
        // The name after "no" is the one Go names.
        assertThatThrownBy(() -> readAsGo119(Map.of("GOEXPERIMENT", "nobogus")))
                .hasMessage("unknown GOEXPERIMENT bogus");
    }

    @Test
    void theRegisterAbiDependsOnTheArchitecture() throws GoEnvironment.Invalid {
        // 386 has no register ABI; on riscv64 it is on by default but can be turned off, and
        // regabiargs needs regabiwrappers (Go's ParseGOEXPERIMENT).
        assertThat(readAsGo119(Map.of("GOARCH", "386")).experiments()).isEmpty();
        assertThat(readAsGo119(Map.of("GOARCH", "riscv64", "GOEXPERIMENT", "noregabi")).experiments()).isEmpty();
        assertThatThrownBy(() -> readAsGo119(Map.of("GOARCH", "riscv64", "GOEXPERIMENT", "noregabiwrappers")))
                .hasMessage("GOEXPERIMENT regabiargs requires regabiwrappers");
    }

    /** These older cases were written against Go 1.19's rules and messages. */
    private static GoEnvironment readAsGo119(Map<String, String> env) throws GoEnvironment.Invalid {
        return GoEnvironment.read(env, goasm.release.ReleaseProfile.reference(goasm.release.GoRelease.GO1_19));
    }
}
