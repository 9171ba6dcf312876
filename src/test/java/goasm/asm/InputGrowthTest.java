package goasm.asm;

import goasm.conformance.Goasm;
import goasm.conformance.RunResult;
import goasm.release.GoRelease;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Growth properties: for each shape of input that can be made large (long numbers, many DATA
 * lines, instructions, labels, macros, ...), quadrupling the input must cost at most 8 times
 * the time (linear is 4), never the 16 times of a quadratic path. Go's assembler is
 * linear in all of these; a quadratic path in goasm turns a 0.25 s Go build into minutes.
 *
 * <p>Robust on a loaded machine: time is this process's CPU time (other processes' load does
 * not count), the JIT is warmed first, each size is timed three times alternately, and the
 * fastest time of each is compared (a ratio, never an absolute time).
 */
class InputGrowthTest {
    @TempDir
    Path work;

    /** A shape of input: its source for a size n, and the base size (big enough to time, small enough to be quick). */
    record Shape(String name, int base, IntFunction<String> source, List<String> extraFlags) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String repeat(int n, IntFunction<String> line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(line.apply(i));
        }
        return sb.toString();
    }

    static List<Shape> shapes() {
        return List.of(
                new Shape("decimal immediate digits", 100_000,
                        n -> "TEXT ·f(SB),0,$0\n\tMOVQ $" + "9".repeat(n) + ", AX\n\tRET\n", List.of()),
                new Shape("hex immediate digits", 100_000,
                        n -> "TEXT ·f(SB),0,$0\n\tMOVQ $0x" + "f".repeat(n) + ", AX\n\tRET\n", List.of()),
                new Shape("DATA lines", 5_000, n -> repeat(n, i -> "DATA ·s+" + (8 * i) + "(SB)/8, $" + i + "\n")
                        + "GLOBL ·s(SB),0,$" + (8 * n) + "\n", List.of()),
                new Shape("instructions in one function", 5_000,
                        n -> "TEXT ·f(SB),0,$0\n" + repeat(n, i -> "\tADDQ $" + i + ", AX\n") + "\tRET\n", List.of()),
                new Shape("functions", 800,
                        n -> repeat(n, i -> "TEXT ·f" + i + "(SB),0,$16-8\n\tMOVQ $1, AX\n\tRET\n"), List.of()),
                new Shape("labels and jumps", 8_000, n -> "TEXT ·f(SB),0,$0\n"
                        + repeat(n, i -> "l" + i + ":\n\tJMP l" + (i + 1) + "\n\tJEQ l0\n") + "l" + n + ":\n\tRET\n", List.of()),
                new Shape("macro uses", 5_000, n -> "#define ADD(x) ADDQ $x, AX\nTEXT ·f(SB),0,$0\n"
                        + repeat(n, i -> "\tADD(" + i + ")\n") + "\tRET\n", List.of()),
                new Shape("macro definitions", 5_000, n -> repeat(n, i -> "#define M" + i + " " + i + "\n")
                        + "TEXT ·f(SB),0,$0\n\tRET\n", List.of()),
                new Shape("#ifdef blocks", 5_000, n -> "TEXT ·f(SB),0,$0\n"
                        + repeat(n, i -> "#ifdef X\n\tNOP\n#else\n\tNOP\n#endif\n") + "\tRET\n", List.of()),
                new Shape("GLOBL symbols", 2_500, n -> repeat(n, i -> "GLOBL ·g" + i + "(SB),0,$8\n"), List.of()),
                new Shape("operands on one line", 20_000,
                        n -> "TEXT ·f(SB),0,$0\n\tMOVQ " + "AX, ".repeat(n) + "AX\n\tRET\n", List.of()),
                new Shape("string literal length", 100_000,
                        n -> "DATA ·s+0(SB)/8, $\"" + "a".repeat(n) + "\"\nGLOBL ·s(SB),0,$8\n", List.of()),
                new Shape("nested parentheses", 25_000,
                        n -> "TEXT ·f(SB),0,$0\n\tMOVQ $" + "(".repeat(n) + "1" + ")".repeat(n) + ", AX\n\tRET\n",
                        List.of()),
                new Shape("comment length", 250_000, n -> "// " + "x".repeat(n) + "\n/* " + "y".repeat(n) + " */\n"
                        + "TEXT ·f(SB),0,$0\n\tRET\n", List.of()),
                new Shape("errors reported with -e", 2_500,
                        n -> "TEXT ·f(SB),0,$0\n" + repeat(n, i -> "\tMOVQ $1, $2\n") + "\tRET\n", List.of("-e")),
                new Shape("listing with -S", 2_500,
                        n -> "TEXT ·f(SB),0,$0\n" + repeat(n, i -> "\tMOVQ " + i + "(SP), AX\n") + "\tRET\n",
                        List.of("-S")));
    }

    /** 2.5 per doubling, for two doublings. */
    /**
     * Halfway, geometrically, between linear (4) and quadratic (16): process CPU time includes the
     * collector's and the JIT's threads, whose share grows with the input, so a linear path
     * measured 6.5-6.8 on a loaded machine; a quadratic path still lands far above.
     */
    private static final double MAX_RATIO_FOR_4X = 8.0;

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void quadruplingTheInputAtMostAboutQuadruplesTheTime(Shape shape) throws IOException {
        Path small = write("small.s", shape.source().apply(shape.base()));
        Path large = write("large.s", shape.source().apply(4 * shape.base()));
        assemble(shape, small);
        long bestSmall = Long.MAX_VALUE;
        long bestLarge = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            bestSmall = Math.min(bestSmall, measure(shape, small));
            bestLarge = Math.min(bestLarge, measure(shape, large));
        }
        double ratio = (double) bestLarge / bestSmall;
        assertThat(ratio).as("%s: %d ms for n=%d, %d ms for 4n (ratio %.1f; linear is 4, quadratic 16)", shape.name(),
                bestSmall / 1_000_000, shape.base(), bestLarge / 1_000_000, ratio).isLessThanOrEqualTo(MAX_RATIO_FOR_4X);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** A run short enough for the CPU clock's granularity to matter is repeated until this much CPU time has passed. */
    private static final long MIN_MEASURED_NANOS = 40_000_000;

    /** CPU nanoseconds per run of goasm on the file, averaged over enough runs to measure. */
    private long measure(Shape shape, Path file) {
        long total = 0;
        int runs = 0;
        while (total < MIN_MEASURED_NANOS) {
            total += assemble(shape, file);
            runs++;
        }
        return total / runs;
    }

    /** CPU nanoseconds goasm takes on the file (in-process, so the JIT stays warm). */
    private long assemble(Shape shape, Path file) {
        List<String> args = new java.util.ArrayList<>(List.of("-p", "main", "-o", work.resolve("out.o").toString()));
        args.addAll(shape.extraFlags());
        args.add(file.toString());
        long start = OS.getProcessCpuTime();
        RunResult r = Goasm.asm(GoRelease.NEWEST, args, work, Map.of());
        long elapsed = OS.getProcessCpuTime() - start;
        assertThat(r.status()).as("%s: goasm must not crash: %s", shape.name(), r.stderrHead(3)).isIn(0, 1);
        return elapsed;
    }
}
