package goasm.run;

import goasm.conformance.RunResult;
import goasm.release.GoRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults, traps and the nil call, for each release: every program under
 * src/test/resources/goasm/run/faults is built with that real Go release and run natively, then
 * run with `goasm run` following the same release. Compared: the exit status, stdout, the report's
 * head (the panic, fault and signal lines, sigcode, SIGILL's instruction bytes) and the faulting
 * goroutine's whole traceback block (function names, files, lines, +offsets, including the
 * release's wrapper, runtime.main and runtime.goexit frames), and for a fatal signal the register
 * names. Normalised, and why:
 * <ul>
 *   <li>addresses of four hex digits or more (fault addresses in rodata and text, pc, fp, sp, gp,
 *       mp): Go's runtime occupies the text and data below and around the program, and its
 *       stacks live elsewhere; short values (addr=0x0, code=0x2, +0x24, instruction bytes) are compared;</li>
 *   <li>the path of the program's file (Go builds a copy, prog_amd64.s);</li>
 *   <li>Go's runtime.throw and runtime.sigpanic frames above the faulting frame: goasm's runtime
 *       throws outside the guest, so it has no such frames;</li>
 *   <li>the other goroutines' blocks: Go's runtime starts its own (forcegc, bgsweep, scavenger),
 *       these programs start none; goasm must print none;</li>
 *   <li>register values (Go's runtime leaves its own values in them).</li>
 * </ul>
 */
class FaultReportTest {
    private static final Path PROGRAMS = Path.of("src/test/resources/goasm/run/faults");

    static Stream<Arguments> programs() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(PROGRAMS)) {
            files.filter(p -> p.toString().endsWith(".s")).sorted().forEach(all::add);
        }
        return GoRelease.all().stream().flatMap(r -> all.stream().map(p -> Arguments.of(r, p)));
    }

    /** Blank-line separated blocks of stderr. */
    static List<List<String>> blocks(String stderr) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : stderr.split("\n", -1)) {
            if (line.isEmpty()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                }
                block = new ArrayList<>();
            } else {
                block.add(line);
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        return blocks;
    }

    static String masked(String line) {
        // The program's file, not the runtime's asm_amd64.s under GOROOT.
        return line.replaceAll("\t/(?!\\S*/src/runtime/)\\S*_amd64\\.s:", "\tfile.s:").replaceAll("0x[0-9a-f]{4,}", "0x?");
    }

    /** A traceback block without Go's runtime.throw and runtime.sigpanic frames (function line and position line). */
    static List<String> withoutThrowFrames(List<String> block) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < block.size(); i++) {
            String line = block.get(i);
            if (line.startsWith("runtime.throw(") || line.startsWith("runtime.sigpanic(")) {
                i++;
                continue;
            }
            out.add(masked(line));
        }
        return out;
    }

    /** What is compared of a fault report: head, goroutine 1's block, and register names if any. */
    static List<String> comparable(String stderr) {
        List<List<String>> blocks = blocks(stderr);
        List<String> out = new ArrayList<>();
        blocks.get(0).stream().map(FaultReportTest::masked).forEach(out::add);
        for (List<String> b : blocks) {
            if (b.get(0).startsWith("goroutine 1 ")) {
                out.add("");
                out.addAll(withoutThrowFrames(b));
            }
        }
        List<String> last = blocks.get(blocks.size() - 1);
        if (last.get(0).startsWith("rax ")) {
            out.add("");
            last.stream().map(l -> l.split(" +")[0]).forEach(out::add);
        }
        return out;
    }

    /**
     * Programs whose runtime throws in newstack: "runtime stack:", then every goroutine at level 2.
     * The depth of the overflow and of the frame whose missing stack map is met are compared
     * exactly (every frame, the elided count): main.main starts on the release's stack size.
     */
    static Stream<Path> throwingPrograms() {
        return Stream.of(goasm.conformance.ProjectPaths.examples().resolve("run/overflow_amd64.s"),
                Path.of("src/test/resources/goasm/run/missingstackmap_amd64.s"));
    }

    /**
     * What is compared of a throw in newstack: the head (the runtime's lines, addresses masked:
     * DifferentialRunTest compares the overflow's sp relative to the stack), "runtime stack:" with
     * its runtime.morestack frame only (Go's runtime.throw, newstack, copystack, adjustframe,
     * getStackMap, gentraceback run inside goasm's emulated runtime, which has no guest frames for
     * them), goroutine 1's block with the frames' arguments masked (Go prints them from the Go
     * declaration, which goasm run does not see) and the elided-frames line exact.
     */
    static List<String> throwComparable(String stderr) {
        List<List<String>> blocks = blocks(stderr);
        List<String> out = new ArrayList<>();
        blocks.get(0).stream().map(FaultReportTest::masked).forEach(out::add);
        for (List<String> b : blocks) {
            if (b.get(0).equals("runtime stack:")) {
                out.add("");
                out.add(b.get(0));
                for (int i = 1; i + 1 < b.size(); i += 2) {
                    if (b.get(i).startsWith("runtime.morestack(")) {
                        out.add(b.get(i));
                        out.add(masked(b.get(i + 1)));
                    }
                }
            } else if (b.get(0).startsWith("goroutine 1 ")) {
                out.add("");
                b.stream().map(FaultReportTest::masked).map(l -> l.replaceAll("^(main\\.\\w+)\\(.*\\)$", "$1(...)"))
                        .forEach(out::add);
            }
        }
        return out;
    }

    static Stream<Arguments> throwingRuns() {
        return GoRelease.all().stream().flatMap(r -> throwingPrograms().map(p -> Arguments.of(r, p)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("throwingRuns")
    void aThrowInNewstackIsReportedAsGoReportsIt(GoRelease release, Path program) {
        RunResult go = GoBuild.buildAndRun(program, release);
        RunResult goasm = DifferentialRunTest.goasmRun(program, release);
        assertThat(goasm.status()).isEqualTo(go.status()).isEqualTo(2);
        List<String> expected = throwComparable(go.stderr());
        List<String> actual = throwComparable(goasm.stderr());
        assertThat(String.join("\n", actual)).as("%s under Go %s", program, release.line())
                .isEqualTo(String.join("\n", expected));
        assertThat(goasm.stderr()).contains("\nruntime stack:\nruntime.morestack()\n");
    }

    @Test
    void theComparisonKeepsShortValuesAndDropsGosThrowFrames() {
        // Hand-made report in Go 1.19's shape.
        String go = """
                unexpected fault address 0x47b848
                fatal error: fault
                [signal SIGSEGV: segmentation violation code=0x2 addr=0x47b848 pc=0x457c60]

                goroutine 1 [running]:
                runtime.throw({0x464880?, 0x404bf8?})
                \t/usr/lib/go-1.19/src/runtime/panic.go:1047 +0x5d fp=0xc000038720 sp=0xc0000386f0 pc=0x42d93d
                main.main()
                \t/tmp/x/prog_amd64.s:5 +0x24 fp=0xc000038778 sp=0xc000038770 pc=0x457c60

                goroutine 2 [force gc (idle)]:
                runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
                """;
        assertThat(comparable(go)).containsExactly("unexpected fault address 0x?", "fatal error: fault",
                "[signal SIGSEGV: segmentation violation code=0x2 addr=0x? pc=0x?]", "", "goroutine 1 [running]:",
                "main.main()", "\tfile.s:5 +0x24 fp=0x? sp=0x? pc=0x?");
        assertThat(comparable(go.replace("code=0x2", "code=0x1"))).isNotEqualTo(comparable(go));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("programs")
    void reportedAsGoReportsIt(GoRelease release, Path program) {
        RunResult go = GoBuild.buildAndRun(program, release);
        RunResult goasm = DifferentialRunTest.goasmRun(program, release);
        assertThat(goasm.status()).as("exit status of %s under Go %s", program, release.line()).isEqualTo(go.status())
                .isEqualTo(2);
        assertThat(goasm.stdout()).isEqualTo(go.stdout());
        assertThat(String.join("\n", comparable(goasm.stderr()))).as("%s under Go %s:%n%s", program, release.line(),
                goasm.stderr()).isEqualTo(String.join("\n", comparable(go.stderr())));
        // goasm starts no goroutines of its own: only the program's, then (for a signal) the registers.
        long goroutines = blocks(goasm.stderr()).stream().filter(b -> b.get(0).startsWith("goroutine ")).count();
        assertThat(goroutines).isEqualTo(1);
        assertThat(Arrays.asList(goasm.stderr().split("\n"))).noneMatch(l -> l.contains("?:0"));
    }
}
