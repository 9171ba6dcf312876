package goasm.server;

import goasm.cli.BuildDigest;
import goasm.conformance.ProjectPaths;
import goasm.conformance.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servers for tests: the native client built with gcc from src/main/c, a private socket
 * directory per fixture (GOASM_SERVER_DIR), servers started from the test's own classes, and a
 * {@link #close} that stops every server of the directory (tests call it in @AfterAll; the
 * servers' idle time is the backstop).
 */
public final class ServerFixture implements AutoCloseable {
    /** A server started by a test exits after this long unused, should a test fail to stop it. */
    static final Duration TEST_IDLE = Duration.ofMinutes(10);

    private final Path directory;
    private final List<Process> started = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger clientRuns = new java.util.concurrent.atomic.AtomicInteger();

    private ServerFixture(Path directory) {
        this.directory = directory;
    }

    /** A fresh private socket directory (short, under /tmp: socket names have a length limit). */
    public static ServerFixture create() throws IOException {
        return new ServerFixture(Files.createTempDirectory(Path.of("/tmp"), "goasm-test-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    }

    public Path directory() {
        return directory;
    }

    /** The build digest of the classes under test, which servers started from them answer to. */
    public static String build() {
        return BuildDigest.ofRunningCode();
    }

    public Path socket() {
        return new SocketDirectory(directory).socket(build(), Identity.umask());
    }

    /** The native client, compiled once per test run as bin/goasm compiles it. */
    public static synchronized Path client() throws IOException, InterruptedException {
        Path client = ProjectPaths.buildDir().resolve("test-client").resolve("goasm-client");
        Path source0 = ProjectPaths.root().resolve("src/main/c/goasm-client.c");
        if (!Files.isExecutable(client)
                || Files.getLastModifiedTime(client).compareTo(Files.getLastModifiedTime(source0)) < 0) {
            Files.createDirectories(client.getParent());
            Path source = ProjectPaths.root().resolve("src/main/c/goasm-client.c");
            Process gcc;
            try {
                gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-Wextra", "-Werror", "-o", client.toString(),
                        source.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("gcc is needed to build the goasm client: install gcc", e);
            }
            String log = new String(gcc.getInputStream().readAllBytes());
            assertThat(gcc.waitFor()).as("gcc on %s:%n%s", source, log).isZero();
        }
        return client;
    }

    /** The environment every client run of this fixture has besides the command's own. */
    public Map<String, String> clientEnvironment() {
        return Map.of("GOASM_SERVER_DIR", directory.toString(), "GOASM_SERVER_KEY", build(),
                "GOASM_SERVER_IDLE", Long.toString(TEST_IDLE.toSeconds()),
                // Where the client falls back to bin/goasm, that runs the classes under test.
                "GOASM_CLASSPATH", System.getProperty("java.class.path"),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** Starts a server from the classes under test and waits until it answers. */
    public void startServer() throws IOException, InterruptedException {
        startServer(System.getProperty("java.class.path"), build());
    }

    /** Starts a server from {@code classPath} (whose build is {@code build}) and waits until it answers. */
    public Process startServer(String classPath, String build) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // As bin/goasm starts goasm: the bundled textflag.h on `goasm run`'s include path.
        Process process = new ProcessBuilder(java, "-XX:+UseSerialGC",
                "-Dgoasm.include=" + ProjectPaths.root().resolve("include"), "-cp", classPath, "goasm.cli.Main", "server",
                "serve", "--dir", directory.toString(), "--idle", Long.toString(TEST_IDLE.toSeconds()))
                .redirectErrorStream(true).redirectOutput(directory.resolve("test-server.log").toFile()).start();
        started.add(process);
        Path socket = new SocketDirectory(directory).socket(build, Identity.umask());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ServerClient.status(socket, build).isEmpty()) {
            assertThat(process.isAlive()).as("server process (log in %s)", directory).isTrue();
            assertThat(System.nanoTime()).as("server answering within a minute").isLessThan(deadline);
            Thread.sleep(20);
        }
        return process;
    }

    /** How many runs {@link #viaClient} made. */
    public int clientRuns() {
        return clientRuns.get();
    }

    /** How many requests the server at this fixture's socket has served (-1 when none answers). */
    public long servedRequests() throws IOException {
        return ServerClient.status(socket(), build())
                .map(s -> Long.parseLong(s.replaceAll("(?s).*, (\\d+) requests served,.*", "$1"))).orElse(-1L);
    }

    /** Waits until a server of the classes under test answers in this directory (one a client fallback started). */
    public boolean awaitServer(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (ServerClient.status(socket(), build()).isPresent()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The server process answering at this fixture's socket, if any. */
    public Optional<Long> serverPid() throws IOException {
        return ServerClient.status(socket(), build())
                .map(s -> Long.parseLong(s.replaceAll("(?s).*, pid (\\d+),.*", "$1")));
    }

    /** `goasm ARGS` through the native client, in {@code workingDir}, with exactly {@code env} plus the fixture's. */
    public RunResult viaClient(List<String> args, Path workingDir, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(client().toString(), ProjectPaths.root().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toAbsolutePath().toFile());
        builder.environment().clear();
        builder.environment().putAll(clientEnvironment());
        builder.environment().putAll(env);
        clientRuns.incrementAndGet();
        Path out = Files.createTempFile(directory, "out", "");
        Path err = Files.createTempFile(directory, "err", "");
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("client finished").isTrue();
            return new RunResult(process.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static ServerFixture shared;

    /**
     * The fixture of tests that run whole suites through the client ({@code -Dgoasm.test.via=client},
     * see goasm.conformance.Goasm): made and its server started on first use, closed by
     * {@link #closeShared} or at the latest when the test JVM exits.
     */
    public static synchronized ServerFixture shared() throws IOException, InterruptedException {
        if (shared == null) {
            ServerFixture fixture = create();
            fixture.startServer();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    fixture.close();
                } catch (IOException e) {
                    // Exiting anyway; the idle time ends the server.
                }
            }));
            shared = fixture;
        }
        return shared;
    }

    public static synchronized void closeShared() throws IOException {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** Stops every server in the directory, kills those this fixture started, removes the directory. */
    @Override
    public void close() throws IOException {
        if (Files.isDirectory(directory)) {
            for (Path socket : new SocketDirectory(directory).sockets()) {
                Optional<String> build = ServerClient.buildAt(socket);
                if (build.isPresent()) {
                    ServerClient.stop(socket, build.get());
                }
            }
        }
        for (Process process : started) {
            process.destroyForcibly();
        }
        // Servers a fallback started are no children of ours: give them a moment to go.
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (Files.isDirectory(directory)) {
            try (var files = Files.walk(directory)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
