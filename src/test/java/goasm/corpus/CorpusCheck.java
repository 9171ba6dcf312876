package goasm.corpus;

import goasm.conformance.AsmListing;
import goasm.conformance.GoOracle;
import goasm.conformance.Goasm;
import goasm.conformance.ObjectFileDiff;
import goasm.conformance.RunResult;
import goasm.conformance.TextDiff;
import goasm.release.GoRelease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The corpus check (tools/corpus/check.sh): every recorded run is given to the assembler of the
 * Go release that recorded it and to goasm following that release (all in this one JVM), and the
 * listing, diagnostics, exit status, object file and symabis file must be the same. Go's results
 * are cached in each case's {@code go/} folder, keyed by a digest of the run's inputs (the
 * assembler binary among them), so that a re-run only runs goasm.
 *
 * <pre>
 * usage: CorpusCheck CORPUS_DIR [--go 1.N] [--report DIR] [--only SUBSTRING]
 * </pre>
 *
 * The release is the corpus's {@code go-version} (written by record.sh) unless --go names it.
 * Prints one line per differing case with its first difference, a tally of the reasons and
 * "N of M cases identical"; full differences go to the report folder. Exit status 1 if any
 * case differs.
 */
public final class CorpusCheck {
    private CorpusCheck() {
    }

    /**
     * What a run produced that is compared: status, stdout, stderr, the symabis file and the
     * object file (Latin-1 text of its bytes; empty when none was written).
     */
    record Outcome(int status, String stdout, String stderr, String symabis, String object) {
        static Outcome of(RunResult run, byte[] symabis, byte[] object) {
            return new Outcome(run.status(), run.stdoutBytesAsText(), run.stderrBytesAsText(),
                    symabis == null ? "" : new String(symabis, StandardCharsets.ISO_8859_1),
                    object == null ? "" : new String(object, StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * One differing case: its first difference in one line, the full report, why, and whether
     * goasm crashed (a Java exception escaped Main.run).
     */
    record Difference(String caseName, String summary, String report, Set<String> reasons, boolean crashed) {
    }

    /**
     * The outcome of checking cases with one release: how many, which differ, and how many of
     * them goasm crashed on (a Java exception escaped, which no release accepts).
     */
    record Result(GoRelease release, int cases, List<Difference> differences, int goRuns, long goasmNanos) {
        int identical() {
            return cases - differences.size();
        }

        long crashes() {
            return differences.stream().filter(Difference::crashed).count();
        }

        /** "85 of 85 cases identical". */
        String figure() {
            return identical() + " of " + cases + " cases identical";
        }
    }

    /** The file record.sh writes into a corpus: the exact version that recorded it ("go1.27.3"). */
    static final String VERSION_FILE = "go-version";

    public static void main(String[] argv) throws IOException {
        if (argv.length < 1) {
            System.err.println("usage: CorpusCheck CORPUS_DIR [--go 1.N] [--report DIR] [--only SUBSTRING]");
            System.exit(2);
        }
        Path corpus = Path.of(argv[0]).toAbsolutePath();
        Path reportDir = corpus.resolve(".report");
        String only = "";
        GoRelease release = null;
        for (int i = 1; i + 1 < argv.length; i += 2) {
            switch (argv[i]) {
                case "--report" -> reportDir = Path.of(argv[i + 1]).toAbsolutePath();
                case "--only" -> only = argv[i + 1];
                case "--go" -> {
                    String named = argv[i + 1];
                    release = GoRelease.of(named).orElse(null);
                    if (release == null) {
                        System.err.println("CorpusCheck: Go " + named + " is not one of " + GoRelease.supportedList());
                        System.exit(2);
                    }
                }
                default -> {
                    System.err.println("CorpusCheck: unknown option " + argv[i]);
                    System.exit(2);
                }
            }
        }
        if (release == null) {
            release = releaseOf(corpus);
        }
        String filter = only;
        List<CorpusCase> cases = CorpusCase.readAll(corpus).stream().filter(c -> c.name().contains(filter)).toList();
        if (cases.isEmpty()) {
            System.err.println("CorpusCheck: no cases in " + corpus + " (record them with tools/corpus/record.sh)");
            System.exit(2);
        }
        recordedVersion(corpus).ifPresent(recorded -> warnIfOtherVersion(recorded, corpus));
        deleteTree(reportDir);
        Files.createDirectories(reportDir);
        Path reports = reportDir;
        Result result = check(release, cases, d -> {
            System.out.println("DIFF " + d.caseName() + ": " + d.summary());
            try {
                Files.writeString(reports.resolve(d.caseName() + ".diff"), d.report(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        System.out.print(reasonsTally(result.differences()));
        System.out.printf("goasm following Go %s: %d cases in %.1f s in one JVM; Go's assembler run for %d of them (the rest cached)%n",
                release.line(), cases.size(), result.goasmNanos() / 1e9, result.goRuns());
        System.out.println(result.figure());
        if (!result.differences().isEmpty()) {
            System.out.println("full differences: " + reportDir);
        }
        System.exit(result.differences().isEmpty() ? 0 : 1);
    }

    /**
     * Runs every case with {@code release}'s assembler and with goasm following it, and compares;
     * each difference is also given to {@code onDifference} as soon as it is found.
     */
    static Result check(GoRelease release, List<CorpusCase> cases, java.util.function.Consumer<Difference> onDifference)
            throws IOException {
        GoOracle.Toolchain go = GoOracle.of(release);
        Path outDir = Files.createTempDirectory("goasm-corpus-out");
        List<Difference> differences = new ArrayList<>();
        long goasmNanos = 0;
        int goRuns = 0;
        try {
            for (CorpusCase c : cases) {
                if (cachedGo(go, c).isEmpty()) {
                    goRuns++;
                }
                Outcome goOutcome = goOutcome(go, c, outDir);
                long start = System.nanoTime();
                Outcome goasm = goasmOutcome(release, c, outDir);
                goasmNanos += System.nanoTime() - start;
                Difference d = compare(c, goOutcome, goasm);
                if (d != null) {
                    differences.add(d);
                    onDifference.accept(d);
                }
            }
        } finally {
            deleteTree(outDir);
        }
        return new Result(release, cases.size(), List.copyOf(differences), goRuns, goasmNanos);
    }

    /** The exact version that recorded the corpus ("go1.27.3"), from its go-version file. */
    static Optional<String> recordedVersion(Path corpus) throws IOException {
        Path file = corpus.resolve(VERSION_FILE);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
    }

    /**
     * The release whose corpus this is: its go-version file's, or Go 1.19 for a corpus recorded
     * before record.sh wrote one (it recorded Go 1.19 only).
     */
    static GoRelease releaseOf(Path corpus) throws IOException {
        Optional<String> version = recordedVersion(corpus);
        if (version.isEmpty()) {
            return GoRelease.GO1_19;
        }
        return GoRelease.of(version.get()).orElseThrow(() -> new IllegalArgumentException(
                corpus + " was recorded by " + version.get() + ", not one of " + GoRelease.supportedList()));
    }

    private static void warnIfOtherVersion(String recorded, Path corpus) {
        GoRelease.of(recorded).ifPresent(release -> {
            GoOracle.Toolchain go = GoOracle.of(release);
            if (go.installed() && !go.exactVersion().equals(recorded)) {
                System.out.println("note: " + corpus + " was recorded by " + recorded + ", the installed "
                        + go.goRoot() + " is " + go.exactVersion() + "; re-record it for an exact comparison");
            }
        });
    }

    // ---- running both assemblers ----

    private static Optional<Outcome> cachedGo(GoOracle.Toolchain go, CorpusCase c) throws IOException {
        Path cache = c.dir().resolve("go");
        Path digestFile = cache.resolve("digest");
        // Caches from before objects were compared have no "object" file: run Go again for those.
        if (!Files.isRegularFile(digestFile) || !Files.isRegularFile(cache.resolve("object"))
                || !Files.readString(digestFile).equals(c.inputDigest(go.asmTool()))) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(Integer.parseInt(Files.readString(cache.resolve("status")).strip()),
                latin1(cache.resolve("stdout")), latin1(cache.resolve("stderr")), latin1(cache.resolve("symabis")),
                latin1(cache.resolve("object"))));
    }

    /** Go's result: from the cache when its digest still matches, else by running Go. */
    static Outcome goOutcome(GoOracle.Toolchain go, CorpusCase c, Path outDir) throws IOException {
        Optional<Outcome> cached = cachedGo(go, c);
        if (cached.isPresent()) {
            return cached.get();
        }
        clean(outDir);
        RunResult run = go.asm(c.args(outDir), c.cwd(), c.env());
        Outcome result = Outcome.of(run, symabisOf(c, outDir), objectOf(c, outDir));
        Path tmp = Files.createTempDirectory(c.dir(), ".go-");
        Files.writeString(tmp.resolve("status"), Integer.toString(result.status()));
        Files.write(tmp.resolve("stdout"), run.stdoutBytes());
        Files.write(tmp.resolve("stderr"), run.stderrBytes());
        Files.writeString(tmp.resolve("symabis"), result.symabis(), StandardCharsets.ISO_8859_1);
        Files.writeString(tmp.resolve("object"), result.object(), StandardCharsets.ISO_8859_1);
        Files.writeString(tmp.resolve("digest"), c.inputDigest(go.asmTool()));
        Path cache = c.dir().resolve("go");
        deleteTree(cache);
        Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE);
        return result;
    }

    static Outcome goasmOutcome(GoRelease release, CorpusCase c, Path outDir) throws IOException {
        clean(outDir);
        RunResult run = Goasm.asm(release, c.args(outDir), c.cwd(), c.env());
        return Outcome.of(run, symabisOf(c, outDir), objectOf(c, outDir));
    }

    /** The object file of an assembly run that succeeded (Go removes it when assembly fails). */
    private static byte[] objectOf(CorpusCase c, Path outDir) throws IOException {
        if (c.kind() == CorpusCase.Kind.SYMABIS) {
            return null;
        }
        Path file = c.output(outDir);
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    private static byte[] symabisOf(CorpusCase c, Path outDir) throws IOException {
        if (c.kind() != CorpusCase.Kind.SYMABIS) {
            return null;
        }
        Path file = c.output(outDir);
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : "(no symabis file written)".getBytes(StandardCharsets.UTF_8);
    }

    // ---- comparing ----

    static Difference compare(CorpusCase c, Outcome go, Outcome goasm) {
        if (go.equals(goasm)) {
            return null;
        }
        StringBuilder report = new StringBuilder("case " + c.name() + " (cwd " + c.cwd() + ")\nargs: "
                + String.join(" ", c.args(Path.of(CorpusCase.OUT_DIR))) + "\n");
        Set<String> reasons = new LinkedHashSet<>();
        String summary = null;
        if (go.status() != goasm.status()) {
            report.append("exit status: Go ").append(go.status()).append(", goasm ").append(goasm.status()).append('\n');
            summary = "exit status Go " + go.status() + ", goasm " + goasm.status();
        }
        if (!go.stderr().equals(goasm.stderr())) {
            report.append("stderr: ").append(TextDiff.firstDifference("Go", go.stderr(), "goasm", goasm.stderr()));
            reasons.addAll(messageReasons("goasm says", goasm.stderr(), go.stderr()));
            reasons.addAll(messageReasons("only Go says", go.stderr(), goasm.stderr()));
            String first = firstNewLine(goasm.stderr(), go.stderr());
            summary = join(summary, "stderr " + (first != null ? "goasm: " + shorten(first)
                    : "Go: " + shorten(firstNewLine(go.stderr(), goasm.stderr()))));
        }
        if (!go.stdout().equals(goasm.stdout())) {
            report.append("listing: ").append(TextDiff.firstDifference("Go", go.stdout(), "goasm", goasm.stdout()));
            if (reasons.isEmpty()) {
                reasons.add(listingReason(go.stdout(), goasm.stdout()));
            }
            summary = join(summary, "listing " + firstLines(go.stdout(), goasm.stdout()));
        }
        if (!go.symabis().equals(goasm.symabis())) {
            report.append("symabis: ").append(TextDiff.firstDifference("Go", go.symabis(), "goasm", goasm.symabis()));
            reasons.add("symabis file differs");
            summary = join(summary, "symabis " + firstLines(go.symabis(), goasm.symabis()));
        }
        if (!go.object().equals(goasm.object())) {
            String where = ObjectFileDiff.firstDifference(go.object().getBytes(StandardCharsets.ISO_8859_1),
                    goasm.object().getBytes(StandardCharsets.ISO_8859_1));
            report.append("object: ").append(where).append('\n');
            reasons.add("object file differs");
            summary = join(summary, where);
        }
        boolean crashed = goasm.status() == Goasm.ESCAPED_EXCEPTION;
        if (crashed) {
            reasons.clear();
            reasons.add("goasm crashed: " + shorten(goasm.stderr().lines().filter(l -> !l.isBlank()).findFirst().orElse("")));
        }
        if (reasons.isEmpty()) {
            reasons.add("other");
        }
        return new Difference(c.name(), summary, report.toString(), reasons, crashed);
    }

    private static final Pattern POSITION = Pattern.compile("^\\S+?:\\d+(?::\\d+)?: ");
    private static final Pattern MISSING_OP = Pattern.compile("asmins: missing op \\d+ \\(\\S+:\\d+\\)\\t(\\S+)");
    /** BMI1/BMI2 instructions, VEX-encoded without a V prefix. */
    private static final Set<String> VEX_WITHOUT_V = Set.of("ANDNL", "ANDNQ", "BEXTRL", "BEXTRQ", "BLSIL", "BLSIQ",
            "BLSMSKL", "BLSMSKQ", "BLSRL", "BLSRQ", "BZHIL", "BZHIQ", "MULXL", "MULXQ", "PDEPL", "PDEPQ", "PEXTL",
            "PEXTQ", "RORXL", "RORXQ", "SARXL", "SARXQ", "SHLXL", "SHLXQ", "SHRXL", "SHRXQ");
    private static final Pattern INSTRUCTION_POSITION = Pattern.compile("\\(\\S+:\\d+\\)");
    private static final Pattern NUMBER = Pattern.compile("\\b(0x[0-9a-f]+|\\d+)\\b");

    /** The messages of {@code text} that {@code other} lacks, without positions: what a reader groups by. */
    static Set<String> messageReasons(String who, String text, String other) {
        Set<String> otherLines = Set.copyOf(other.lines().toList());
        Set<String> reasons = new LinkedHashSet<>();
        for (String line : text.lines().toList()) {
            if (otherLines.contains(line) || line.startsWith("asm: assembly of ") || line.equals("asm: assembly failed")
                    || isUsageText(line)) {
                continue;
            }
            Matcher missing = MISSING_OP.matcher(line);
            if (missing.find()) {
                String op = missing.group(1);
                boolean vex = op.startsWith("V") || VEX_WITHOUT_V.contains(op);
                reasons.add(who + ": asmins: missing op " + op + (vex ? " (VEX/EVEX)" : " (not VEX)"));
                continue;
            }
            String message = POSITION.matcher(line).replaceFirst("");
            message = INSTRUCTION_POSITION.matcher(message).replaceAll("(pos)");
            reasons.add(who + ": " + shorten(message));
        }
        return reasons;
    }

    /** The usage text printed after a flag error: one reason (the flag error) is enough. */
    private static boolean isUsageText(String line) {
        return line.startsWith(" ") || line.startsWith("\t") || line.startsWith("usage: ") || line.equals("Flags:");
    }

    /** Where two listings first disagree, by instruction: which mnemonic is printed or encoded differently. */
    static String listingReason(String go, String goasm) {
        AsmListing left = AsmListing.parse(go);
        AsmListing right = AsmListing.parse(goasm);
        Map<String, AsmListing.Function> theirs = new TreeMap<>();
        right.functions().forEach(f -> theirs.put(f.name(), f));
        for (AsmListing.Function fn : left.functions()) {
            AsmListing.Function other = theirs.get(fn.name());
            if (other == null) {
                return "listing: function missing in goasm's listing";
            }
            int n = Math.min(fn.entries().size(), other.entries().size());
            for (int i = 0; i < n; i++) {
                AsmListing.Entry a = fn.entries().get(i);
                AsmListing.Entry b = other.entries().get(i);
                if (!a.text().equals(b.text())) {
                    return "listing: instruction text differs for " + mnemonic(a.text()) + " (Go `"
                            + withoutSymbols(a.text()) + "`, goasm `" + withoutSymbols(b.text()) + "`)";
                }
                if (a.pc() != b.pc()) {
                    AsmListing.Entry prev = fn.entries().get(Math.max(0, i - 1));
                    return "listing: encoding length differs for " + mnemonic(prev.text()) + " (`" + prev.text() + "`)";
                }
                int end = i + 1 < fn.entries().size() ? fn.entries().get(i + 1).pc() : fn.size();
                if (end <= fn.code().length && end <= other.code().length
                        && !Arrays.equals(fn.code(), a.pc(), end, other.code(), b.pc(), end)) {
                    return "listing: bytes differ for " + mnemonic(a.text()) + " (`" + a.text() + "`)";
                }
            }
            if (fn.entries().size() != other.entries().size()) {
                return "listing: number of instructions differs in a function";
            }
        }
        String first = firstNewLine(goasm, go);
        if (first == null) {
            return "listing: lines missing in goasm's listing";
        }
        return "listing: other line differs: " + shorten(NUMBER.matcher(withoutSymbols(first)).replaceAll("N"));
    }

    private static final Pattern SYMBOL_OPERAND = Pattern.compile("[^\\s,$()]+\\(SB\\)");
    private static final Pattern SYMBOL_HEADER = Pattern.compile("^\\S+ (?=S[A-Z]+ )");

    /**
     * The line with symbol names replaced by "sym", so that one cause shared by many functions
     * is tallied as one reason.
     */
    static String withoutSymbols(String line) {
        return SYMBOL_HEADER.matcher(SYMBOL_OPERAND.matcher(line).replaceAll("sym(SB)")).replaceFirst("sym ");
    }

    private static String mnemonic(String instructionText) {
        String word = instructionText.strip().split("[\\t ]", 2)[0];
        return word.isEmpty() ? "?" : word;
    }

    /** The first line of {@code text} that {@code other} does not have at the same index. */
    private static String firstNewLine(String text, String other) {
        List<String> a = text.lines().toList();
        List<String> b = other.lines().toList();
        for (int i = 0; i < a.size(); i++) {
            if (i >= b.size() || !a.get(i).equals(b.get(i))) {
                return a.get(i);
            }
        }
        return null;
    }

    private static String firstLines(String go, String goasm) {
        List<String> a = go.lines().toList();
        List<String> b = goasm.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(end)";
            String y = i < b.size() ? b.get(i) : "(end)";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": Go `" + shorten(x) + "` goasm `" + shorten(y) + "`";
            }
        }
        return "differs in line endings";
    }

    /** The reasons of the differences, most frequent first, with a few cases each ("" when none). */
    static String reasonsTally(List<Difference> differences) {
        Map<String, List<String>> byReason = new TreeMap<>();
        for (Difference d : differences) {
            for (String reason : d.reasons()) {
                byReason.computeIfAbsent(reason, k -> new ArrayList<>()).add(d.caseName());
            }
        }
        if (byReason.isEmpty()) {
            return "";
        }
        StringBuilder tally = new StringBuilder("reasons (cases: reason [some cases]):\n");
        byReason.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<String>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> tally.append(String.format("%5d  %s  [%s]%n", e.getValue().size(), e.getKey(),
                        String.join(" ", e.getValue().subList(0, Math.min(4, e.getValue().size())))
                                + (e.getValue().size() > 4 ? " ..." : ""))));
        return tally.toString();
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    private static String shorten(String line) {
        if (line == null) {
            return "(none)";
        }
        String text = new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).replace("\t", " ");
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    private static String latin1(Path file) throws IOException {
        return Files.isRegularFile(file) ? new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1) : "";
    }

    private static void clean(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                deleteTree(p);
            }
        }
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
