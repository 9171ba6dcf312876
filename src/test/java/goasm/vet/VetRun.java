package goasm.vet;

import goasm.conformance.GoOracle;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs goasm vet in-process, and the real go vet of a release, on a package directory. */
record VetRun(int status, String out, String err) {

    /**
     * The output with each analyzer's lines kept in order but the analyzers' blocks in a fixed
     * order: from 1.26 go vet prints asmdecl's and framepointer's findings in either order.
     */
    String errByAnalyzer() {
        List<String> lines = err.lines().toList();
        List<String> sorted = new java.util.ArrayList<>();
        lines.stream().filter(l -> l.startsWith("#")).forEach(sorted::add);
        lines.stream().filter(l -> !l.startsWith("#") && l.contains(": [amd64] ")).forEach(sorted::add);
        lines.stream().filter(l -> !l.startsWith("#") && !l.contains(": [amd64] ")).forEach(sorted::add);
        return String.join("\n", sorted);
    }

    /** goasm vet following {@code release}, started in {@code dir}. */
    static VetRun goasm(GoRelease release, Path dir, String... args) {
        boolean json = List.of(args).contains("-json");
        boolean verbose = List.of(args).contains("-v");
        List<String> patterns = Stream.of(args).filter(a -> !a.startsWith("-")).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Vet.Options options = new Vet.Options(patterns, json, verbose, true, dir, Map.of(),
                ReleaseProfile.reference(release));
        int status = new Vet(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run();
        return new VetRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The release's own {@code go vet} with asmdecl (and framepointer where the release has it),
     * started in {@code dir} (a module), with a build cache of its own under {@code scratch}.
     */
    static VetRun go(GoRelease release, Path dir, Path scratch, String... extra) {
        GoOracle.Toolchain go = GoOracle.of(release);
        List<String> command = new java.util.ArrayList<>(List.of(go.goCommand().toString(), "vet", "-asmdecl"));
        if (ReleaseProfile.reference(release).vet().framePointer() != goasm.release.VetRules.FramePointer.ABSENT) {
            command.add("-framepointer");
        }
        command.addAll(List.of(extra));
        command.add(".");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GO") || k.equals("CGO_ENABLED"));
        // One build cache per release for the whole test run: vet results are keyed by the files'
        // paths and contents, so only the compiled standard library is reused.
        env.put("GOCACHE", goasm.conformance.ProjectPaths.buildDir().resolve("go-vet-cache")
                .resolve(release.line()).toString());
        env.put("GOPATH", scratch.resolve("gopath").toString());
        env.put("GOTOOLCHAIN", "local");
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOPROXY", "off");
        try {
            Path outFile = scratch.resolve("go-vet.out");
            Path errFile = scratch.resolve("go-vet.err");
            pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
            int status = pb.start().waitFor();
            return new VetRun(status, Files.readString(outFile), Files.readString(errFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Copies the named files of {@code from} (all of its files when none are named) into
     * {@code to}, with a go.mod for module {@code module}.
     */
    static void module(Path from, Path to, String module, String... only) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (only.length == 0 || List.of(only).contains(f.getFileName().toString())) {
                        Files.copy(f, to.resolve(f.getFileName()));
                    }
                }
            }
            Files.writeString(to.resolve("go.mod"), "module " + module + "\n\ngo 1.15\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
