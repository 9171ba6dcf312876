package goasm.conformance;

import goasm.emit.goobj.GoObject;
import goasm.obj.Diagnostics;
import goasm.obj.Link;
import goasm.obj.TargetOs;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
     * static symbols and float constants; then one input per rule of the object writer that
     * differs between releases (see each).
     */
    private static final Map<String, String> RELEASE_INPUTS = Map.ofEntries(
            Map.entry("data.s", """
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
                    """),
            Map.entry("leaves.s", """
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
                    """),
            Map.entry("lines.s", """
                    #include "textflag.h"
                    TEXT ·a(SB), NOSPLIT, $0-0
                    \tNOP
                    #line 100 "other.s"
                    \tRET
                    #line 7 "lines.s"
                    TEXT ·b(SB), NOSPLIT, $0-0
                    \tRET
                    """),
            Map.entry("dataonly.s", """
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
                    """),
            Map.entry("second.s", """
                    #include "textflag.h"
                    TEXT ·c(SB), NOSPLIT, $0-0
                    \tJMP ·a(SB)
                    """),
            // A GLOBL before any instruction, in an included file, amid a function and after a
            // #line: from 1.21 each GLOBL's file enters the file table where the GLOBL stands.
            Map.entry("globls.s", """
                    #include "textflag.h"
                    #include "first.h"
                    TEXT ·f(SB), NOSPLIT, $0-0
                    \tMOVQ $1, AX
                    #include "middle.h"
                    \tRET
                    #line 40 "other.s"
                    GLOBL ·k(SB), NOPTR, $8
                    TEXT ·g(SB), NOSPLIT, $0-0
                    \tRET
                    """),
            Map.entry("first.h", """
                    GLOBL ·h(SB), NOPTR, $8
                    """),
            Map.entry("middle.h", """
                    GLOBL ·e(SB), RODATA, $8
                    DATA ·e+0(SB)/8, $2
                    """),
            // An instruction before the first TEXT belongs to no function and is dropped, but its
            // file (here an included one) enters the file table first, in every release.
            Map.entry("dropped.s", """
                    #include "textflag.h"
                    #include "before.h"
                    TEXT ·f(SB), NOSPLIT, $0-0
                    \tRET
                    """),
            Map.entry("before.h", """
                    \tMOVQ AX, BX
                    """),
            // PCALIGN between lines of their own: before 1.24 it has no position, so the pc-line
            // table and the DWARF line program pass over it (and in 1.22 and 1.23 its pc is not
            // yet the padding's); from 1.24 its line starts the padding.
            Map.entry("pcalign.s", """
                    #include "textflag.h"
                    TEXT ·align(SB), NOSPLIT, $0-0
                    \tMOVQ $1, AX
                    \tADDQ AX, AX

                    \tPCALIGN $16
                    loop:
                    \tADDQ $1, AX
                    \tCMPQ AX, $100
                    \tJLT loop
                    \tPCALIGN $32
                    \tRET
                    """),
            // A static function's args_stackmap and arginfo are static too (referenced by index,
            // not by name), also when a DATA refers to the function before its TEXT.
            Map.entry("statics.s", """
                    #include "textflag.h"
                    GLOBL ·tab(SB), RODATA, $8
                    DATA ·tab+0(SB)/8, $·f<>(SB)

                    TEXT ·f<>(SB), NOSPLIT, $0
                    \tRET

                    TEXT ·g(SB), NOSPLIT, $0-0
                    \tJMP ·f<>(SB)
                    """),
            // Assembled as a package of the FIPS 140 module (from 1.24 its text, read-only data,
            // data and no-pointer data get the FIPS kinds; bss keeps its kind).
            Map.entry("fips.s", """
                    #include "textflag.h"
                    DATA ·ro+0(SB)/8, $1
                    GLOBL ·ro(SB), RODATA, $8
                    DATA ·ptr+0(SB)/8, $·ro(SB)
                    GLOBL ·ptr(SB), $8
                    DATA ·np+0(SB)/8, $3
                    GLOBL ·np(SB), NOPTR, $8
                    GLOBL ·zero(SB), NOPTR, $8
                    DATA local<>+0(SB)/8, $4
                    GLOBL local<>(SB), RODATA, $8

                    TEXT ·f(SB), NOSPLIT, $0-8
                    \tMOVQ local<>(SB), AX
                    \tMOVQ AX, ret+0(FP)
                    \tRET

                    TEXT helper<>(SB), NOSPLIT, $0
                    \tRET
                    """));

    /**
     * One assembler run of the release test: its files, -p (empty: none, the object is
     * unlinkable), whether -dynlink is given, and the releases it judges.
     */
    private record ReleaseRun(String name, List<Path> files, String importPath, boolean dynlink,
                              Set<GoRelease> releases) {
    }

    private static final Set<GoRelease> WITH_FUNCTIONS = EnumSet.allOf(GoRelease.class);
    /** Releases whose PCALIGN pads amd64 code (earlier ones reject it: "asmins: missing op"). */
    private static final Set<GoRelease> PADDING_PCALIGN = EnumSet.complementOf(
            EnumSet.of(GoRelease.GO1_15, GoRelease.GO1_19, GoRelease.GO1_21));

    /**
     * Every release's object file for the inputs above (lines.s and second.s as one run), for
     * Go's amd64.s (each release's own, under its GOROOT) and amd64enc.s (1.19's, whose
     * instructions every later release encodes alike; 1.15 its own) and for the examples (but abiinternal_amd64.s, whose -compiling-runtime only
     * some releases take); each judged by that release's own asm, run as goasm's command line
     * run following that release.
     */
    @TestFactory
    Stream<DynamicTest> everyReleaseWritesItsOwnObjectFile() throws IOException {
        Path inputs = Files.createDirectories(work.resolve("inputs"));
        for (Map.Entry<String, String> input : RELEASE_INPUTS.entrySet()) {
            Files.writeString(inputs.resolve(input.getKey()), input.getValue());
        }
        String p = "example.com/p";
        List<ReleaseRun> runs = new ArrayList<>(List.of(
                new ReleaseRun("dataonly.s", List.of(inputs.resolve("dataonly.s")), p, false, WITH_FUNCTIONS),
                new ReleaseRun("globls.s", List.of(inputs.resolve("globls.s")), p, false, WITH_FUNCTIONS),
                new ReleaseRun("dropped.s", List.of(inputs.resolve("dropped.s")), p, false, WITH_FUNCTIONS),
                new ReleaseRun("pcalign.s", List.of(inputs.resolve("pcalign.s")), p, false, PADDING_PCALIGN),
                new ReleaseRun("statics.s", List.of(inputs.resolve("statics.s")), p, false, WITH_FUNCTIONS),
                new ReleaseRun("fips.s", List.of(inputs.resolve("fips.s")), "crypto/internal/fips140/demo", false,
                        WITH_FUNCTIONS),
                new ReleaseRun("data.s", List.of(inputs.resolve("data.s")), p, false, WITH_FUNCTIONS),
                new ReleaseRun("leaves.s", List.of(inputs.resolve("leaves.s")), p, false, WITH_FUNCTIONS),
                new ReleaseRun("lines.s second.s", List.of(inputs.resolve("lines.s"), inputs.resolve("second.s")), p,
                        false, WITH_FUNCTIONS)));
        List<Path> examples;
        try (Stream<Path> files = Files.list(ProjectPaths.examples())) {
            examples = files.filter(f -> f.getFileName().toString().endsWith(".s"))
                    .filter(f -> !f.getFileName().toString().equals("abiinternal_amd64.s")).sorted().toList();
        }
        for (Path example : examples) {
            List<String> flags = ExamplesConformanceTest.extraFlags(example);
            assertThat(flags).as("flags of %s", example).isSubsetOf("-dynlink");
            runs.add(new ReleaseRun("examples/" + example.getFileName(), List.of(example), "example.com/examples",
                    flags.contains("-dynlink"), WITH_FUNCTIONS));
        }
        for (GoRelease release : GoRelease.all()) {
            // Under the release's own GOROOT: its file is recorded as $GOROOT/src/...
            runs.add(new ReleaseRun("go" + release.line() + " testdata/amd64.s (unlinkable)",
                    List.of(GoOracle.of(release).asmTestdata().resolve("amd64.s")), "", false, EnumSet.of(release)));
        }
        for (GoRelease release : List.of(GoRelease.GO1_15, GoRelease.GO1_19)) {
            Set<GoRelease> judged = release == GoRelease.GO1_15 ? EnumSet.of(release)
                    : EnumSet.complementOf(EnumSet.of(GoRelease.GO1_15));
            runs.add(new ReleaseRun("go" + release.line() + " testdata/amd64enc.s (unlinkable)",
                    List.of(GoOracle.of(release).asmTestdata().resolve("amd64enc.s")), "", false, judged));
        }
        return GoRelease.all().stream().flatMap(release -> runs.stream()
                .filter(run -> run.releases().contains(release))
                .map(run -> dynamicTest(release.line() + " " + run.name(),
                        () -> assertReleaseObject(release, run))));
    }

    private void assertReleaseObject(GoRelease release, ReleaseRun run) throws IOException {
        String importPath = run.importPath();
        List<Path> sources = run.files();
        GoOracle.Toolchain go = GoOracle.of(release);
        String name = release.line() + "-" + sources.get(0).getFileName();
        Path goObject = work.resolve(name + ".go.o");
        Path goasmObject = work.resolve(name + ".goasm.o");
        // -S=2 ends the listing with the DWARF symbols, which the object writer makes (Go 1.15 has only -S).
        boolean listsDwarf = release != GoRelease.GO1_15;
        List<String> goArgs = new ArrayList<>(List.of("-I", go.includeDir().toString(), "-o", goObject.toString()));
        if (listsDwarf) {
            goArgs.add("-S=2");
        }
        if (!importPath.isEmpty()) {
            goArgs.addAll(List.of("-p", importPath));
        }
        if (run.dynlink()) {
            goArgs.add("-dynlink");
        }
        sources.forEach(source -> goArgs.add(source.toString()));
        RunResult goRun = go.asm(goArgs, work, Map.of());
        assertThat(goRun.status()).as("Go %s assembles %s: %s", release.line(), sources, goRun.stderrBytesAsText())
                .isZero();

        List<String> goasmArgs = new ArrayList<>(goArgs);
        goasmArgs.set(goasmArgs.indexOf(goObject.toString()), goasmObject.toString());
        RunResult goasmRun = Goasm.asm(release, goasmArgs, work, Map.of());
        assertThat(goasmRun.stderrBytesAsText()).as("goasm's stderr").isEmpty();
        assertThat(goasmRun.status()).as("goasm's exit status").isZero();
        if (listsDwarf && !importPath.isEmpty() && goRun.stdoutBytesAsText().contains(" STEXT ")) {
            assertThat(dwarfListing(goRun)).as("Go lists DWARF symbols for functions").isNotEmpty();
        }
        assertThat(TextDiff.firstDifference("go -S=2", dwarfListing(goRun), "goasm -S=2", dwarfListing(goasmRun)))
                .as("Go %s's DWARF symbols in the -S=2 listing of %s", release.line(), sources).isNull();
        assertThat(ObjectFileDiff.firstDifference(Files.readAllBytes(goObject), Files.readAllBytes(goasmObject)))
                .as("Go %s's object file of %s", release.line(), sources).isNull();
    }

    /**
     * The header line names the GOAMD64 level from 1.21 on (and the experiments from 1.16 on):
     * each release's first line for GOAMD64=v3, by its own asm.
     */
    @TestFactory
    Stream<DynamicTest> headerLineNamesTheArchitectureLevel() throws IOException {
        Path source = work.resolve("empty.s");
        Files.writeString(source, "#include \"textflag.h\"\n");
        return GoRelease.all().stream().map(release -> dynamicTest(release.line(), () -> {
            GoOracle.Toolchain go = GoOracle.of(release);
            Path object = work.resolve(release.line() + "-empty.o");
            RunResult run = go.asm(List.of("-I", go.includeDir().toString(), "-p", "p", "-o", object.toString(),
                    source.toString()), work, Map.of("GOAMD64", "v3"));
            assertThat(run.status()).as("Go %s: %s", release.line(), run.stderrBytesAsText()).isZero();
            String goLine = new String(Files.readAllBytes(object), StandardCharsets.ISO_8859_1)
                    .lines().findFirst().orElseThrow() + "\n";
            ReleaseProfile profile = ReleaseProfile.reference(release);
            assertThat(GoObject.headerLine(profile, "linux", "v3",
                    profile.experiments().defaults())).isEqualTo(goLine);
        }));
    }

    /**
     * Go 1.27's -std marks the object as the standard library's (a header flag): an empty
     * assembly, written by the object writer directly (the command line does not pass -std on
     * yet), is Go's byte for byte.
     */
    @Test
    void stdMarksTheObject() throws IOException {
        GoOracle.Toolchain go = GoOracle.of(GoRelease.GO1_27);
        Path source = work.resolve("std.s");
        Files.writeString(source, "// nothing\n");
        Path object = work.resolve("std.o");
        RunResult run = go.asm(List.of("-std", "-p", "p", "-o", object.toString(), source.toString()), work, Map.of());
        assertThat(run.status()).as(run.stderrBytesAsText()).isZero();
        ReleaseProfile profile = ReleaseProfile.reference(GoRelease.GO1_27);
        List<String> experiments = profile.experiments().defaults();
        Link link = new Link(new Link.Options(false, false, false, false, false, TargetOs.LINUX, profile),
                new Diagnostics(System.err, false));
        GoObject object27 = GoObject.build(link, new GoObject.Options("p", false, false, work.toString(), "",
                profile.goRoot(), GoObject.headerLine(profile, "linux", experiments), profile, experiments, true));
        assertThat(ObjectFileDiff.firstDifference(Files.readAllBytes(object), object27.bytes())).isNull();
    }

    /** The end of a -S=2 listing from the first DWARF symbol ("aux for ..."). */
    private static String dwarfListing(RunResult run) {
        String listing = run.stdoutBytesAsText();
        int start = listing.startsWith("aux for ") ? 0 : listing.indexOf("\naux for ");
        return start < 0 ? "" : listing.substring(start);
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
