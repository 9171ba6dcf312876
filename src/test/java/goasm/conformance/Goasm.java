package goasm.conformance;

import goasm.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs goasm's command line in-process, the way a test compares it with Go. */
public final class Goasm {
    /** Marks an exception that escaped Main.run; the status a process could never return. */
    public static final int ESCAPED_EXCEPTION = Integer.MIN_VALUE;

    private Goasm() {
    }

    /**
     * {@code -Dgoasm.test.via=client} runs every {@link #asm} through the path users take: the
     * native client and the resident server (goasm.server.ServerFixture), instead of in-process.
     */
    public static final String VIA_PROPERTY = "goasm.test.via";
    public static final String VIA_CLIENT = "client";

    /**
     * `goasm asm args...`. An exception that
     * escapes is caught and written to stderr with its stack trace (so "no stack trace"
     * checks see it), with status {@link #ESCAPED_EXCEPTION}.
     */
    public static RunResult asm(List<String> args) {
        return asm(args, Path.of(""));
    }

    /** As {@link #asm(List)}, as if started in {@code workingDir}. */
    public static RunResult asm(List<String> args, Path workingDir) {
        return asm(args, workingDir, Map.of());
    }

    /** `goasm asm args...` following {@code release} (GOASM_GO), otherwise as {@link #asm(List, Path, Map)}. */
    public static RunResult asm(goasm.release.GoRelease release, List<String> args, Path workingDir,
                                Map<String, String> env) {
        Map<String, String> withRelease = new java.util.HashMap<>(env);
        withRelease.put("GOASM_GO", release.line());
        return asm(args, workingDir, withRelease);
    }

    /** As {@link #asm(List, Path)}, with {@code env} as the environment (GOOS, GOARCH, ...). */
    public static RunResult asm(List<String> args, Path workingDir, Map<String, String> env) {
        if (!env.containsKey("GOASM_GO")) {
            // The oracle these tests compare with is Go 1.19.
            env = new java.util.HashMap<>(env);
            env.put("GOASM_GO", "1.19");
        }
        String[] argv = new String[args.size() + 1];
        argv[0] = "asm";
        for (int i = 0; i < args.size(); i++) {
            argv[i + 1] = args.get(i);
        }
        if (VIA_CLIENT.equals(System.getProperty(VIA_PROPERTY))) {
            try {
                return goasm.server.ServerFixture.shared().viaClient(List.of(argv), workingDir, env);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            try {
                status = Main.run(argv, workingDir, env, outStream, errStream);
            } catch (RuntimeException | Error e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                errStream.print("(escaped from Main.run) " + trace);
                status = ESCAPED_EXCEPTION;
            }
        }
        return new RunResult(status, out.toByteArray(), err.toByteArray());
    }
}
