package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go's own encoder suites (amd64enc.s, amd64enc_extra.s, avx512enc/*.s from each installed Go
 * tree) assembled by goasm following that release and by that release's assembler; per
 * instruction source line the listing text and the bytes must agree. Counts per release and
 * file go to target/conformance/encoder-suites-1.N.txt.
 *
 * <p>Lines goasm rejects are counted as mismatches and blanked out so that the rest of the file
 * can still be compared (Go prints no listing for a file with errors).
 */
class EncoderSuitesTest {
    /** Go 1.19's tree, for the tests that were written against it. */
    static final Path INCLUDE = GoOracle.of(GoRelease.GO1_19).includeDir();
    static final Path REPORT_DIR = ProjectPaths.buildDir().resolve("conformance");

    private static final Pattern ERROR_LINE = Pattern.compile("\\.s:(\\d+)");

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void suitesMatchGoPerInstructionLine(GoRelease release) throws Exception {
        GoOracle.Toolchain go = GoOracle.of(release);
        Path testdata = go.asmTestdata();
        List<Path> files = new ArrayList<>();
        files.add(testdata.resolve("amd64enc.s"));
        files.add(testdata.resolve("amd64enc_extra.s"));
        try (Stream<Path> s = Files.list(testdata.resolve("avx512enc"))) {
            s.filter(p -> p.toString().endsWith(".s")).sorted().forEach(files::add);
        }
        List<Result> results = new ArrayList<>();
        for (Path f : files) {
            results.add(compare(go, f));
        }

        StringBuilder report = new StringBuilder();
        StringBuilder details = new StringBuilder();
        int allMatching = 0;
        int allTotal = 0;
        for (Result r : results) {
            report.append(String.format("%s %-28s %6d / %6d%n", release.line(), r.file, r.matching, r.total));
            allMatching += r.matching;
            allTotal += r.total;
            details.append("== ").append(r.file).append('\n');
            r.mismatches.stream().limit(200).forEach(m -> details.append(m.describe()).append('\n'));
        }
        report.append(String.format("%s %-28s %6d / %6d%n", release.line(), "all", allMatching, allTotal));
        Files.createDirectories(REPORT_DIR);
        Files.writeString(REPORT_DIR.resolve("encoder-suites-" + release.line() + ".txt"), report);
        Files.writeString(REPORT_DIR.resolve("encoder-suites-mismatches-" + release.line() + ".txt"), details);
        System.out.print(report);

        for (Result r : results) {
            assertThat(r.mismatches.stream().map(Mismatch::describe).toList()).as("%s %s", release.line(), r.file)
                    .isEmpty();
        }
        // Every suite has instructions; the core suites and the AVX-512 ones are there.
        assertThat(results).allSatisfy(r -> assertThat(r.total).as(r.file).isPositive());
        assertThat(results).hasSizeGreaterThan(10);
    }

    private static final Pattern EXPECTED_ERROR = Pattern.compile("//\\s*ERROR\\s+\"(.*)\"");

    /**
     * amd64error.s of each release, judged by that release's assembler: each line marked
     * {@code // ERROR "regexp"} must draw a message on that line that the regexp finds (how Go's
     * own test reads the file), and goasm's stderr must be Go's line for line.
     */
    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void errorSuiteDiagnostics(GoRelease release) throws Exception {
        GoOracle.Toolchain toolchain = GoOracle.of(release);
        Path file = toolchain.asmTestdata().resolve("amd64error.s");
        List<String> source = Files.readAllLines(file, StandardCharsets.UTF_8);
        Run go = runGo(toolchain, file, "-S=false");
        Run ours = runGoasm(release, file, null, false);
        List<String> ourLines = ours.stderr.lines().toList();
        List<String> goLines = go.stderr.lines().toList();

        int expected = 0;
        int matched = 0;
        StringBuilder misses = new StringBuilder();
        for (int i = 0; i < source.size(); i++) {
            Matcher m = EXPECTED_ERROR.matcher(source.get(i));
            if (!m.find()) {
                continue;
            }
            expected++;
            Pattern want = Pattern.compile(m.group(1));
            String at = ".s:" + (i + 1) + ")";
            String atColon = ".s:" + (i + 1) + ":";
            boolean found = ourLines.stream()
                    .filter(l -> l.contains(at) || l.contains(atColon))
                    .anyMatch(l -> want.matcher(l).find());
            if (found) {
                matched++;
            } else {
                misses.append(i + 1).append(": want ").append(m.group(1)).append('\n');
            }
        }
        long sameAsGo = goLines.stream().filter(ourLines::contains).count();

        String report = String.format("%s amd64error.s expected errors reported: %d / %d; message lines equal to Go's: %d / %d%n",
                release.line(), matched, expected, sameAsGo, goLines.size());
        Files.createDirectories(REPORT_DIR);
        Files.writeString(REPORT_DIR.resolve("error-suite-" + release.line() + ".txt"), report + misses);
        System.out.print(report);

        assertThat(go.status).isNotZero();
        assertThat(ours.status).isNotZero();
        assertThat(expected).as("ERROR lines in the suite").isGreaterThan(100);
        assertThat(misses).as("expected errors goasm did not report").isEmpty();
        assertThat(ourLines).containsExactlyElementsOf(goLines);
    }

    /**
     * amd64dynlinkerror.s with -dynlink (from Go 1.16; 1.15 has no such suite): the messages on
     * registers clobbered by global accesses and on instructions rewritten to use the GOT.
     */
    @ParameterizedTest
    @EnumSource(value = GoRelease.class, names = "GO1_15", mode = EnumSource.Mode.EXCLUDE)
    void dynlinkErrorSuiteIsGos(GoRelease release) throws Exception {
        GoOracle.Toolchain toolchain = GoOracle.of(release);
        Path file = toolchain.asmTestdata().resolve("amd64dynlinkerror.s");
        Run go = runGo(toolchain, file, "-dynlink");
        Run ours = runGoasm(release, file, null, false, "-dynlink");
        assertThat(go.stderr).as("Go reports the suite's errors").contains("R15 is clobbered");
        assertThat(ours.stderr.lines()).containsExactlyElementsOf(go.stderr.lines().toList());
        assertThat(ours.status).isEqualTo(go.status);
    }

    /** One instruction line whose listing differs: Go's and goasm's (null when none). */
    record Mismatch(int line, GoListing.Line go, GoListing.Line goasm) {
        String describe() {
            return line + ": go    " + (go == null ? "(none)" : go.text() + "  " + go.hex()) + "\n"
                    + line + ": goasm " + (goasm == null ? "(none)" : goasm.text() + "  " + goasm.hex());
        }
    }

    record Result(String file, int matching, int total, List<Mismatch> mismatches) {
    }

    static Result compare(GoOracle.Toolchain go, Path file) throws Exception {
        String name = go.asmTestdata().relativize(file).toString();
        GoListing want = GoListing.parse(runGo(go, file).stdout);
        GoListing ours = runGoasmSkippingErrors(go.release(), file);
        List<Mismatch> mismatches = new ArrayList<>();
        int matching = 0;
        for (Map.Entry<Integer, GoListing.Line> e : want.lines().entrySet()) {
            GoListing.Line got = ours.lines().get(e.getKey());
            if (e.getValue().equals(got)) {
                matching++;
            } else {
                mismatches.add(new Mismatch(e.getKey(), e.getValue(), got));
            }
        }
        return new Result(name, matching, want.lines().size(), mismatches);
    }

    record Run(int status, String stdout, String stderr) {
    }

    /**
     * A scratch object file for one run. Never /dev/null: Go's assembler removes its output file
     * when assembly fails, and would remove the device.
     */
    private static Path scratchObject() throws IOException {
        Path file = Files.createTempFile("goasm-suite", ".o");
        file.toFile().deleteOnExit();
        return file;
    }

    static Run runGo(GoOracle.Toolchain go, Path file, String... flags) throws IOException {
        Path object = scratchObject();
        List<String> args = new ArrayList<>(List.of("-I", go.includeDir().toString(), "-o", object.toString()));
        args.addAll(List.of(flags));
        if (flags.length == 0) {
            args.add("-S");
        }
        args.add(file.toString());
        RunResult run = go.asm(args, null, Map.of());
        Files.deleteIfExists(object);
        return new Run(run.status(), run.stdout(), run.stderr());
    }

    /** goasm following {@code release}, with that release's include directory. */
    static Run runGoasm(GoRelease release, Path file, Path extraInclude, boolean listing, String... flags)
            throws IOException {
        Path object = scratchObject();
        List<String> args = new ArrayList<>(List.of(flags));
        args.addAll(List.of("-I", GoOracle.of(release).includeDir().toString()));
        if (extraInclude != null) {
            args.addAll(List.of("-I", extraInclude.toString()));
        }
        if (listing) {
            args.add("-S");
        }
        args.addAll(List.of("-o", object.toString(), file.toString()));
        RunResult run = Goasm.asm(release, args, Path.of(""), Map.of());
        Files.deleteIfExists(object);
        return new Run(run.status(), run.stdout(), run.stderr());
    }

    /** goasm's listing of {@code file}, with the lines it rejects blanked until the rest assembles. */
    static GoListing runGoasmSkippingErrors(GoRelease release, Path file) throws IOException {
        List<String> source = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        Path copy = null;
        Path target = file;
        try {
            for (int attempt = 0; attempt < 6; attempt++) {
                Run run = runGoasm(release, target, file.getParent(), true);
                Set<Integer> bad = new TreeSet<>();
                Matcher m = ERROR_LINE.matcher(run.stderr);
                while (m.find()) {
                    bad.add(Integer.parseInt(m.group(1)));
                }
                if (run.status == 0 || bad.isEmpty()) {
                    return GoListing.parse(run.stdout);
                }
                for (int line : bad) {
                    if (line >= 1 && line <= source.size()) {
                        source.set(line - 1, "");
                    }
                }
                if (copy == null) {
                    copy = Files.createTempFile("goasm-suite", ".s");
                }
                Files.write(copy, source, StandardCharsets.UTF_8);
                target = copy;
            }
            return new GoListing(Map.of());
        } finally {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
    }
}
