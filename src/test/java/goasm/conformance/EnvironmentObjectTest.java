package goasm.conformance;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment reaches the object file as it does in Go: the header names GOOS and the
 * enabled GOEXPERIMENTs ("go object windows amd64 go1.19.8 X:..."), and the per-system code
 * follows GOOS. Expected bytes are Go's, from the same run in the test.
 */
class EnvironmentObjectTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "GOOS, windows",
            "GOOS, darwin",
            "GOOS, plan9",
            "GOEXPERIMENT, noregabi",
            "GOEXPERIMENT, fieldtrack",
            "GOEXPERIMENT, regabiwrappers,noregabiargs",
    })
    void objectFollowsTheEnvironment(String variable, String value) throws IOException {
        Path source = ProjectPaths.examples().resolve("stackcheck_amd64.s");
        Map<String, String> env = Map.of(variable, value);
        RunResult go = GoOracle.asm(args(work.resolve("go.o"), source), work, env);
        RunResult goasm = Goasm.asm(args(work.resolve("goasm.o"), source), work, env);
        assertThat(goasm.stderrBytesAsText()).isEqualTo(go.stderrBytesAsText());
        assertThat(goasm.status()).isEqualTo(go.status()).isZero();
        byte[] want = Files.readAllBytes(work.resolve("go.o"));
        assertThat(new String(want, 0, 20, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("go object ");
        assertThat(Files.readAllBytes(work.resolve("goasm.o"))).isEqualTo(want);
    }

    private static List<String> args(Path output, Path source) {
        return List.of("-p", "main", "-I", GoOracle.includeDir().toString(), "-o", output.toString(), source.toString());
    }
}
