package goasm.server;

import goasm.cli.BuildDigest;
import goasm.cli.Main;
import goasm.conformance.GoOracle;
import goasm.conformance.ProjectPaths;
import goasm.conformance.RunResult;
import goasm.release.GoRelease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native client (built here with gcc) in front of a server started from the classes under
 * test: what it prints, writes and returns is what goasm does in-process, for commands that
 * succeed, fail or write files; and it survives a killed server, a server of another build, a
 * directory it must not trust and the opt-out, by running goasm without the server.
 */
class ClientTest {
    private ServerFixture fixture;

    @TempDir
    Path work;

    /**
     * The in-process runs compared with have the bundled include directory that bin/goasm (and
     * the fixture) give a server's JVM: a JVM property, the same for every request.
     */
    @org.junit.jupiter.api.BeforeAll
    static void bundledIncludes() {
        System.setProperty("goasm.include", ProjectPaths.root().resolve("include").toString());
    }

    @org.junit.jupiter.api.AfterAll
    static void noBundledIncludes() {
        System.clearProperty("goasm.include");
    }

    @BeforeEach
    void fixture() throws IOException {
        fixture = ServerFixture.create();
    }

    @AfterEach
    void stopServers() throws IOException {
        fixture.close();
    }

    /** One invocation: arguments and the environment besides the fixture's. */
    private record Invocation(List<String> args, Map<String, String> env) {
    }

    private List<Invocation> invocations() throws IOException {
        Path include = GoOracle.of(GoRelease.NEWEST).includeDir();
        Files.copy(ProjectPaths.examples().resolve("run").resolve("printnl_amd64.s"), work.resolve("prog.s"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(work.resolve("bad.s"), "TEXT ·f(SB),$0\n\tMOVQ $1, nowhere\n\tBOGUS AX\n");
        Path tool = GoOracle.of(GoRelease.GO1_21).asmTool();
        return List.of(
                new Invocation(List.of("version"), Map.of("GOASM_GO", "1.21")),
                new Invocation(List.of("asm", "-p", "main", "-I", include.toString(), "-S", "-o", "prog.o", "prog.s"),
                        Map.of("PWD", work.toString())),
                new Invocation(List.of("asm", "-p", "main", "-o", "bad.o", "bad.s"), Map.of("GOASM_GO", "1.19")),
                new Invocation(List.of("asm", "-p", "main", "missing.s"), Map.of()),
                new Invocation(List.of("asm", "-nosuchflag", "prog.s"), Map.of("GOASM_GO", "1.15")),
                new Invocation(List.of("asm", "-I", include.toString(), "-gensymabis", "-o", "symabis", "prog.s"),
                        Map.of("GOOS", "darwin")),
                new Invocation(List.of("toolexec", tool.toString(), "-V=full"), Map.of()),
                new Invocation(List.of("run", "prog.s"), Map.of("GOASM_GO", "1.22", "GODEBUG", "x=1")),
                new Invocation(List.of("run", "-I", include.toString(), "nothere.s"), Map.of()),
                new Invocation(List.of("run", "--plot", "plot.svg", "prog.s"), Map.of()),
                new Invocation(List.of("explain", "-I", include.toString(), "prog.s"), Map.of("NO_COLOR", "1")),
                new Invocation(List.of("explain", "--json", "-I", include.toString(), "bad.s"), Map.of()),
                new Invocation(List.of("vet", "prog.s"), Map.of()),
                new Invocation(List.of("nosuchcommand"), Map.of()),
                new Invocation(List.of("version"), Map.of("GOASM_GO", "1.3")),
                new Invocation(List.of("-h"), Map.of()));
    }

    /** What goasm does in-process, with the same environment the client's process has. */
    private RunResult inProcess(Invocation invocation) {
        Map<String, String> env = new HashMap<>(fixture.clientEnvironment());
        env.putAll(invocation.env());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(invocation.args().toArray(String[]::new), work, env, o, e);
        }
        return new RunResult(status, out.toByteArray(), err.toByteArray());
    }

    /** The files the invocation wrote, by name, removed so the next run writes them afresh. */
    private Map<String, byte[]> takeOutputs() throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        for (String name : List.of("prog.o", "bad.o", "symabis", "missing.o", "plot.svg")) {
            Path file = work.resolve(name);
            if (Files.exists(file)) {
                files.put(name, Files.readAllBytes(file));
                Files.delete(file);
            }
        }
        return files;
    }

    private void assertSameAsInProcess(Invocation invocation) throws IOException, InterruptedException {
        RunResult client = fixture.viaClient(invocation.args(), work, invocation.env());
        Map<String, byte[]> clientFiles = takeOutputs();
        RunResult alone = inProcess(invocation);
        Map<String, byte[]> aloneFiles = takeOutputs();
        String label = invocation.toString();
        assertThat(client.stderr()).as("stderr of %s", label).isEqualTo(alone.stderr());
        assertThat(client.stdout()).as("stdout of %s", label).isEqualTo(alone.stdout());
        assertThat(client.status()).as("status of %s", label).isEqualTo(alone.status());
        assertThat(clientFiles.keySet()).as("files written by %s", label).isEqualTo(aloneFiles.keySet());
        for (String name : aloneFiles.keySet()) {
            assertThat(clientFiles.get(name)).as("%s written by %s", name, label).isEqualTo(aloneFiles.get(name));
        }
    }

    @Test
    void everyCommandGivesThroughTheServerWhatItGivesInProcess() throws Exception {
        fixture.startServer();
        List<Invocation> invocations = invocations();
        for (Invocation invocation : invocations) {
            assertSameAsInProcess(invocation);
        }
        // All of them were the server's (the client never fell back to running goasm itself).
        assertThat(fixture.servedRequests()).isEqualTo(invocations.size());
    }

    @Test
    void otherToolsUnderToolexecRunAsThemselves() throws Exception {
        fixture.startServer();
        RunResult echo = fixture.viaClient(List.of("toolexec", "/bin/echo", "hello", "world"), work, Map.of());
        assertThat(echo.stdout()).isEqualTo("hello world\n");
        assertThat(echo.status()).isZero();
        RunResult missing = fixture.viaClient(List.of("toolexec", work.resolve("nosuchtool").toString()), work, Map.of());
        assertThat(missing.stderr()).isEqualTo(inProcess(new Invocation(
                List.of("toolexec", work.resolve("nosuchtool").toString()), Map.of())).stderr());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(fixture.servedRequests()).isZero();
    }

    @Test
    void aKilledServerIsReplacedAndTheCallStillSucceeds() throws Exception {
        Process first = fixture.startServer(System.getProperty("java.class.path"), ServerFixture.build());
        Invocation asm = invocations().get(1);
        assertSameAsInProcess(asm);
        first.destroyForcibly().waitFor();
        // The socket file of the dead server is still there; the next call must not notice.
        assertThat(fixture.socket()).exists();
        assertSameAsInProcess(asm);
        // That call started a new server for the next ones.
        assertThat(fixture.awaitServer(Duration.ofSeconds(60))).isTrue();
        assertThat(fixture.serverPid()).isPresent().get().isNotEqualTo(first.pid());
        long before = fixture.servedRequests();
        assertSameAsInProcess(asm);
        assertThat(fixture.servedRequests()).isEqualTo(before + 1);
    }

    @Test
    void aServerOfAnotherBuildIsNeverUsed() throws Exception {
        // Another build: the classes under test plus one more file, so another digest.
        Path classes = BuildDigest.runningCode().orElseThrow();
        Path otherClasses = work.resolve("other-classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.toList()) {
                Path target = otherClasses.resolve(classes.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Files.writeString(otherClasses.resolve("another-build.txt"), "changed\n");
        String otherBuild = BuildDigest.of(otherClasses);
        assertThat(otherBuild).isNotEqualTo(ServerFixture.build());
        String classPath = System.getProperty("java.class.path").replace(classes.toString(), otherClasses.toString());
        fixture.startServer(classPath, otherBuild);
        // Put the old build's socket where this build's server would be, as a stale name would.
        // (A second name for it, to ask it afterwards what it did.)
        Path otherSocket = new SocketDirectory(fixture.directory()).socket(otherBuild, Identity.umask());
        Path alias = fixture.directory().resolve("other.sock");
        Files.createLink(alias, otherSocket);
        Files.move(otherSocket, fixture.socket());
        assertThat(ServerClient.buildAt(fixture.socket())).contains(otherBuild);

        Invocation asm = invocations().get(1);
        assertSameAsInProcess(asm);
        assertSameAsInProcess(invocations().get(0));
        // The other build's server never ran them; a server of this build took the name over.
        assertThat(ServerClient.status(alias, otherBuild).orElseThrow()).contains(" 0 requests served");
        assertThat(fixture.awaitServer(Duration.ofSeconds(60))).isTrue();
    }

    @Test
    void aHungServerIsReplaced() throws Exception {
        // Listens at this build's socket but never answers, as a server stopped in its tracks.
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process hung = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
                HungServer.class.getName(), fixture.socket().toString(), "600").redirectErrorStream(true).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(hung.getInputStream())).readLine())
                    .isEqualTo("listening");
            assertSameAsInProcess(invocations().get(1));
            // The call that gave up on it ended it and started a server that took the name over.
            assertThat(hung.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(fixture.awaitServer(Duration.ofSeconds(60))).isTrue();
            assertSameAsInProcess(invocations().get(1));
            assertThat(fixture.servedRequests()).isEqualTo(1);
        } finally {
            hung.destroyForcibly();
        }
    }

    @Test
    void withoutAServerTheFirstCallStartsOne() throws Exception {
        assertSameAsInProcess(invocations().get(2));
        assertThat(fixture.awaitServer(Duration.ofSeconds(60))).isTrue();
        assertSameAsInProcess(invocations().get(2));
        assertThat(fixture.servedRequests()).isEqualTo(1);
    }

    @Test
    void theOptOutRunsInProcessAndStartsNoServer() throws Exception {
        fixture.startServer();
        Invocation off = new Invocation(invocations().get(1).args(), Map.of("GOASM_SERVER", "off", "PWD", work.toString()));
        assertSameAsInProcess(off);
        assertThat(fixture.servedRequests()).isZero();

        ServerFixture empty = ServerFixture.create();
        try {
            Map<String, String> env = new HashMap<>(off.env());
            env.put("GOASM_SERVER_DIR", empty.directory().toString());
            RunResult result = fixture.viaClient(off.args(), work, env);
            assertThat(result.status()).isZero();
            // The run is over (a server would have been started during it): nothing in the directory.
            try (Stream<Path> files = Files.list(empty.directory())) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith("out")
                        && !n.startsWith("err"))).isEmpty();
            }
        } finally {
            empty.close();
        }
    }

    @Test
    void aDirectoryOthersCouldReachIsNeverUsed() throws Exception {
        Path shared = Files.createDirectory(work.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Invocation asm = new Invocation(invocations().get(1).args(),
                Map.of("GOASM_SERVER_DIR", shared.toString(), "PWD", work.toString()));
        assertSameAsInProcess(asm);
        try (Stream<Path> files = Files.list(shared)) {
            assertThat(files).as("no server, socket or lock in a directory others can write").isEmpty();
        }
        // Nor does a server agree to listen there.
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[]{"server", "serve", "--dir", shared.toString()}, work, Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "goasm server: refusing " + shared + ": mode 0777, not 0700\n");
    }

    @Test
    void quitReachesTheRunningProgramThroughTheServer() throws Exception {
        fixture.startServer();
        Files.copy(ProjectPaths.examples().resolve("run").resolve("spin_amd64.s"), work.resolve("spin.s"));
        ProcessBuilder builder = new ProcessBuilder(ServerFixture.client().toString(), ProjectPaths.root().toString(),
                "run", "spin.s").directory(work.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(fixture.clientEnvironment());
        Process client = builder.start();
        List<String> lines = new ArrayList<>();
        try (var err = new java.io.BufferedReader(new java.io.InputStreamReader(client.getErrorStream(),
                StandardCharsets.UTF_8))) {
            lines.add(err.readLine());
            // As Ctrl-\ does: the client relays it, the program prints every goroutine and exits.
            new ProcessBuilder("kill", "-QUIT", Long.toString(client.pid())).inheritIO().start().waitFor();
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                lines.add(line);
            }
            assertThat(client.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            client.destroyForcibly();
        }
        assertThat(client.exitValue()).isEqualTo(2);
        assertThat(lines).contains("SIGQUIT: quit");
        // Go names the source file by its absolute path: the client's directory, not the server's.
        String source = "\t" + work.toRealPath().resolve("spin.s") + ":";
        assertThat(lines).anyMatch(l -> l.startsWith(source));
        assertThat(fixture.servedRequests()).isEqualTo(1);
    }

    @Test
    void serverCommandsAnswerHelp() {
        for (String sub : List.of("status", "start", "stop")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = Main.run(new String[]{"server", sub, "-h"}, work, Map.of(),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(status).as("server %s -h", sub).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as("server %s -h", sub).startsWith("Usage: goasm server " + sub);
        }
    }
}
