package goasm.corpus;

import goasm.conformance.GoOracle;
import goasm.conformance.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every assembler run of Go 1.19's `go build -a` for amd64 (std and cmd for linux, std for the
 * other systems) gives the same listing, diagnostics, exit status and symabis file with goasm as
 * with Go, run with the GOOS it was recorded with. Each system's corpus is recorded once by
 * tools/corpus/record.sh (a few minutes each) into a cache folder,
 * ~/.cache/goasm/corpus-go1.19.8-GOOS-amd64, and reused while it exists.
 *
 * <p>Which systems: -Dgoasm.corpusGoos="linux windows ..." (default linux; "all" for every amd64
 * port of Go 1.19). -Dgoasm.corpusDir=DIR checks one recorded folder instead, whatever it holds.
 */
class StdlibCorpusTest {
    /** Go 1.19's amd64 ports (go tool dist list). */
    static final List<String> ALL_AMD64_SYSTEMS = List.of("linux", "darwin", "windows", "freebsd", "netbsd",
            "openbsd", "dragonfly", "solaris", "illumos", "plan9", "android", "ios");

    @Test
    void everyStdlibAssemblyRunIsIdentical() throws Exception {
        List<Path> corpora = new ArrayList<>();
        String configured = System.getProperty("goasm.corpusDir");
        if (configured != null) {
            corpora.add(Path.of(configured));
        } else {
            for (String goos : systems()) {
                corpora.add(recorded(goos));
            }
        }

        StringBuilder figures = new StringBuilder();
        List<String> differences = new ArrayList<>();
        Path outDir = Files.createTempDirectory("goasm-corpus-out");
        try {
            for (Path corpus : corpora) {
                List<CorpusCase> cases = CorpusCase.readAll(corpus);
                assertThat(cases).as("recorded cases in %s", corpus).hasSizeGreaterThan(50);
                int before = differences.size();
                for (CorpusCase c : cases) {
                    CorpusCheck.Difference d = CorpusCheck.compare(c, CorpusCheck.goOutcome(c, outDir),
                            CorpusCheck.goasmOutcome(c, outDir));
                    if (d != null) {
                        differences.add(c.name() + ": " + d.summary());
                    }
                }
                figures.append(String.format("%s: %d of %d cases identical%n", corpus.getFileName(),
                        cases.size() - (differences.size() - before), cases.size()));
            }
        } finally {
            CorpusCheck.deleteTree(outDir);
        }
        Path report = ProjectPaths.buildDir().resolve("conformance");
        Files.createDirectories(report);
        Files.writeString(report.resolve("stdlib-corpus.txt"), figures + String.join("\n", differences));
        assertThat(differences).as("cases that differ from Go").isEmpty();
    }

    private static List<String> systems() {
        String list = System.getProperty("goasm.corpusGoos", "linux").strip();
        return list.equals("all") ? ALL_AMD64_SYSTEMS : List.of(list.split("[\\s,]+"));
    }

    /** The system's cached corpus, recorded first when missing (into a fresh folder, renamed when complete). */
    private static Path recorded(String goos) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "goasm", "corpus-go1.19.8-" + goos + "-amd64");
        if (Files.isDirectory(dir)) {
            return dir;
        }
        GoOracle.goCommand();
        Files.createDirectories(dir.getParent());
        Path fresh = dir.resolveSibling(dir.getFileName() + ".recording");
        CorpusCheck.deleteTree(fresh);
        ProcessBuilder builder = new ProcessBuilder(ProjectPaths.root().resolve("tools/corpus/record.sh").toString(),
                fresh.toString()).inheritIO();
        builder.environment().put("GOOS_LIST", goos);
        Process record = builder.start();
        assertThat(record.waitFor()).as("tools/corpus/record.sh exit status for %s", goos).isZero();
        Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }
}
