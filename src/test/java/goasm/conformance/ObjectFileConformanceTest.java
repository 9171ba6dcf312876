package goasm.conformance;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The object file goasm writes (-o) is byte for byte the one Go 1.19 writes, for every example
 * and for Go's own amd64 assembler test files; the -S=2 listing (which adds ABIs and the DWARF
 * symbols) is the same too. Go is run in the test on the same input.
 */
class ObjectFileConformanceTest {
    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> examplesWriteGosObjectFile() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(ProjectPaths.examples())) {
            examples = files.filter(f -> f.getFileName().toString().endsWith(".s")).sorted().toList();
        }
        assertThat(examples).isNotEmpty();
        return examples.stream().map(example -> dynamicTest(example.getFileName().toString(), example.toUri(), () -> {
            List<String> flags = new ArrayList<>(ExamplesConformanceTest.extraFlags(example));
            flags.addAll(List.of("-p", "example.com/examples"));
            assertSameObject(flags, example);
        }));
    }

    @TestFactory
    Stream<DynamicTest> goTestdataWritesGosObjectFile() throws IOException {
        Path testdata = GoOracle.asmTestdata();
        List<Path> files = new ArrayList<>(List.of(testdata.resolve("amd64.s"), testdata.resolve("amd64enc.s"),
                testdata.resolve("amd64enc_extra.s")));
        try (Stream<Path> avx512 = Files.list(testdata.resolve("avx512enc"))) {
            avx512.filter(f -> f.toString().endsWith(".s")).sorted().forEach(files::add);
        }
        // No -p: the object is marked unlinkable, as Go marks it.
        return files.stream().map(file -> dynamicTest(testdata.relativize(file).toString(), file.toUri(),
                () -> assertSameObject(List.of(), file)));
    }

    /** Go refuses a symbol over 2e9 bytes while writing the object: an error, and no object is left. */
    @Test
    void symbolTooLargeFailsAsGoDoes() throws IOException {
        Path source = work.resolve("huge.s");
        Files.writeString(source, """
                #include "textflag.h"
                GLOBL ·huge(SB), NOPTR, $3000000000
                TEXT ·f(SB), $0
                \tRET
                """);
        assertSameOutcome(List.of("-S"), source);
    }

    /** Go's pc-table pass rejects a FUNCDATA index given twice in one function. */
    @Test
    void funcdataTwiceFailsAsGoDoes() throws IOException {
        Path source = work.resolve("funcdata.s");
        Files.writeString(source, """
                #include "textflag.h"
                TEXT ·f(SB), NOSPLIT, $0
                \tFUNCDATA $1, ·a(SB)
                \tFUNCDATA $1, ·b(SB)
                \tRET
                """);
        assertSameOutcome(List.of("-S"), source);
    }

    /** With -p "" Go stops after the object's header line, keeping that much of the file. */
    @Test
    void emptyPackagePathFailsAsGoDoes() throws IOException {
        assertSameOutcome(List.of("-S=2", "-p", ""), ProjectPaths.examples().resolve("basics_amd64.s"));
    }

    private void assertSameOutcome(List<String> flags, Path source) throws IOException {
        Path goObject = work.resolve("go.o");
        Path goasmObject = work.resolve("goasm.o");
        List<String> goArgs = new ArrayList<>(flags);
        goArgs.addAll(List.of("-I", GoOracle.includeDir().toString(), "-o", goObject.toString(), source.toString()));
        List<String> goasmArgs = new ArrayList<>(flags);
        goasmArgs.addAll(List.of("-I", GoOracle.includeDir().toString(), "-o", goasmObject.toString(),
                source.toString()));
        RunResult go = GoOracle.asm(goArgs);
        RunResult goasm = Goasm.asm(goasmArgs);
        assertThat(go.status()).as("Go fails").isEqualTo(1);
        assertThat(goasm.status()).isEqualTo(go.status());
        assertThat(goasm.stderrBytesAsText()).isEqualTo(go.stderrBytesAsText());
        assertThat(goasm.stdoutBytesAsText()).isEqualTo(go.stdoutBytesAsText());
        assertThat(Files.exists(goasmObject)).as("goasm leaves an object").isEqualTo(Files.exists(goObject));
        if (Files.exists(goObject)) {
            assertThat(Files.readAllBytes(goasmObject)).isEqualTo(Files.readAllBytes(goObject));
        }
    }

    private void assertSameObject(List<String> flags, Path source) throws IOException {
        String name = source.getFileName().toString();
        Path goObject = work.resolve(name + ".go.o");
        Path goasmObject = work.resolve(name + ".goasm.o");
        RunResult go = GoOracle.asm(arguments(flags, goObject, source));
        assertThat(go.status()).as("Go assembles %s: %s", name, go.stderrBytesAsText()).isZero();
        RunResult goasm = Goasm.asm(arguments(flags, goasmObject, source));

        assertThat(goasm.stderrBytesAsText()).as("goasm's stderr for %s", name).isEqualTo(go.stderrBytesAsText());
        assertThat(goasm.status()).as("exit status").isZero();
        assertThat(TextDiff.firstDifference("go -S=2", go.stdoutBytesAsText(), "goasm -S=2",
                goasm.stdoutBytesAsText())).as("-S=2 listing of %s", name).isNull();
        assertThat(goasmObject).as("goasm writes %s", goasmObject).exists();
        assertThat(ObjectFileDiff.firstDifference(Files.readAllBytes(goObject), Files.readAllBytes(goasmObject)))
                .as("object file of %s", name).isNull();
    }

    private static List<String> arguments(List<String> flags, Path output, Path source) {
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("-S=2", "-I", GoOracle.includeDir().toString(), "-o", output.toString(),
                source.toAbsolutePath().toString()));
        return args;
    }
}
