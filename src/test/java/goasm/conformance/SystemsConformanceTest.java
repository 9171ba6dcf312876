package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Which GOOS values each release accepts and how it stops on a system without amd64 thread-local
 * storage: ios is unknown to Go 1.15, wasip1 is known from Go 1.21, and the fatal "unknown TLS
 * base register for ..." names the header type by number up to Go 1.19 and by name after. Every
 * release's own assembler is run on the same program with each GOOS; stdout, stderr and status
 * must be the same.
 */
class SystemsConformanceTest {
    private static final List<String> SYSTEMS = List.of("linux", "ios", "wasip1", "js", "aix", "hurd", "windows");

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> eachReleaseKnowsItsSystems() {
        Path example = ProjectPaths.examples().resolve("printnl_amd64.s");
        return GoRelease.all().stream().flatMap(release -> SYSTEMS.stream().map(goos -> dynamicTest(
                "go" + release.line() + " GOOS=" + goos, () -> {
                    GoOracle.Toolchain go = GoOracle.of(release);
                    String inc = go.includeDir().toString();
                    RunResult expected = go.asm(List.of("-p", "main", "-I", inc, "-o",
                            work.resolve("go.o").toString(), example.toString()), null, Map.of("GOOS", goos));
                    RunResult actual = Goasm.asm(release, List.of("-p", "main", "-I", inc, "-o",
                            work.resolve("goasm.o").toString(), example.toString()), Path.of(""), Map.of("GOOS", goos));
                    assertThat(actual.stderr()).as("stderr").isEqualTo(expected.stderr());
                    assertThat(actual.stdout()).as("stdout").isEqualTo(expected.stdout());
                    assertThat(actual.status()).as("status").isEqualTo(expected.status());
                })));
    }
}
