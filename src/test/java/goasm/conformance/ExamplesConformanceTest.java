package goasm.conformance;

import goasm.release.GoRelease;
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
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every program in examples/ assembles with goasm exactly as with each supported Go release:
 * the same -S listing, the same diagnostics, the same exit status. That release's Go is run in
 * the test; nothing about its output is stored in the project. Go 1.19's object file is compared
 * too (see {@link #eachExampleListsAsGoDoes}).
 */
class ExamplesConformanceTest {
    /** A first-lines comment giving extra flags for both assemblers, e.g. -compiling-runtime. */
    static final String FLAGS_COMMENT = "// goasm-flags:";

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> eachExampleListsAsGoDoes() throws IOException {
        Path includeDir = GoOracle.includeDir();
        List<Path> examples = examples();
        return examples.stream().map(example -> dynamicTest(example.getFileName().toString(), example.toUri(),
                () -> assertSameAsGo(example, includeDir)));
    }

    /** The same for every release: listing, diagnostics and exit status of that release's asm. */
    @TestFactory
    Stream<DynamicTest> eachExampleListsAsEachReleaseDoes() throws IOException {
        List<Path> examples = examples();
        return GoRelease.all().stream().flatMap(release -> examples.stream().map(example -> dynamicTest(
                "go" + release.line() + " " + example.getFileName(), example.toUri(),
                () -> assertSameAsRelease(release, example))));
    }

    /**
     * -S=3 with a package path (so that the functions' DWARF symbols are listed too): from Go 1.23
     * each symbol's index in the object follows its ABI; before, the -S=2 listing (Go 1.15's -S
     * is a boolean flag and refuses the 3).
     */
    @TestFactory
    Stream<DynamicTest> eachExampleListsSymbolIndexesAsEachReleaseDoes() throws IOException {
        List<Path> examples = examples();
        return GoRelease.all().stream().flatMap(release -> examples.stream().map(example -> dynamicTest(
                "go" + release.line() + " -S=3 " + example.getFileName(), example.toUri(),
                () -> assertSameAsRelease(release, example, List.of("-S=3", "-p", "main")))));
    }

    private void assertSameAsRelease(GoRelease release, Path example) throws IOException {
        assertSameAsRelease(release, example, List.of("-S"));
    }

    private void assertSameAsRelease(GoRelease release, Path example, List<String> listingFlags) throws IOException {
        GoOracle.Toolchain go = GoOracle.of(release);
        List<String> flags = new ArrayList<>(extraFlags(example));
        flags.addAll(listingFlags);
        String name = example.getFileName().toString();
        Path includeDir = go.includeDir();
        RunResult expected = go.asm(listingArguments(flags, includeDir,
                work.resolve(name + release.line() + ".go.o"), example), null, Map.of());
        RunResult actual = Goasm.asm(release, listingArguments(flags, includeDir,
                work.resolve(name + release.line() + ".goasm.o"), example), Path.of(""), Map.of());
        String label = "go" + release.line() + " " + String.join(" ", listingFlags) + " " + name;
        assertThat(TextDiff.firstDifference("go tool asm -S", expected.stdoutBytesAsText(), "goasm asm -S",
                actual.stdoutBytesAsText()))
                .as("listing of %s%s", label, actual.status() != 0 ? "; goasm's stderr:\n" + actual.stderrHead(12) : "")
                .isNull();
        assertThat(TextDiff.firstDifference("go stderr", expected.stderrBytesAsText(), "goasm stderr",
                actual.stderrBytesAsText())).as("diagnostics of %s", label).isNull();
        assertThat(actual.status()).as("exit status of %s", label).isEqualTo(expected.status());
    }

    private static List<Path> examples() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(ProjectPaths.examples())) {
            examples = files.filter(f -> f.getFileName().toString().endsWith(".s")).sorted().toList();
        }
        assertThat(examples).as("assembly programs in %s", ProjectPaths.examples()).isNotEmpty();
        return examples;
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
        args.add("-S");
        return listingArguments(args, includeDir, output, source);
    }

    /** The flags (the listing's among them), then the include directory, output and source. */
    private static List<String> listingArguments(List<String> flags, Path includeDir, Path output, Path source) {
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("-I", includeDir.toString(), "-o", output.toString(),
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
