package goasm.conformance;

import goasm.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
 * Go's own encoder suites (amd64enc.s, amd64enc_extra.s, avx512enc/*.s from the installed Go
 * tree) assembled by goasm and by Go 1.19's assembler; per instruction source line the listing
 * text and the bytes must agree. Counts per file go to target/conformance/encoder-suites.txt;
 * files listed in {@link #FULLY_MATCHING} must match on every line.
 *
 * <p>Lines goasm rejects are counted as mismatches and blanked out so that the rest of the file
 * can still be compared (Go prints no listing for a file with errors).
 */
class EncoderSuitesTest {
    static final Path GO_ROOT = Path.of("/usr/lib/go-1.19");
    static final Path TESTDATA = GO_ROOT.resolve("src/cmd/asm/internal/asm/testdata");
    static final Path GO_ASM = GO_ROOT.resolve("pkg/tool/linux_amd64/asm");
    static final Path INCLUDE = GO_ROOT.resolve("pkg/include");
    static final Path REPORT_DIR = ProjectPaths.buildDir().resolve("conformance");

    /** Files goasm assembles exactly as Go does; any mismatch there is a regression. */
    static final Set<String> FULLY_MATCHING = Set.of(
            "amd64enc.s",
            "amd64enc_extra.s",
            "avx512enc/aes_avx512f.s",
            "avx512enc/avx512_4fmaps.s",
            "avx512enc/avx512_4vnniw.s",
            "avx512enc/avx512_bitalg.s",
            "avx512enc/avx512_ifma.s",
            "avx512enc/avx512_vbmi.s",
            "avx512enc/avx512_vbmi2.s",
            "avx512enc/avx512_vnni.s",
            "avx512enc/avx512_vpopcntdq.s",
            "avx512enc/avx512bw.s",
            "avx512enc/avx512cd.s",
            "avx512enc/avx512dq.s",
            "avx512enc/avx512er.s",
            "avx512enc/avx512f.s",
            "avx512enc/avx512pf.s",
            "avx512enc/gfni_avx512f.s",
            "avx512enc/vpclmulqdq_avx512f.s");

    private static final Pattern ERROR_LINE = Pattern.compile("\\.s:(\\d+)");

    record Result(String file, int matching, int total, List<String> mismatches) {
    }

    @Test
    void suitesMatchGoPerInstructionLine() throws Exception {
        List<Path> files = new ArrayList<>();
        files.add(TESTDATA.resolve("amd64enc.s"));
        files.add(TESTDATA.resolve("amd64enc_extra.s"));
        try (Stream<Path> s = Files.list(TESTDATA.resolve("avx512enc"))) {
            s.filter(p -> p.toString().endsWith(".s")).sorted().forEach(files::add);
        }
        List<Result> results = new ArrayList<>();
        for (Path f : files) {
            results.add(compare(f));
        }

        StringBuilder report = new StringBuilder();
        StringBuilder details = new StringBuilder();
        int allMatching = 0;
        int allTotal = 0;
        for (Result r : results) {
            report.append(String.format("%-28s %6d / %6d%n", r.file, r.matching, r.total));
            allMatching += r.matching;
            allTotal += r.total;
            details.append("== ").append(r.file).append('\n');
            r.mismatches.stream().limit(200).forEach(m -> details.append(m).append('\n'));
        }
        report.append(String.format("%-28s %6d / %6d%n", "all", allMatching, allTotal));
        Files.createDirectories(REPORT_DIR);
        Files.writeString(REPORT_DIR.resolve("encoder-suites.txt"), report);
        Files.writeString(REPORT_DIR.resolve("encoder-suites-mismatches.txt"), details);
        System.out.print(report);

        for (Result r : results) {
            if (FULLY_MATCHING.contains(r.file)) {
                assertThat(r.mismatches).as(r.file).isEmpty();
            }
        }
        // Every suite has instructions, and the list above names only files that exist.
        assertThat(results).allSatisfy(r -> assertThat(r.total).as(r.file).isPositive());
        assertThat(results.stream().map(Result::file).toList()).containsAll(FULLY_MATCHING);
    }

    private static final Pattern EXPECTED_ERROR = Pattern.compile("//\\s*ERROR\\s+\"(.*)\"");

    /**
     * amd64error.s: each line marked {@code // ERROR "regexp"} must draw a message on that line
     * that the regexp finds (how Go's own test reads the file). Also counts goasm's message lines
     * that equal Go's word for word.
     */
    @Test
    void errorSuiteDiagnostics() throws Exception {
        Path file = TESTDATA.resolve("amd64error.s");
        List<String> source = Files.readAllLines(file, StandardCharsets.UTF_8);
        Run go = runGo(file, "-S=false");
        Run ours = runGoasm(file, null, false);
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

        String report = String.format("amd64error.s expected errors reported: %d / %d; message lines equal to Go's: %d / %d%n",
                matched, expected, sameAsGo, goLines.size());
        Files.createDirectories(REPORT_DIR);
        Files.writeString(REPORT_DIR.resolve("error-suite.txt"), report + misses);
        System.out.print(report);

        assertThat(go.status).isNotZero();
        assertThat(ours.status).isNotZero();
        // 102 lines of the file carry an ERROR comment; goasm reports each, in Go's words.
        assertThat(expected).isEqualTo(102);
        assertThat(misses).as("expected errors goasm did not report").isEmpty();
        assertThat(ourLines).containsExactlyElementsOf(goLines);
    }

    static Result compare(Path file) throws Exception {
        String name = TESTDATA.relativize(file).toString();
        GoListing go = GoListing.parse(runGo(file).stdout);
        GoListing ours = runGoasmSkippingErrors(file);
        List<String> mismatches = new ArrayList<>();
        int matching = 0;
        for (Map.Entry<Integer, GoListing.Line> e : go.lines().entrySet()) {
            GoListing.Line want = e.getValue();
            GoListing.Line got = ours.lines().get(e.getKey());
            if (want.equals(got)) {
                matching++;
            } else {
                mismatches.add(e.getKey() + ": go    " + want.text() + "  " + want.hex() + "\n"
                        + e.getKey() + ": goasm " + (got == null ? "(none)" : got.text() + "  " + got.hex()));
            }
        }
        return new Result(name, matching, go.lines().size(), mismatches);
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

    static Run runGo(Path file, String... flags) throws IOException, InterruptedException {
        Path object = scratchObject();
        List<String> cmd = new ArrayList<>(List.of(GO_ASM.toString(), "-I", INCLUDE.toString(), "-o", object.toString()));
        cmd.addAll(List.of(flags));
        if (flags.length == 0) {
            cmd.add("-S");
        }
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out;
        byte[] err;
        try (var o = p.getInputStream(); var e = p.getErrorStream()) {
            // The error stream of these files is small; read stdout first.
            out = o.readAllBytes();
            err = e.readAllBytes();
        }
        int status = p.waitFor();
        Files.deleteIfExists(object);
        return new Run(status, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static Run runGoasm(Path file, Path extraInclude, boolean listing) throws IOException {
        Path object = scratchObject();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("asm", "-I", INCLUDE.toString()));
        if (extraInclude != null) {
            args.addAll(List.of("-I", extraInclude.toString()));
        }
        if (listing) {
            args.add("-S");
        }
        args.addAll(List.of("-o", object.toString(), file.toString()));
        int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Files.deleteIfExists(object);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** goasm's listing of {@code file}, with the lines it rejects blanked until the rest assembles. */
    static GoListing runGoasmSkippingErrors(Path file) throws IOException {
        List<String> source = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        Path copy = null;
        Path target = file;
        try {
            for (int attempt = 0; attempt < 6; attempt++) {
                Run run = runGoasm(target, file.getParent(), true);
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
