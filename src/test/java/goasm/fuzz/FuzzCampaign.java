package goasm.fuzz;

import goasm.release.GoRelease;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The long fuzz campaign, run by command rather than in CI (its name matches none of the test
 * patterns): `tools/fuzz/run.sh 1.27 5000` runs 5000 inputs against Go 1.27's asm. The release
 * comes from -Dgoasm.fuzz.release (default: every release, one per input), the number of inputs
 * from jqwik.tries.default, the seed from jqwik.seed (default: random, printed by jqwik).
 * Every input that is not the same as Go's is printed in full; the counts come at the end.
 */
class FuzzCampaign {
    private static final Map<FuzzCheck.Verdict, Integer> TALLY = new EnumMap<>(FuzzCheck.Verdict.class);
    /** Per release: inputs, then each verdict, goasm failures, documented file differences. */
    private static final Map<String, Map<String, Integer>> BY_RELEASE = new java.util.TreeMap<>();

    @Provide
    Arbitrary<HostileInputs.Input> inputs() {
        String release = System.getProperty("goasm.fuzz.release", "");
        Arbitrary<GoRelease> releases = release.isEmpty() ? Arbitraries.of(GoRelease.class)
                : Arbitraries.just(GoRelease.all().stream().filter(r -> r.line().equals(release)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no supported release " + release)));
        return HostileInputs.inputs(releases);
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void campaign(@ForAll("inputs") HostileInputs.Input input) throws IOException {
        Path dir = Files.createTempDirectory("goasm-fuzz");
        try {
            FuzzCheck.Outcome outcome = FuzzCheck.check(input, dir.resolve("w"));
            synchronized (TALLY) {
                TALLY.merge(outcome.verdict(), 1, Integer::sum);
                Map<String, Integer> row = BY_RELEASE.computeIfAbsent(input.release().line(),
                        k -> new java.util.LinkedHashMap<>());
                row.merge("inputs", 1, Integer::sum);
                row.merge(outcome.verdict().name(), 1, Integer::sum);
                if (outcome.comparison().goasm().status() != 0) {
                    row.merge("goasm failed", 1, Integer::sum);
                }
                if (!outcome.comparison().documented().isEmpty()) {
                    row.merge("documented file difference", 1, Integer::sum);
                }
            }
            if (outcome.verdict() != FuzzCheck.Verdict.SAME) {
                System.out.println("==== " + outcome.describe(input));
            }
            // Keep going after a mismatch: the campaign reports them all.
            assertThat(outcome.verdict()).isNotNull();
        } finally {
            deleteTree(dir);
        }
    }

    @AfterContainer
    static void report() {
        System.out.println("hostile input campaign: " + TALLY);
        BY_RELEASE.forEach((release, row) -> System.out.println("  Go " + release + ": " + row));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
