package goasm.vet;

import goasm.release.GoRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * go vet's own test data for asmdecl and framepointer (golang.org/x/tools, kept in
 * ../shared/peer/x-tools): goasm vet finds what each {@code // want} comment expects, line for
 * line, for amd64; and for every release it prints what that release's go vet prints.
 */
class GoVetTestdataTest {
    static final Path ASMDECL = Path.of("asmdecl/testdata/src/a");
    static final Path FRAMEPOINTER = Path.of("framepointer/testdata/src/a");
    /**
     * asmdecl's amd64 test data. The other files are for other architectures; Go 1.15, which
     * reads no //go:build lines, would take loong64's asm10.s for amd64 code, which goasm's
     * amd64 parser cannot read.
     */
    static final String[] AMD64_ASMDECL = {"asm.go", "asm1.s", "asm4.s"};

    /**
     * A folder of x/tools' analyzer test data, from shared/peer/x-tools beside the checkout (or
     * beside one of its parent directories); the test fails saying so when it is absent.
     */
    static Path peer(Path dir) {
        Path passes = Path.of("shared", "peer", "x-tools", "go", "analysis", "passes");
        for (Path p = Path.of("").toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(passes).resolve(dir);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("go vet's test data from golang.org/x/tools is missing: expected "
                + "../shared/peer/x-tools (see shared/peer/README.md) holding " + passes.resolve(dir)
                + "; without it these findings are not checked");
    }

    /** The findings each line wants: line number to the regular expressions of its want comment. */
    static Map<Integer, List<Pattern>> wants(Path file) throws IOException {
        Map<Integer, List<Pattern>> wants = new TreeMap<>();
        Pattern want = Pattern.compile("// want (.*)$");
        Pattern quoted = Pattern.compile("`([^`]*)`|\"((?:[^\"\\\\]|\\\\.)*)\"");
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = want.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            Matcher q = quoted.matcher(m.group(1));
            while (q.find()) {
                String regex = q.group(1) != null ? q.group(1) : q.group(2).replace("\\\\", "\\");
                wants.computeIfAbsent(i + 1, k -> new ArrayList<>()).add(Pattern.compile(regex));
            }
        }
        return wants;
    }

    private static void checkWants(Path dir, List<String> files, String output) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Map<Integer, List<String>>> found = new TreeMap<>();
        Pattern line = Pattern.compile("^(\\S+?):(\\d+):1: (.*)$");
        for (String l : output.split("\n")) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                found.computeIfAbsent(Path.of(m.group(1)).getFileName().toString(), k -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new ArrayList<>()).add(m.group(3));
            }
        }
        int expected = 0;
        for (String file : files) {
            Map<Integer, List<Pattern>> wants = wants(dir.resolve(file));
            Map<Integer, List<String>> got = found.getOrDefault(file, Map.of());
            for (Map.Entry<Integer, List<Pattern>> w : wants.entrySet()) {
                List<String> messages = new ArrayList<>(got.getOrDefault(w.getKey(), List.of()));
                for (Pattern p : w.getValue()) {
                    expected++;
                    boolean matched = messages.removeIf(msg -> p.matcher(msg).find());
                    if (!matched) {
                        problems.add(file + ":" + w.getKey() + ": missing finding matching " + p);
                    }
                }
                messages.forEach(msg -> problems.add(file + ":" + w.getKey() + ": unexpected " + msg));
            }
            for (Map.Entry<Integer, List<String>> g : got.entrySet()) {
                if (!wants.containsKey(g.getKey())) {
                    g.getValue().forEach(msg -> problems.add(file + ":" + g.getKey() + ": unexpected " + msg));
                }
            }
        }
        assertThat(expected).as("want comments read").isGreaterThan(0);
        assertThat(problems).as("findings against the want comments").isEmpty();
    }

    @Test
    void asmdeclFindsWhatEveryWantCommentExpects(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("a");
        VetRun.module(peer(ASMDECL), dir, "a");
        VetRun run = VetRun.goasm(GoRelease.NEWEST, dir);
        assertThat(run.status()).isEqualTo(1);
        checkWants(dir, List.of("asm1.s", "asm4.s"), run.err());
    }

    @Test
    void framepointerFindsWhatEveryWantCommentExpects(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("a");
        VetRun.module(peer(FRAMEPOINTER), dir, "a");
        VetRun run = VetRun.goasm(GoRelease.NEWEST, dir);
        List<String> amd64 = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("_amd64.s")).sorted().forEach(amd64::add);
        }
        assertThat(amd64).isNotEmpty();
        // asm_amd64.s declares no Go functions: asmdecl's findings there are not framepointer's to want.
        String framepointerOnly = String.join("\n", run.err().lines()
                .filter(l -> !l.contains("[amd64]")).toList());
        checkWants(dir, amd64.stream().filter(n -> !n.startsWith("asm_darwin") && !n.startsWith("asm_windows"))
                .toList(), framepointerOnly);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void asmdeclTestdataAsTheReleasesGoVetReportsIt(GoRelease release, @TempDir Path tmp) {
        Path dir = tmp.resolve("a");
        VetRun.module(peer(ASMDECL), dir, "a", AMD64_ASMDECL);
        VetRun go = VetRun.go(release, dir, tmp);
        VetRun goasm = VetRun.goasm(release, dir);
        assertThat(goasm.err()).as("goasm vet against go vet of %s", release.line()).isEqualTo(go.err());
        assertThat(goasm.status()).isEqualTo(go.status());
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void framepointerTestdataAsTheReleasesGoVetReportsIt(GoRelease release, @TempDir Path tmp) {
        Path dir = tmp.resolve("a");
        VetRun.module(peer(FRAMEPOINTER), dir, "a");
        VetRun go = VetRun.go(release, dir, tmp);
        VetRun goasm = VetRun.goasm(release, dir);
        assertThat(goasm.errByAnalyzer()).as("goasm vet against go vet of %s", release.line())
                .isEqualTo(go.errByAnalyzer());
        assertThat(goasm.status()).isEqualTo(go.status());
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void jsonAsTheReleasesGoVetWritesIt(GoRelease release, @TempDir Path tmp) {
        Path dir = tmp.resolve("a");
        VetRun.module(peer(ASMDECL), dir, "a", AMD64_ASMDECL);
        VetRun go = VetRun.go(release, dir, tmp, "-json");
        VetRun goasm = VetRun.goasm(release, dir, "-json");
        assertThat(goasm.out()).isEqualTo(go.out());
        assertThat(goasm.err()).isEqualTo(go.err());
        assertThat(goasm.status()).isEqualTo(go.status());
    }
}
