import goasm.cli.Main;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Times `asm -o /dev/null` (and, with "explain", `explain --json`) in one JVM over the given
 * files: warm-up passes, then the median of the timed passes, per pass over all files.
 * Usage: java -cp CLASSES:. Overhead MODE INCLUDE_DIR WARMUP PASSES FILE...
 */
public final class Overhead {
    public static void main(String[] args) {
        String mode = args[0];
        String include = args[1];
        int warmup = Integer.parseInt(args[2]);
        int passes = Integer.parseInt(args[3]);
        List<String> files = Arrays.asList(args).subList(4, args.length);
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        Map<String, String> env = Map.of("GOASM_GO", "1.27");
        long[] times = new long[passes];
        for (int pass = -warmup; pass < passes; pass++) {
            long start = System.nanoTime();
            for (String f : files) {
                List<String> a = new ArrayList<>(mode.equals("explain")
                        ? List.of("explain", "--json", "-p", "main", "-I", include, f)
                        : List.of("asm", "-p", "main", "-I", include, "-o", "/dev/null", f));
                int status = Main.run(a.toArray(String[]::new), Path.of(""), env, sink, sink);
                if (status != 0) {
                    throw new IllegalStateException(mode + " " + f + ": status " + status);
                }
            }
            if (pass >= 0) {
                times[pass] = System.nanoTime() - start;
            }
        }
        Arrays.sort(times);
        System.out.printf("%s: %d files, median of %d passes %.2f ms (min %.2f, max %.2f)%n", mode, files.size(),
                passes, times[passes / 2] / 1e6, times[0] / 1e6, times[passes - 1] / 1e6);
    }
}
