package goasm.corpus;

import goasm.cli.Main;
import goasm.conformance.GoOracle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times assembling the corpus's assembly runs (tools/corpus/bench.sh), each with the arguments
 * go build gave it (no -S). goasm writes no object file yet, Go does; that is part of Go's time.
 *
 * <pre>
 * usage: CorpusBench CORPUS_DIR MODE [--passes N] [--jar GOASM_JAR] [--csv FILE]
 *   go       Go's assembler, one process per case
 *   inproc   goasm in this JVM: a cold pass, then N warm passes
 *   process  goasm, one JVM per case (the jar run as bin/goasm runs it)
 * </pre>
 *
 * Prints the sum of the per-case times, the loop's wall time and per-case figures; --csv
 * writes one line per case (name, nanoseconds per pass).
 */
public final class CorpusBench {
    private CorpusBench() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length < 2) {
            System.err.println("usage: CorpusBench CORPUS_DIR go|inproc|process [--passes N] [--jar JAR] [--csv FILE]");
            System.exit(2);
        }
        Path corpus = Path.of(argv[0]).toAbsolutePath();
        String mode = argv[1];
        int passes = 3;
        Path jar = null;
        Path csv = null;
        for (int i = 2; i + 1 < argv.length; i += 2) {
            switch (argv[i]) {
                case "--passes" -> passes = Integer.parseInt(argv[i + 1]);
                case "--jar" -> jar = Path.of(argv[i + 1]);
                case "--csv" -> csv = Path.of(argv[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        GoOracle.Toolchain go = GoOracle.of(CorpusCheck.releaseOf(corpus));
        List<CorpusCase> cases = CorpusCase.readAll(corpus).stream()
                .filter(c -> c.kind() == CorpusCase.Kind.ASM).toList();
        Path outDir = Files.createTempDirectory("goasm-bench-out");
        Path goasmJar = jarOrDefault(jar);
        try {
            long[][] times = switch (mode) {
                case "go" -> timePasses(cases, passes, c -> runProcess(goCommand(go, c, outDir), c, go));
                case "process" -> timePasses(cases, passes, c -> runProcess(goasmCommand(c, outDir, goasmJar), c, go));
                case "inproc" -> timeInProcess(cases, passes, outDir, go);
                default -> throw new IllegalArgumentException("mode must be go, inproc or process: " + mode);
            };
            if (csv != null) {
                writeCsv(csv, cases, times);
            }
        } finally {
            CorpusCheck.deleteTree(outDir);
        }
    }

    private interface Run {
        void run(CorpusCase c) throws Exception;
    }

    /** times[pass][case] in nanoseconds; prints each pass's sum and wall time. */
    private static long[][] timePasses(List<CorpusCase> cases, int passes, Run run) throws Exception {
        long[][] times = new long[passes][cases.size()];
        for (int pass = 0; pass < passes; pass++) {
            long wallStart = System.nanoTime();
            for (int i = 0; i < cases.size(); i++) {
                long start = System.nanoTime();
                run.run(cases.get(i));
                times[pass][i] = System.nanoTime() - start;
            }
            long wall = System.nanoTime() - wallStart;
            report("pass " + (pass + 1), cases, times[pass], wall);
        }
        return times;
    }

    private static long[][] timeInProcess(List<CorpusCase> cases, int warmPasses, Path outDir, GoOracle.Toolchain go)
            throws Exception {
        long[][] times = timePasses(cases, 1 + warmPasses, c -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<String> args = new ArrayList<>(List.of("asm"));
            args.addAll(c.argsTemplate().stream().map(a -> fill(a, c, outDir)).toList());
            int status;
            try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, false, StandardCharsets.UTF_8)) {
                status = Main.run(args.toArray(String[]::new), c.cwd(), environment(c, go), o, e);
            }
            checkStatus(c, status, err.toString(StandardCharsets.UTF_8));
        });
        System.out.println("(pass 1 is cold: a fresh JVM; later passes are warm)");
        return times;
    }

    /** The case's recorded environment, with goasm following the release that recorded it. */
    private static java.util.Map<String, String> environment(CorpusCase c, GoOracle.Toolchain go) {
        java.util.Map<String, String> env = new java.util.HashMap<>(c.env());
        env.put("GOASM_GO", go.release().line());
        return env;
    }

    private static List<String> goCommand(GoOracle.Toolchain go, CorpusCase c, Path outDir) {
        List<String> command = new ArrayList<>(List.of(go.asmTool().toString()));
        command.addAll(c.argsTemplate().stream().map(a -> fill(a, c, outDir)).toList());
        return command;
    }

    private static List<String> goasmCommand(CorpusCase c, Path outDir, Path jar) {
        // The JVM and flags of bin/goasm.
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar.toString(), "asm"));
        command.addAll(c.argsTemplate().stream().map(a -> fill(a, c, outDir)).toList());
        return command;
    }

    private static Path jarOrDefault(Path jar) {
        if (jar != null) {
            return jar;
        }
        String build = System.getProperty("goasm.buildDir", "target");
        return Path.of(build, "goasm.jar");
    }

    private static String fill(String arg, CorpusCase c, Path outDir) {
        return arg.replace(CorpusCase.CASE_DIR, c.dir().toString()).replace(CorpusCase.OUT_DIR, outDir.toString());
    }

    private static void runProcess(List<String> command, CorpusCase c, GoOracle.Toolchain go)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(c.cwd().toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().keySet().removeIf(k -> k.startsWith("GO"));
        builder.environment().put("GOROOT", go.goRoot().toString());
        builder.environment().putAll(environment(c, go));
        Process p = builder.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        checkStatus(c, p.waitFor(), err);
    }

    /** A failing run would time an error path, not assembly; say so rather than report a figure. */
    private static void checkStatus(CorpusCase c, int status, String stderr) {
        if (status != 0) {
            System.out.println("  note: " + c.name() + " exits " + status + ": " + stderr.lines().findFirst().orElse(""));
        }
    }

    private static void report(String label, List<CorpusCase> cases, long[] nanos, long wall) {
        long sum = Arrays.stream(nanos).sum();
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: %d cases, sum %.3f s, loop wall %.3f s, per case median %.2f ms, max %.2f ms (%s)%n",
                label, cases.size(), sum / 1e9, wall / 1e9, sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length - 1] / 1e6, cases.get(indexOf(nanos, sorted[sorted.length - 1])).name());
    }

    private static int indexOf(long[] values, long value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return 0;
    }

    private static void writeCsv(Path csv, List<CorpusCase> cases, long[][] times) throws IOException {
        StringBuilder text = new StringBuilder("case");
        for (int pass = 0; pass < times.length; pass++) {
            text.append(",pass").append(pass + 1).append("_ns");
        }
        text.append('\n');
        for (int i = 0; i < cases.size(); i++) {
            text.append(cases.get(i).name());
            for (long[] pass : times) {
                text.append(',').append(pass[i]);
            }
            text.append('\n');
        }
        Files.writeString(csv, text);
    }
}
