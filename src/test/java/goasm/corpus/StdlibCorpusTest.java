package goasm.corpus;

import goasm.conformance.GoOracle;
import goasm.conformance.ReleaseLists;
import goasm.conformance.ProjectPaths;
import goasm.release.GoRelease;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every assembler run of a Go release's own `go build -a` for amd64 (std and cmd for linux, std
 * for the other systems) gives the same listing, diagnostics, exit status and output file with
 * goasm following that release as with that release's assembler, run with the GOOS it was
 * recorded with. Each release's corpus for each system is recorded once by tools/corpus/record.sh
 * (a few minutes each) into a cache folder named by the exact version installed,
 * ~/.cache/goasm/corpus-go1.27.3-GOOS-amd64, and reused while it exists.
 *
 * <p>The releases listed in {@code exact-releases.txt} must be identical in every case; the
 * others must at least never make goasm crash (a Java exception), and are run all the same and their figure ("N of M cases identical", the reasons of the
 * differences) is printed and written to target/conformance/corpus-1.N.txt, so that a release
 * becoming exact is a one-line change there.
 *
 * <p>Which releases: -Dgoasm.corpusReleases="1.15 1.27" (default {@link #CI_RELEASES}, what CI
 * checks; "all" for every release). Which systems: -Dgoasm.corpusGoos="linux windows ..."
 * (default linux; "all" for every amd64 port of each release, as its `go tool dist list` says).
 * -Dgoasm.corpusDir=DIR checks one recorded folder instead, whatever it holds, with the release
 * that recorded it.
 */
class StdlibCorpusTest {
    /** The releases CI checks: the oldest, the one goasm was first exact for, the newest. */
    static final String CI_RELEASES = "1.15 1.19 1.27";

    static List<GoRelease> releases() throws IOException {
        String dir = System.getProperty("goasm.corpusDir");
        if (dir != null) {
            return List.of(CorpusCheck.releaseOf(Path.of(dir)));
        }
        return parseReleases(System.getProperty("goasm.corpusReleases", CI_RELEASES));
    }

    @ParameterizedTest(name = "Go {0}")
    @MethodSource("releases")
    void everyAssemblerRunOfGoBuildIsIdentical(GoRelease release) throws Exception {
        GoOracle.Toolchain go = GoOracle.of(release);
        String version = go.exactVersion();
        boolean exact = exactReleases().contains(release);
        StringBuilder recording = new StringBuilder();
        List<Path> corpora = new ArrayList<>();
        String configured = System.getProperty("goasm.corpusDir");
        if (configured != null) {
            corpora.add(Path.of(configured));
        } else {
            for (String goos : systems(go)) {
                corpora.add(recorded(go, version, goos, recording));
            }
        }

        StringBuilder figures = new StringBuilder();
        List<CorpusCheck.Difference> differences = new ArrayList<>();
        int cases = 0;
        for (Path corpus : corpora) {
            List<CorpusCase> recorded = CorpusCase.readAll(corpus);
            assertThat(recorded).as("recorded cases in %s", corpus).hasSizeGreaterThan(50);
            CorpusCheck.Result result = CorpusCheck.check(release, recorded, d -> { });
            figures.append(corpus.getFileName()).append(": ").append(result.figure()).append('\n');
            differences.addAll(result.differences());
            cases += recorded.size();
        }
        long crashes = differences.stream().filter(CorpusCheck.Difference::crashed).count();
        String headline = "Go %s corpus: %d of %d cases identical%s (%s)".formatted(version,
                cases - differences.size(), cases, crashes == 0 ? "" : ", goasm crashed in " + crashes,
                exact ? "exact release: every case required" : "not yet exact: reported, not required");
        String report = headline + "\n" + figures + recording + CorpusCheck.reasonsTally(differences)
                + differences.stream().map(d -> d.caseName() + ": " + d.summary() + "\n").collect(Collectors.joining());
        Path reportDir = ProjectPaths.buildDir().resolve("conformance");
        Files.createDirectories(reportDir);
        Files.writeString(reportDir.resolve("corpus-" + release.line() + ".txt"), report, StandardCharsets.UTF_8);
        System.out.println(headline);
        System.out.print(figures);
        System.out.print(firstLines(CorpusCheck.reasonsTally(differences), 12));

        // Whatever a release's state, goasm must never end in a Java exception.
        assertThat(differences.stream().filter(CorpusCheck.Difference::crashed).map(CorpusCheck.Difference::caseName).toList())
                .as("cases goasm crashed on (a Java exception escaped), Go %s", version).isEmpty();
        if (exact) {
            assertThat(differences.stream().map(d -> d.caseName() + ": " + d.summary()).toList())
                    .as("cases that differ from Go %s (full report: %s)", version,
                            reportDir.resolve("corpus-" + release.line() + ".txt"))
                    .isEmpty();
        }
    }

    /** The releases listed in exact-releases.txt (next to this class), which must be identical. */
    static Set<GoRelease> exactReleases() {
        return ReleaseLists.resource(StdlibCorpusTest.class, "exact-releases.txt");
    }

    /** "1.15 1.27", "1.15,1.27" or "all". */
    static List<GoRelease> parseReleases(String list) {
        return ReleaseLists.parse(list);
    }

    /** The systems asked for: -Dgoasm.corpusGoos, "all" meaning every amd64 port of the release. */
    private static List<String> systems(GoOracle.Toolchain go) throws IOException, InterruptedException {
        String list = System.getProperty("goasm.corpusGoos", "linux").strip();
        return list.equals("all") ? amd64Systems(go) : List.of(list.split("[\\s,]+"));
    }

    /** The amd64 ports of the release, from its `go tool dist list`. */
    static List<String> amd64Systems(GoOracle.Toolchain go) throws IOException, InterruptedException {
        Process dist = new ProcessBuilder(go.goCommand().toString(), "tool", "dist", "list")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String ports = new String(dist.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dist.waitFor()).as("go tool dist list of %s", go.goRoot()).isZero();
        return ports.lines().filter(p -> p.endsWith("/amd64")).map(p -> p.substring(0, p.indexOf('/'))).toList();
    }

    /**
     * The release's cached corpus for the system, recorded first when missing (into a fresh
     * folder, renamed when complete); the time a recording took is added to {@code log}.
     */
    private static Path recorded(GoOracle.Toolchain go, String version, String goos, StringBuilder log)
            throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "goasm",
                "corpus-" + version + "-" + goos + "-amd64");
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Files.createDirectories(dir.getParent());
        // A folder of its own: several checkouts may record the same corpus at once.
        Path fresh = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".recording-");
        ProcessBuilder builder = new ProcessBuilder(ProjectPaths.root().resolve("tools/corpus/record.sh").toString(),
                fresh.toString()).inheritIO();
        builder.environment().put("GO_RELEASE", go.release().line());
        builder.environment().put("GO_ROOT", go.goRoot().toString());
        builder.environment().put("GOOS_LIST", goos);
        long start = System.nanoTime();
        Process record = builder.start();
        int status = record.waitFor();
        if (status != 0) {
            CorpusCheck.deleteTree(fresh);
        }
        assertThat(status).as("tools/corpus/record.sh exit status for %s %s", version, goos).isZero();
        try {
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            CorpusCheck.deleteTree(fresh); // recorded meanwhile by another run: the same cases
        }
        String took = "recorded %s in %.0f s%n".formatted(dir.getFileName(), (System.nanoTime() - start) / 1e9);
        System.out.print(took);
        log.append(took);
        return dir;
    }

    private static String firstLines(String text, int n) {
        List<String> lines = text.lines().toList();
        return lines.stream().limit(n).map(l -> l + "\n").collect(Collectors.joining())
                + (lines.size() > n ? "  ... (" + (lines.size() - n) + " more reasons)\n" : "");
    }
}
