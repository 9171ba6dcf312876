import goasm.cli.Main;
import goasm.cli.Signals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Assembles one file over and over in one JVM, as the resident server does, and prints the
 * median wall and thread CPU time of the second half of the runs.
 *   java WarmLoop RELEASE INPUT RUNS
 */
public class WarmLoop {
    public static void main(String[] a) throws Exception {
        String release = a[0];
        Path input = Path.of(a[1]).toAbsolutePath();
        int runs = Integer.parseInt(a[2]);
        Path dir = Files.createTempDirectory("warm-loop");
        String[] args = {"asm", "-p", "x", "-I", "/usr/lib/go-" + release + "/pkg/include",
                "-o", dir.resolve("x.o").toString(), input.toString()};
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GOASM_GO", release);
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // The server's request threads reserve the same deep stack.
        Thread worker = new Thread(null, () -> {
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                long startCpu = threads.getCurrentThreadCpuTime();
                int status = Main.runOnThisThread(args, dir, env, discard, System.err, false, Signals.PROCESS);
                cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
                wall[i] = System.nanoTime() - start;
                if (status != 0) {
                    throw new IllegalStateException("exit status " + status);
                }
            }
        }, "warm-loop", 1L << 30);
        worker.start();
        worker.join();
        System.out.printf("%s %s: median of the last %d runs: wall %.2f ms, thread CPU %.2f ms%n",
                release, input.getFileName(), runs - runs / 2, median(wall, runs / 2), median(cpu, runs / 2));
    }

    private static double median(long[] nanos, int from) {
        long[] tail = Arrays.copyOfRange(nanos, from, nanos.length);
        Arrays.sort(tail);
        return tail[tail.length / 2] / 1e6;
    }
}
