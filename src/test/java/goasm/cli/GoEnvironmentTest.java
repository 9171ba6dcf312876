package goasm.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The environment is read as Go 1.19's internal/buildcfg reads it. The messages are the ones Go's
 * assembler prints after "asm: " (run with e.g. GOAMD64=v5 it says "asm: invalid GOAMD64: must
 * be v1, v2, v3, v4" and exits with status 2).
 */
class GoEnvironmentTest {
    @Test
    void anEmptyEnvironmentIsLinuxAmd64WithTheRegisterAbi() throws GoEnvironment.Invalid {
        GoEnvironment env = GoEnvironment.read(Map.of());

        assertThat(env.goos()).isEqualTo("linux");
        assertThat(env.goarch()).isEqualTo("amd64");
        assertThat(env.experiments()).containsExactly("regabiwrappers", "regabiargs");
    }

    @Test
    void anEmptyValueCountsAsUnset() throws GoEnvironment.Invalid {
        GoEnvironment env = GoEnvironment.read(Map.of("GOOS", "", "GOARCH", "", "GOAMD64", ""));

        assertThat(env.goos()).isEqualTo("linux");
        assertThat(env.goarch()).isEqualTo("amd64");
    }

    @Test
    void goosAndGoarchAreTakenAsGivenAndCheckedLater() throws GoEnvironment.Invalid {
        // Go's buildcfg does not check them: "unknown goos" and "unrecognized architecture" come
        // after the flags are parsed.
        GoEnvironment env = GoEnvironment.read(Map.of("GOOS", "nosuchos", "GOARCH", "nosucharch"));

        assertThat(env.goos()).isEqualTo("nosuchos");
        assertThat(env.goarch()).isEqualTo("nosucharch");
    }

    @Test
    void eachVariableWithFixedValuesIsChecked() {
        assertThatThrownBy(() -> GoEnvironment.read(Map.of("GOAMD64", "v5")))
                .hasMessage("invalid GOAMD64: must be v1, v2, v3, v4");
        assertThatThrownBy(() -> GoEnvironment.read(Map.of("GOARM", "9"))).hasMessage("invalid GOARM: must be 5, 6, 7");
        assertThatThrownBy(() -> GoEnvironment.read(Map.of("GOMIPS", "x")))
                .hasMessage("invalid GOMIPS: must be hardfloat, softfloat");
        assertThatThrownBy(() -> GoEnvironment.read(Map.of("GOPPC64", "x")))
                .hasMessage("invalid GOPPC64: must be power8, power9");
        assertThatThrownBy(() -> GoEnvironment.read(Map.of("GOWASM", "satconv,x")))
                .hasMessage("invalid GOWASM: no such feature \"x\"");
    }

    @Test
    void theLastComplaintInGosOrderWins() {
        // Go keeps one error, overwritten in the order its variables are initialized:
        // GOAMD64=v9 GOWASM=x reports GOWASM; adding GOEXPERIMENT=bogus reports that.
        assertThatThrownBy(() -> GoEnvironment.read(Map.of("GOAMD64", "v9", "GOWASM", "x")))
                .hasMessage("invalid GOWASM: no such feature \"x\"");
        assertThatThrownBy(() -> GoEnvironment.read(Map.of("GOWASM", "x", "GOEXPERIMENT", "bogus")))
                .hasMessage("unknown GOEXPERIMENT bogus");
    }

    @Test
    void experimentsAreTurnedOnAndOffButTheRegisterAbiStaysOnForAmd64() throws GoEnvironment.Invalid {
        assertThat(GoEnvironment.read(Map.of("GOEXPERIMENT", "unified")).experiments())
                .containsExactly("unified", "regabiwrappers", "regabiargs");
        assertThat(GoEnvironment.read(Map.of("GOEXPERIMENT", "none,heapminimum512kib")).experiments())
                .containsExactly("regabiwrappers", "regabiargs", "heapminimum512kib");
        assertThat(GoEnvironment.read(Map.of("GOEXPERIMENT", "noregabi")).experiments())
                .containsExactly("regabiwrappers", "regabiargs");
        assertThat(GoEnvironment.read(Map.of("GOEXPERIMENT", "unified,nounified")).experiments())
                .containsExactly("regabiwrappers", "regabiargs");
        // The name after "no" is the one Go names.
        assertThatThrownBy(() -> GoEnvironment.read(Map.of("GOEXPERIMENT", "nobogus")))
                .hasMessage("unknown GOEXPERIMENT bogus");
    }

    @Test
    void theRegisterAbiDependsOnTheArchitecture() throws GoEnvironment.Invalid {
        // 386 has no register ABI; on riscv64 it is on by default but can be turned off, and
        // regabiargs needs regabiwrappers (Go's ParseGOEXPERIMENT).
        assertThat(GoEnvironment.read(Map.of("GOARCH", "386")).experiments()).isEmpty();
        assertThat(GoEnvironment.read(Map.of("GOARCH", "riscv64", "GOEXPERIMENT", "noregabi")).experiments()).isEmpty();
        assertThatThrownBy(() -> GoEnvironment.read(Map.of("GOARCH", "riscv64", "GOEXPERIMENT", "noregabiwrappers")))
                .hasMessage("GOEXPERIMENT regabiargs requires regabiwrappers");
    }
}
