package goasm.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a server in the background: the same java and classes as this JVM, detached from the
 * terminal (its own session, so Ctrl-C there does not reach it) and from the caller's standard
 * streams (go build waits for those to close), writing its log next to its socket.
 */
public final class Launcher {
    private Launcher() {
    }

    /** The JVM options the server starts with: the compilers it needs for long `goasm run`s, a small heap to start. */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xss8m"));
        String include = System.getProperty("goasm.include");
        if (include != null) {
            options.add("-Dgoasm.include=" + include);
        }
        String aotCache = System.getProperty("goasm.aotCache");
        if (aotCache != null && Files.isRegularFile(Path.of(aotCache))) {
            options.add("-XX:AOTCache=" + aotCache);
            // A cache the JVM cannot use costs time only, never a line of output.
            options.add("-Xlog:aot=off");
            options.add("-Xlog:cds=off");
            options.add("-Dgoasm.aotCache=" + aotCache);
        }
        return options;
    }

    /**
     * Starts `java OPTIONS -cp CLASSPATH mainClass serveArgs...` in the background for the
     * server of {@code build} in {@code dir}; returns the process, or empty when it cannot be started.
     */
    public static Optional<Process> spawn(SocketDirectory dir, String build, int umask, String mainClass,
                                          List<String> serveArgs) {
        Optional<String> java = ProcessHandle.current().info().command();
        if (java.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid);
                break;
            }
        }
        command.add(java.get());
        command.addAll(jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(serveArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log(build, umask).toFile()));
        try {
            return Optional.of(builder.start());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
