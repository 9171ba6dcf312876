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
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz campaign as CI runs it: a fixed seed and a few hundred generated hostile inputs,
 * each across the releases, each run by the release's asm and by goasm in the same directory
 * and compared on status, stdout, stderr and the files left behind. Any mismatch, Java trace or
 * hang fails. (tools/fuzz/run.sh runs the same generators for as long as asked.)
 */
class HostileInputProperties {
    private static final Map<FuzzCheck.Verdict, Integer> TALLY = new EnumMap<>(FuzzCheck.Verdict.class);

    @Provide
    Arbitrary<HostileInputs.Input> inputs() {
        return HostileInputs.inputs(Arbitraries.of(GoRelease.class));
    }

    @Property(tries = 300, seed = "20261130", shrinking = ShrinkingMode.OFF)
    void goasmAnswersHostileInputAsGoDoes(@ForAll("inputs") HostileInputs.Input input) throws IOException {
        Path dir = Files.createTempDirectory("goasm-fuzz");
        try {
            FuzzCheck.Outcome outcome = FuzzCheck.check(input, dir.resolve("w"));
            synchronized (TALLY) {
                TALLY.merge(outcome.verdict(), 1, Integer::sum);
            }
            assertThat(outcome.verdict()).as(() -> outcome.describe(input))
                    .isIn(FuzzCheck.Verdict.SAME, FuzzCheck.Verdict.GO_PANICKED_GOASM_FAILED_CLEANLY);
        } finally {
            FuzzCampaign.deleteTree(dir);
        }
    }

    @AfterContainer
    static void report() {
        System.out.println("hostile input campaign (CI): " + TALLY);
    }
}
