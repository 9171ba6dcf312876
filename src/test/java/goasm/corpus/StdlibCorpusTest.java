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
 * Every assembler run of Go 1.19's `go build -a std cmd` for linux/amd64 gives the same listing,
 * diagnostics, exit status and symabis file with goasm as with Go. The corpus is recorded once
 * by tools/corpus/record.sh (a few minutes) into a cache folder (-Dgoasm.corpusDir, default
 * ~/.cache/goasm/corpus-go1.19.8-linux-amd64) and reused while it exists.
 */
class StdlibCorpusTest {
    @Test
    void everyStdlibAssemblyRunIsIdentical() throws Exception {
        Path corpus = corpusDir();
        List<CorpusCase> cases = CorpusCase.readAll(corpus);
        assertThat(cases).as("recorded cases in %s", corpus).hasSizeGreaterThan(50);

        Path outDir = Files.createTempDirectory("goasm-corpus-out");
        List<String> differences = new ArrayList<>();
        try {
            for (CorpusCase c : cases) {
                CorpusCheck.Difference d = CorpusCheck.compare(c, CorpusCheck.goOutcome(c, outDir),
                        CorpusCheck.goasmOutcome(c, outDir));
                if (d != null) {
                    differences.add(c.name() + ": " + d.summary());
                }
            }
        } finally {
            CorpusCheck.deleteTree(outDir);
        }
        Path report = ProjectPaths.buildDir().resolve("conformance");
        Files.createDirectories(report);
        Files.writeString(report.resolve("stdlib-corpus.txt"), String.format("%d of %d cases identical%n%s",
                cases.size() - differences.size(), cases.size(), String.join("\n", differences)));
        assertThat(differences).as("cases that differ from Go").isEmpty();
    }

    /** The cached corpus, recorded first when missing (into a fresh folder, renamed when complete). */
    private static Path corpusDir() throws IOException, InterruptedException {
        String configured = System.getProperty("goasm.corpusDir");
        Path dir = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "goasm", "corpus-go1.19.8-linux-amd64");
        if (Files.isDirectory(dir)) {
            return dir;
        }
        GoOracle.goCommand();
        Files.createDirectories(dir.getParent());
        Path fresh = dir.resolveSibling(dir.getFileName() + ".recording");
        Process record = new ProcessBuilder(ProjectPaths.root().resolve("tools/corpus/record.sh").toString(),
                fresh.toString()).inheritIO().start();
        assertThat(record.waitFor()).as("tools/corpus/record.sh exit status").isZero();
        Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }
}
