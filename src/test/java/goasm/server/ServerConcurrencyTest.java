package goasm.server;

import goasm.cli.Main;
import goasm.conformance.GoOracle;
import goasm.conformance.ProjectPaths;
import goasm.release.GoRelease;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many requests at once, each with its own working directory, environment and arguments (as go
 * build runs several assemblers at once), give exactly what each gives run in-process alone:
 * stdout, stderr, exit status and the object file written.
 */
class ServerConcurrencyTest {
    private static ServerFixture fixture;
    private static Thread serving;

    @BeforeAll
    static void serveInThisJvm() throws Exception {
        fixture = ServerFixture.create();
        SocketDirectory dir = SocketDirectory.open(Map.of("GOASM_SERVER_DIR", fixture.directory().toString()));
        Server.Settings settings = new Server.Settings(dir, ServerFixture.build(), Identity.umask(),
                Duration.ofMinutes(10), Optional.empty());
        serving = new Thread(() -> {
            try {
                Server.serve(settings, (request, out, err, signals) -> Main.run(request.args().toArray(String[]::new),
                        request.workingDir(), request.env(), out, err, signals::whileRunning), System.err);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "test-server");
        serving.start();
        assertThat(fixture.awaitServer(Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
        serving.join(30_000);
        assertThat(serving.isAlive()).as("server thread ended").isFalse();
    }

    @TempDir
    Path work;

    private record Job(Path workingDir, List<String> args, Map<String, String> env, String output) {
    }

    private record Outcome(int status, String out, String err, byte[] object) {
    }

    /** Jobs that differ in everything a request carries; some fail, in different ways. */
    private List<Job> jobs() throws IOException {
        Path source = ProjectPaths.examples().resolve("run").resolve("printnl_amd64.s");
        String text = Files.readString(source);
        List<GoRelease> releases = GoRelease.all();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            GoRelease release = releases.get(i % releases.size());
            Path dir = Files.createDirectories(work.resolve("job" + i));
            // A different program in each directory, under the same relative name.
            Files.writeString(dir.resolve("prog.s"), text + "\n// job " + i + "\nTEXT ·extra" + i + "(SB),$0-0\n\tRET\n");
            Map<String, String> env = new HashMap<>(Map.of("GOASM_GO", release.line(), "PWD", dir.toString()));
            List<String> args = new ArrayList<>(List.of("asm", "-p", "main", "-I",
                    GoOracle.of(release).includeDir().toString(), "-S", "-o", "prog.o", "prog.s"));
            switch (i % 6) {
                case 1 -> args.add(1, "-D=JOB" + i);
                case 2 -> env.put("GOOS", "plan9");
                case 3 -> args.set(args.size() - 1, "missing" + i + ".s");
                case 4 -> args.add(1, "-bogus" + i);
                case 5 -> env.put("GOAMD64", "v3");
                default -> {
                }
            }
            jobs.add(new Job(dir, List.copyOf(args), Map.copyOf(env), "prog.o"));
        }
        return jobs;
    }

    private static byte[] objectOf(Job job) throws IOException {
        Path object = job.workingDir().resolve(job.output());
        byte[] bytes = Files.exists(object) ? Files.readAllBytes(object) : new byte[0];
        Files.deleteIfExists(object);
        return bytes;
    }

    private static Outcome viaServer(Job job) throws IOException {
        Optional<ServerClient.Result> result = ServerClient.run(fixture.socket(), ServerFixture.build(),
                new Server.Request(job.workingDir(), job.args(), job.env()));
        assertThat(result).as("the server answered").isPresent();
        return new Outcome(result.get().status(), new String(result.get().out(), StandardCharsets.UTF_8),
                new String(result.get().err(), StandardCharsets.UTF_8), objectOf(job));
    }

    private static Outcome inProcess(Job job) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(job.args().toArray(String[]::new), job.workingDir(), job.env(), o, e);
        }
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                objectOf(job));
    }

    @Test
    void parallelRequestsGiveWhatEachGivesAlone() throws Exception {
        List<Job> jobs = jobs();
        List<Outcome> served = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Job job : jobs) {
                futures.add(pool.submit(() -> viaServer(job)));
            }
            for (Future<Outcome> f : futures) {
                served.add(f.get());
            }
        }
        int failures = 0;
        for (int i = 0; i < jobs.size(); i++) {
            Outcome alone = inProcess(jobs.get(i));
            Outcome parallel = served.get(i);
            String label = "job " + i + " " + jobs.get(i);
            assertThat(parallel.err()).as("stderr of %s", label).isEqualTo(alone.err());
            assertThat(parallel.out()).as("stdout of %s", label).isEqualTo(alone.out());
            assertThat(parallel.status()).as("status of %s", label).isEqualTo(alone.status());
            assertThat(parallel.object()).as("object of %s", label).isEqualTo(alone.object());
            failures += alone.status() != 0 ? 1 : 0;
        }
        // The jobs are meant to cover both outcomes: each kind of failure, and objects written.
        assertThat(failures).isBetween(8, 16);
        assertThat(served.get(0).object()).isNotEmpty();
        assertThat(served.get(0).out()).contains("extra0");
    }
}
