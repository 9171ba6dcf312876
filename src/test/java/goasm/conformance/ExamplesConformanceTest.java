package goasm.conformance;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every program in examples/ assembles with goasm exactly as with Go 1.19: the same -S
 * listing, the same diagnostics, the same exit status. Go is run in the test; nothing about
 * its output is stored in the project.
 */
class ExamplesConformanceTest {
    /** A first-lines comment giving extra flags for both assemblers, e.g. -compiling-runtime. */
    static final String FLAGS_COMMENT = "// goasm-flags:";

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> eachExampleListsAsGoDoes() throws IOException {
        Path includeDir = GoOracle.includeDir();
        List<Path> examples;
        try (Stream<Path> files = Files.list(ProjectPaths.examples())) {
            examples = files.filter(f -> f.getFileName().toString().endsWith(".s")).sorted().toList();
        }
        assertThat(examples).as("assembly programs in %s", ProjectPaths.examples()).isNotEmpty();
        return examples.stream().map(example -> dynamicTest(example.getFileName().toString(), example.toUri(),
                () -> assertSameAsGo(example, includeDir)));
    }

    private void assertSameAsGo(Path example, Path includeDir) throws IOException {
        List<String> flags = extraFlags(example);
        String name = example.getFileName().toString();
        RunResult go = GoOracle.asm(arguments(flags, includeDir, work.resolve(name + ".go.o"), example));
        assertThat(go.status())
                .as("Go 1.19 must assemble every example; %s failed with:%n%s", name, go.stderr())
                .isZero();
        RunResult goasm = Goasm.asm(arguments(flags, includeDir, work.resolve(name + ".goasm.o"), example));

        String listingDiff = TextDiff.firstDifference("go tool asm -S", go.stdoutBytesAsText(),
                "goasm asm -S", goasm.stdoutBytesAsText());
        assertThat(listingDiff).as("listing of %s%s", name, goasm.status() != 0 ? "; goasm's stderr:\n" + goasm.stderrHead(12) : "")
                .isNull();
        String stderrDiff = TextDiff.firstDifference("go stderr", go.stderrBytesAsText(),
                "goasm stderr", goasm.stderrBytesAsText());
        assertThat(stderrDiff).as("diagnostics of %s", name).isNull();
        assertThat(goasm.status()).as("exit status of %s", name).isEqualTo(go.status());
    }

    private static List<String> arguments(List<String> flags, Path includeDir, Path output, Path source) {
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("-S", "-I", includeDir.toString(), "-o", output.toString(),
                source.toAbsolutePath().toString()));
        return args;
    }

    /** Flags from a "// goasm-flags: ..." line among the file's leading comment lines. */
    static List<String> extraFlags(Path source) throws IOException {
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
            if (!line.startsWith("//")) {
                break;
            }
            if (line.startsWith(FLAGS_COMMENT)) {
                String flags = line.substring(FLAGS_COMMENT.length()).strip();
                return flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+"));
            }
        }
        return List.of();
    }
}
