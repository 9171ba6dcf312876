package goasm.conformance;

import goasm.release.GoRelease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One `asm` command line run twice in the same directory, prepared the same way each time:
 * first by the release's own asm binary, then by goasm (in-process). The two runs are then
 * compared on everything a build could notice: exit status, stdout, stderr, and the directory
 * afterwards (which files exist, their bytes, where links point).
 *
 * <p>Two differences are goasm's by design and not reported (see docs/CONFORMANCE.md): after a
 * failure goasm leaves no output file, where Go leaves the empty file it had created when an
 * error ends its run at once; and when -o is a symbolic link and the assembly fails, Go has
 * written the failed object into the link's target, where goasm leaves the target empty.
 */
public final class SideBySide {
    /** How long goasm may take on one input before the run counts as a hang. */
    private static final long HANG_SECONDS = 60;

    private SideBySide() {
    }

    /** What is in the directory after a run: per relative path, its kind and content. */
    record Entry(String kind, byte[] content) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.kind.equals(kind) && Arrays.equals(e.content, content);
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return kind + (content == null ? "" : " (" + content.length + " bytes)");
        }
    }

    /** The two runs and what differs between them (empty: goasm did as Go did). */
    public record Comparison(RunResult go, RunResult goasm, List<String> differences, List<String> documented) {
        public boolean same() {
            return differences.isEmpty();
        }

        /** Go itself crashed (a panic, or a fatal error such as running out of memory): no behaviour to copy. */
        public boolean goPanicked() {
            String err = go.stderr();
            return go.status() == 2 && (err.contains("\npanic: ") || err.startsWith("panic: ")
                    || err.contains("\nfatal error: ") || err.startsWith("fatal error: "));
        }

        public boolean goasmHung() {
            return goasm.status() == HUNG;
        }

        public boolean javaTrace() {
            String all = goasm.stdout() + goasm.stderr();
            return all.contains("Exception") || all.contains("\tat ") || all.contains("internal error")
                    || goasm.status() == Goasm.ESCAPED_EXCEPTION;
        }

        public String describe() {
            return String.join("\n", differences) + "\n--- go (status " + go.status() + "):\n" + go.stderrHead(8)
                    + "--- goasm (status " + goasm.status() + "):\n" + goasm.stderrHead(8);
        }
    }

    /** goasm's status in a {@link Comparison} when it did not finish in time. */
    public static final int HUNG = Integer.MIN_VALUE + 1;

    /**
     * Prepares {@code dir} with {@code setup} (after emptying it), runs Go's asm of {@code release}
     * there with {@code args}, snapshots the directory, prepares it again, runs goasm, and compares.
     */
    public static Comparison run(GoRelease release, Path dir, Consumer<Path> setup, List<String> args) {
        reset(dir, setup);
        Map<String, Entry> before = snapshot(dir);
        RunResult go = GoOracle.of(release).asm(args, dir, Map.of());
        Map<String, Entry> afterGo = snapshot(dir);
        reset(dir, setup);
        RunResult goasm = goasmWithin(release, args, dir);
        Map<String, Entry> afterGoasm = snapshot(dir);

        List<String> differences = new ArrayList<>();
        List<String> documented = new ArrayList<>();
        if (go.status() != goasm.status()) {
            differences.add("exit status: go " + go.status() + ", goasm " + goasm.status());
        }
        String stdout = TextDiff.firstDifference("go stdout", go.stdoutBytesAsText(), "goasm stdout",
                goasm.stdoutBytesAsText());
        if (stdout != null) {
            differences.add(stdout);
        }
        String stderr = TextDiff.firstDifference("go stderr", go.stderrBytesAsText(), "goasm stderr",
                goasm.stderrBytesAsText());
        if (stderr != null) {
            differences.add(stderr);
        }
        for (String name : union(afterGo, afterGoasm)) {
            Entry g = afterGo.get(name);
            Entry a = afterGoasm.get(name);
            if (g == null ? a == null : g.equals(a)) {
                continue;
            }
            boolean goLeftEmptyOutput = a == null && g != null && g.kind.equals("file") && g.content.length == 0
                    && goasm.status() != 0;
            boolean linkTargetLeftEmpty = goasm.status() != 0 && go.status() != 0 && a != null
                    && a.kind.equals("file") && a.content.length == 0
                    && before.values().stream().anyMatch(e -> e.kind.equals("link to " + name));
            if (goLeftEmptyOutput || linkTargetLeftEmpty) {
                documented.add((goLeftEmptyOutput ? "go left an empty " : "go wrote a failed object into ") + name);
            } else {
                differences.add("file " + name + ": after go " + (g == null ? "absent" : g) + ", after goasm "
                        + (a == null ? "absent" : a));
            }
        }
        return new Comparison(go, goasm, differences, documented);
    }

    private static List<String> union(Map<String, Entry> a, Map<String, Entry> b) {
        TreeMap<String, Boolean> names = new TreeMap<>();
        a.keySet().forEach(k -> names.put(k, true));
        b.keySet().forEach(k -> names.put(k, true));
        return List.copyOf(names.keySet());
    }

    /** goasm in-process on a thread of its own, given {@link #HANG_SECONDS} to finish. */
    private static RunResult goasmWithin(GoRelease release, List<String> args, Path dir) {
        ExecutorService single = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "goasm-side-by-side");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<RunResult> run = single.submit(() -> Goasm.asm(release, args, dir, Map.of()));
            return run.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new RunResult(HUNG, new byte[0], ("goasm did not finish in " + HANG_SECONDS + " s\n").getBytes());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            single.shutdownNow();
        }
    }

    private static void reset(Path dir, Consumer<Path> setup) {
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        setup.accept(dir);
    }

    private static Map<String, Entry> snapshot(Path dir) {
        Map<String, Entry> entries = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                if (p.equals(dir)) {
                    continue;
                }
                String name = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    entries.put(name, new Entry("link to " + Files.readSymbolicLink(p), null));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(name, new Entry("directory", null));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(name, new Entry("file", Files.readAllBytes(p)));
                } else {
                    entries.put(name, new Entry("special", null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
