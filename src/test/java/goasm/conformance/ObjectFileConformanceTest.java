package goasm.conformance;

import goasm.asm.AsmOptions;
import goasm.asm.Assembler;
import goasm.obj.TargetOs;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The object file goasm writes (-o) is byte for byte the one Go 1.19 writes, for every example
 * and for Go's own amd64 assembler test files; the -S=2 listing (which adds ABIs and the DWARF
 * symbols) is the same too. Every other release writes its own object format, judged by that
 * release's assembler. Go is run in the test on the same input.
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

    /**
     * Inputs whose code every release assembles alike (no frames or calls, whose prologues
     * differ; no instructions whose encoding changed), so that the object file alone is judged:
     * data of every kind, frameless NOSPLIT functions with FUNCDATA, PCDATA, #line, a second file,
     * static symbols and float constants. A TEXT comes before the first GLOBL: from 1.21
     * a GLOBL's position also enters the file table, which goasm's parser does not record yet.
     */
    private static final Map<String, String> RELEASE_INPUTS = Map.of(
            "data.s", """
                    #include "textflag.h"
                    TEXT ·first(SB), NOSPLIT, $0-0
                    \tRET
                    DATA ·table+0(SB)/4, $1
                    DATA ·table+4(SB)/4, $10
                    GLOBL ·table(SB), RODATA, $8
                    DATA ·ptr+0(SB)/8, $·table(SB)
                    DATA ·ptr+8(SB)/8, $·table+4(SB)
                    GLOBL ·ptr(SB), $16
                    DATA ·bytes+0(SB)/8, $"hello, w"
                    GLOBL ·bytes(SB), NOPTR|DUPOK, $8
                    GLOBL ·zeros(SB), NOPTR, $64
                    GLOBL ·bss(SB), $24
                    DATA local<>+0(SB)/8, $·bss(SB)
                    GLOBL local<>(SB), RODATA, $8
                    DATA ·f64+0(SB)/8, $1.5
                    GLOBL ·f64(SB), RODATA, $8
                    """,
            "leaves.s", """
                    #include "textflag.h"
                    #include "funcdata.h"
                    GLOBL ·y(SB), NOPTR, $8

                    TEXT ·f(SB), NOSPLIT, $0-8
                    \tFUNCDATA $FUNCDATA_ArgsPointerMaps, ·args(SB)
                    \tPCDATA $0, $1
                    \tMOVQ AX, ret+0(FP)
                    \tPCDATA $0, $-1
                    \tNOP
                    \tRET

                    TEXT ·g(SB), NOSPLIT|NOFRAME, $0-0
                    \tJMP ·h(SB)

                    TEXT ·h(SB), NOSPLIT, $0-0
                    \tMOVSD $2.5, X0
                    \tMOVQ ·y(SB), AX
                    \tRET

                    TEXT local<>(SB), NOSPLIT, $0
                    \tNOP
                    \tRET
                    """,
            "lines.s", """
                    #include "textflag.h"
                    TEXT ·a(SB), NOSPLIT, $0-0
                    \tNOP
                    #line 100 "other.s"
                    \tRET
                    #line 7 "lines.s"
                    TEXT ·b(SB), NOSPLIT, $0-0
                    \tRET
                    """,
            "dataonly.s", """
                    #include "textflag.h"
                    DATA ·table+0(SB)/4, $1
                    DATA ·table+4(SB)/4, $10
                    GLOBL ·table(SB), RODATA, $8
                    DATA ·ptr+0(SB)/8, $·table(SB)
                    DATA ·ptr+8(SB)/8, $·table+4(SB)
                    GLOBL ·ptr(SB), $16
                    DATA ·str+0(SB)/8, $"hello, w"
                    GLOBL ·str(SB), NOPTR|DUPOK, $8
                    GLOBL ·bss(SB), NOPTR, $64
                    DATA local<>+0(SB)/8, $·bss(SB)
                    GLOBL local<>(SB), RODATA, $8
                    """,
            "second.s", """
                    #include "textflag.h"
                    TEXT ·c(SB), NOSPLIT, $0-0
                    \tJMP ·a(SB)
                    """);

    /** One assembler run of the release test: its files, -p, and the releases it judges. */
    private record ReleaseRun(String name, List<Path> files, String importPath, Set<GoRelease> releases) {
    }

    /**
     * Releases judged on inputs with functions: all but 1.15, because goasm still adds Go 1.17's
     * argument-info FUNCDATA to every function and numbers relocations as 1.16 on do (both being
     * made per release by the code generation); 1.15's object format itself is judged on data.
     */
    private static final Set<GoRelease> WITH_FUNCTIONS = EnumSet.complementOf(EnumSet.of(GoRelease.GO1_15));
    /**
     * Releases judged on a file of data only: 1.15 and 1.19. From 1.21 the position of a GLOBL
     * also enters the object's file table, and goasm's parser does not record it yet.
     */
    private static final Set<GoRelease> DATA_ONLY = EnumSet.of(GoRelease.GO1_15, GoRelease.GO1_19);

    /**
     * Every release's object file for the inputs above (lines.s and second.s as one run), for
     * Go 1.19's amd64.s and amd64enc.s (whose instructions every later release encodes alike) and
     * for the data and #line examples; each judged by that release's own asm. goasm follows the
     * release with its default GOEXPERIMENTs, as Go runs with no GOEXPERIMENT set.
     */
    @TestFactory
    Stream<DynamicTest> everyReleaseWritesItsOwnObjectFile() throws IOException {
        Path inputs = Files.createDirectories(work.resolve("inputs"));
        for (Map.Entry<String, String> input : RELEASE_INPUTS.entrySet()) {
            Files.writeString(inputs.resolve(input.getKey()), input.getValue());
        }
        String p = "example.com/p";
        Path testdata = GoOracle.of(GoRelease.GO1_19).asmTestdata();
        List<ReleaseRun> runs = List.of(
                new ReleaseRun("dataonly.s", List.of(inputs.resolve("dataonly.s")), p, DATA_ONLY),
                new ReleaseRun("data.s", List.of(inputs.resolve("data.s")), p, WITH_FUNCTIONS),
                new ReleaseRun("leaves.s", List.of(inputs.resolve("leaves.s")), p, WITH_FUNCTIONS),
                new ReleaseRun("lines.s second.s", List.of(inputs.resolve("lines.s"), inputs.resolve("second.s")), p,
                        WITH_FUNCTIONS),
                new ReleaseRun("examples/data_amd64.s", List.of(ProjectPaths.examples().resolve("data_amd64.s")), p,
                        WITH_FUNCTIONS),
                new ReleaseRun("examples/linedirective_amd64.s",
                        List.of(ProjectPaths.examples().resolve("linedirective_amd64.s")), p, WITH_FUNCTIONS),
                new ReleaseRun("go1.19 testdata/amd64.s (unlinkable)", List.of(testdata.resolve("amd64.s")), "",
                        WITH_FUNCTIONS),
                new ReleaseRun("go1.19 testdata/amd64enc.s (unlinkable)", List.of(testdata.resolve("amd64enc.s")), "",
                        WITH_FUNCTIONS));
        return GoRelease.all().stream().flatMap(release -> runs.stream()
                .filter(run -> run.releases().contains(release))
                .map(run -> dynamicTest(release.line() + " " + run.name(),
                        () -> assertReleaseObject(release, run.importPath(), run.files()))));
    }

    private void assertReleaseObject(GoRelease release, String importPath, List<Path> sources) throws IOException {
        GoOracle.Toolchain go = GoOracle.of(release);
        String name = release.line() + "-" + sources.get(0).getFileName();
        Path goObject = work.resolve(name + ".go.o");
        Path goasmObject = work.resolve(name + ".goasm.o");
        List<String> goArgs = new ArrayList<>(List.of("-I", go.includeDir().toString(), "-o", goObject.toString()));
        if (!importPath.isEmpty()) {
            goArgs.addAll(List.of("-p", importPath));
        }
        sources.forEach(source -> goArgs.add(source.toString()));
        RunResult goRun = go.asm(goArgs, work, Map.of());
        assertThat(goRun.status()).as("Go %s assembles %s: %s", release.line(), sources, goRun.stderrBytesAsText())
                .isZero();

        ReleaseProfile profile = ReleaseProfile.reference(release);
        List<String> experiments = profile.experiments().defaults();
        AsmOptions options = new AsmOptions(sources.stream().map(Path::toString).toList(), goasmObject.toString(), 0,
                List.of(go.includeDir().toString()), List.of(), "", false, false, false, false, false,
                importPath.isEmpty() ? "<unlinkable>" : importPath, false, false, false, false, null, work,
                TargetOs.LINUX, experiments, go.goRoot().toString(), profile);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Assembler(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run();
        assertThat(err.toString(StandardCharsets.UTF_8)).as("goasm's stderr").isEmpty();
        assertThat(status).as("goasm's exit status").isZero();
        assertThat(ObjectFileDiff.firstDifference(Files.readAllBytes(goObject), Files.readAllBytes(goasmObject)))
                .as("Go %s's object file of %s", release.line(), sources).isNull();
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
