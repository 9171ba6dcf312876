package goasm.conformance;

import goasm.arch.amd64.Mnemonics;
import goasm.release.GoRelease;
import goasm.release.InstructionSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which instruction words each release recognizes, asked of that release's assembler: every
 * word that begins an instruction line in some release's encoder suites but not in every
 * release's, and every name a release's {@link InstructionSet} leaves out, written (with an
 * instruction line where it had one) into one file per release. Go names each word it does not
 * recognize ("unrecognized instruction \"RDPID\""); {@link Mnemonics#lookup(String, InstructionSet)}
 * must recognize exactly the others.
 */
class InstructionSetConformanceTest {
    @TempDir
    Path work;

    private static final Pattern WORD = Pattern.compile("^\\s+([A-Z][A-Z0-9_]*)(?:\\.[A-Z_.]+)?\\s");
    private static final Pattern UNRECOGNIZED = Pattern.compile("unrecognized instruction \"([A-Z0-9_]+)\"");

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void recognizedWordsAreTheReleases(GoRelease release) throws IOException {
        Map<String, String> candidates = candidates();
        Path file = work.resolve("words.s");
        List<String> source = new ArrayList<>(List.of("#include \"textflag.h\"", "TEXT ·f(SB),NOSPLIT,$0-0"));
        candidates.values().forEach(source::add);
        source.add("\tRET");
        Files.write(file, source, StandardCharsets.UTF_8);

        GoOracle.Toolchain go = GoOracle.of(release);
        RunResult run = go.asm(List.of("-I", go.includeDir().toString(), "-o", work.resolve("x.o").toString(),
                file.toString()), null, Map.of());
        Set<String> rejected = new TreeSet<>();
        Matcher m = UNRECOGNIZED.matcher(run.stderr());
        while (m.find()) {
            rejected.add(m.group(1));
        }
        // Go's parser stops after ten errors; more candidates than that would need more files.
        assertThat(rejected).as("Go's verdicts are all in").hasSizeLessThan(10);

        InstructionSet set = InstructionSet.of(release);
        Set<String> ours = new TreeSet<>();
        for (String word : candidates.keySet()) {
            if (Mnemonics.lookup(word, set) == null) {
                ours.add(word);
            }
        }
        assertThat(ours).as("words %s rejects (of %s)", release.line(), candidates.keySet()).isEqualTo(rejected);
    }

    /** Word, and a line that uses it: the words not common to every release's suites. */
    private static Map<String, String> candidates() throws IOException {
        Map<GoRelease, Map<String, String>> byRelease = new HashMap<>();
        for (GoRelease r : GoRelease.values()) {
            byRelease.put(r, wordsOfSuites(GoOracle.of(r).asmTestdata()));
        }
        Map<String, String> all = new TreeMap<>();
        byRelease.values().forEach(all::putAll);
        Map<String, String> candidates = new TreeMap<>();
        all.forEach((word, line) -> {
            if (byRelease.values().stream().anyMatch(words -> !words.containsKey(word))) {
                candidates.put(word, line);
            }
        });
        for (GoRelease r : GoRelease.values()) {
            for (String word : InstructionSet.of(r).unknown()) {
                candidates.putIfAbsent(word, "\t" + word);
            }
        }
        assertThat(candidates).as("words that differ between releases").isNotEmpty();
        return candidates;
    }

    private static Map<String, String> wordsOfSuites(Path testdata) throws IOException {
        List<Path> files = new ArrayList<>(List.of(testdata.resolve("amd64enc.s"), testdata.resolve("amd64enc_extra.s"),
                testdata.resolve("amd64error.s")));
        try (Stream<Path> s = Files.list(testdata.resolve("avx512enc"))) {
            s.filter(p -> p.toString().endsWith(".s")).sorted().forEach(files::add);
        }
        Map<String, String> words = new TreeMap<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                Matcher m = WORD.matcher(line);
                if (m.find() && !line.contains("ERROR")) {
                    words.putIfAbsent(m.group(1), line.replaceAll("//.*", ""));
                }
            }
        }
        return words;
    }
}
