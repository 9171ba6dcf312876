package goasm.conformance;

import org.junit.jupiter.api.Test;

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
}
