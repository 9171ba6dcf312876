package goasm.stackplot;

import goasm.cli.Main;
import goasm.conformance.GoOracle;
import goasm.conformance.ProjectPaths;
import goasm.run.RunOptions;
import goasm.run.Runner;
import goasm.runtime.RuntimeEvent;
import goasm.runtime.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** run --plot: the timeline the runtime's events make, and the SVG drawn from it. */
class StackPlotTest {
    @TempDir
    Path dir;

    private static StackTimeline run(String example) {
        RunOptions options = new RunOptions(List.of(ProjectPaths.examples().resolve("run").resolve(example).toString()),
                List.of(GoOracle.includeDir().toString()), List.of(), false, false, 1);
        StackTimeline timeline = new StackTimeline();
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Runner runner = new Runner(options, o, o);
            runner.observe(timeline);
            assertThat(runner.run()).isZero();
        }
        return timeline;
    }

    @Test
    void grow1mbDoublesNineTimesAlongTheRun() {
        StackTimeline t = run("grow1mb_amd64.s");
        // main (goroutine 1) and the grower (2); 2 KB doubled nine times is 1 MB.
        assertThat(t.created()).isEqualTo(2);
        assertThat(t.moves()).hasSize(9).allSatisfy(m -> {
            assertThat(m.goid()).isEqualTo(2);
            assertThat(m.newSize()).isEqualTo(2 * m.oldSize());
            assertThat(m.copied()).isPositive().isLessThan(m.oldSize());
        });
        assertThat(t.moves()).extracting(StackTimeline.Move::instructions).isSorted();
        assertThat(t.moves().get(t.moves().size() - 1).instructions()).isLessThanOrEqualTo(t.end());
        StackTimeline.Series grower = t.series().stream().filter(s -> s.goid() == 2).findFirst().orElseThrow();
        assertThat(grower.points()).extracting(StackTimeline.Point::size).containsExactly(2048L, 4096L, 8192L,
                16384L, 32768L, 65536L, 131072L, 262144L, 524288L, 1048576L);
        // Peak of the live stacks: main's and the grower's 1 MB. RunOptions without a release follow
        // the newest, Go 1.27, which starts main on 4 KB (measured with each real Go by
        // src/test/resources/goasm/run/mainstack_amd64.s in DifferentialRunTest).
        assertThat(t.totals()).extracting(StackTimeline.Total::bytes).contains(4096L + 1048576L);
        String svg = StackPlotSvg.render("grow1mb", t);
        assertThat(svg.split("<title>grow goroutine 2", -1)).hasSize(10);
        assertThat(svg).contains(">1 MB</text>", ">2 KB</text>").doesNotContain("<title>shrink");
    }

    @Test
    void shrinkHalvesAtGcs() {
        StackTimeline t = run("shrink_amd64.s");
        // The worker grows to 128 KB (six doublings), then each GC halves it while it uses less than
        // a quarter: 128 → 64 → 32 → 16 → 8 KB, after which it stays.
        assertThat(t.moves().stream().filter(StackTimeline.Move::grew)).hasSize(6);
        List<StackTimeline.Move> shrinks = t.moves().stream().filter(m -> !m.grew()).toList();
        assertThat(shrinks).extracting(StackTimeline.Move::newSize).containsExactly(65536L, 32768L, 16384L, 8192L);
        assertThat(t.gcs()).hasSizeGreaterThanOrEqualTo(shrinks.size());
        // Each shrink happens during a GC: at the instruction count of one of the cycles.
        assertThat(shrinks).allSatisfy(m -> assertThat(t.gcs()).anyMatch(g -> g.instructions() == m.instructions()));
        String svg = StackPlotSvg.render("shrink", t);
        assertThat(svg.split("<title>shrink goroutine 2", -1)).hasSize(5);
        assertThat(svg).contains("<title>GC 1: ");
    }

    @Test
    void manyGoroutinesAreSummarised() {
        // 100,000 goroutines of 2 KB started one per 10 instructions, then all exit: the summary keeps a
        // bounded number of points, peaking at 100,000 live goroutines and 100,000 × 2 KB of stacks.
        StackTimeline t = new StackTimeline();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            long g = 0x1000L + 0x200L * i;
            t.onEvent(new RuntimeEvent.NewProc(i + 1, g, 0, false, new Stack(0x10000L * i, 0x10000L * i + 2048)),
                    10L * i);
        }
        for (int i = 0; i < n; i++) {
            t.onEvent(new RuntimeEvent.GfPut(0x1000L + 0x200L * i, 0, false, 0), 10L * n + i);
        }
        t.onFinish(11L * n);
        assertThat(t.totals()).hasSizeLessThanOrEqualTo(StackTimeline.SUMMARY_POINTS + 1);
        assertThat(t.totals()).extracting(StackTimeline.Total::goroutines).contains((long) n);
        assertThat(t.totals()).extracting(StackTimeline.Total::bytes).contains(2048L * n);
        assertThat(t.totals().get(t.totals().size() - 1).goroutines()).isZero();
        assertThat(t.series()).hasSize(StackTimeline.FIRST_KEPT);
        String svg = StackPlotSvg.render("many", t);
        assertThat(svg.split("<path d=", -1).length - 1).as("12 goroutine lines + 2 summary lines")
                .isEqualTo(StackPlotSvg.DRAWN + 2);
        assertThat(svg).contains("12 of 100000 goroutines, no stack grew or shrank").hasSizeLessThan(200_000);
    }

    @Test
    void plotFileRendersInChromium() throws Exception {
        Path svg = dir.resolve("grow.svg");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"run", "--plot", svg.toString(), "-I", GoOracle.includeDir().toString(),
                        ProjectPaths.examples().resolve("run/grow1mb_amd64.s").toString()}, Path.of(""), Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString()).isZero();
        assertThat(Files.readString(svg)).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        goasm.explain.Chromium.assertRendersNotBlank(svg, dir, 960, 660);
    }
}
