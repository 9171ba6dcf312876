package goasm.cli;

import goasm.server.Identity;
import goasm.server.Launcher;
import goasm.server.Server;
import goasm.server.ServerClient;
import goasm.server.SocketDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * `goasm server status|start|stop`: the resident server that bin/goasm's native client hands
 * invocations to (see {@link goasm.server}); `serve` is what runs in the background.
 */
@Command(name = "server", mixinStandardHelpOptions = true, description = "The resident assembler server the goasm command uses (status, start, stop).",
        subcommands = {ServerCommand.Status.class, ServerCommand.Start.class, ServerCommand.Stop.class,
                ServerCommand.Serve.class})
final class ServerCommand implements Callable<Integer> {
    private final Main.Context context;

    ServerCommand(Main.Context context) {
        this.context = context;
    }

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        context.err().print(spec.commandLine().getUsageMessage());
        return 2;
    }

    /** The class the background server runs (the jar's main). */
    private static final String MAIN_CLASS = Main.class.getName();

    /** The socket of this build's server for this process's umask, or empty after saying why not. */
    private static Optional<Located> locate(Map<String, String> env, PrintStream err) {
        try {
            SocketDirectory dir = SocketDirectory.open(env);
            String build = BuildDigest.ofRunningCode();
            int umask = Identity.umask();
            return Optional.of(new Located(dir, build, umask, dir.socket(build, umask)));
        } catch (SocketDirectory.Refused e) {
            err.println(e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            err.println("goasm server: " + e.getMessage());
            return Optional.empty();
        }
    }

    private record Located(SocketDirectory dir, String build, int umask, Path socket) {
    }

    /** The idle time GOASM_SERVER_IDLE (seconds) asks for, else the default. */
    static Duration idle(Map<String, String> env) {
        try {
            long seconds = Long.parseLong(env.getOrDefault("GOASM_SERVER_IDLE", ""));
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // The default below.
        }
        return Server.DEFAULT_IDLE;
    }

    /**
     * Starts this build's server in the background unless one runs or is starting; returns
     * without waiting for it.
     */
    static Optional<Process> startInBackground(Map<String, String> env) {
        try {
            SocketDirectory dir = SocketDirectory.open(env);
            String build = BuildDigest.ofRunningCode();
            int umask = Identity.umask();
            if (Server.running(dir, build, umask)) {
                return Optional.empty();
            }
            return Launcher.spawn(dir, build, umask, MAIN_CLASS, List.of("server", "serve", "--dir",
                    dir.path().toString(), "--idle", Long.toString(idle(env).toSeconds())));
        } catch (SocketDirectory.Refused | RuntimeException e) {
            // No server then: goasm works the same in-process.
            return Optional.empty();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Say whether this build's server runs, and what it has done.")
    static final class Status implements Callable<Integer> {
        private final Main.Context context;

        Status(Main.Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            Optional<Located> located = locate(context.env(), context.err());
            if (located.isEmpty()) {
                return 1;
            }
            Optional<String> status = ServerClient.status(located.get().socket(), located.get().build());
            if (status.isEmpty()) {
                context.out().println("goasm server: not running (would listen on " + located.get().socket() + ")");
                return 1;
            }
            context.out().print(status.get());
            return 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start this build's server in the background (the goasm command also does on first use).")
    static final class Start implements Callable<Integer> {
        private final Main.Context context;

        Start(Main.Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            Optional<Located> located = locate(context.env(), context.err());
            if (located.isEmpty()) {
                return 1;
            }
            Path socket = located.get().socket();
            String build = located.get().build();
            if (ServerClient.status(socket, build).isEmpty()) {
                Optional<Process> process = startInBackground(context.env());
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (ServerClient.status(socket, build).isEmpty()) {
                    if (process.isEmpty() || System.nanoTime() > deadline) {
                        context.err().println("goasm server: could not start (see "
                                + located.get().dir().path() + ")");
                        return 1;
                    }
                    Thread.sleep(50);
                }
            }
            context.out().print(ServerClient.status(socket, build).orElse(""));
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop every goasm server of this user (running requests finish first).")
    static final class Stop implements Callable<Integer> {
        private final Main.Context context;

        Stop(Main.Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            SocketDirectory dir;
            try {
                dir = SocketDirectory.open(context.env());
            } catch (SocketDirectory.Refused e) {
                context.err().println(e.getMessage());
                return 1;
            }
            int stopped = 0;
            for (Path socket : dir.sockets()) {
                Optional<String> build = ServerClient.buildAt(socket);
                if (build.isPresent() && ServerClient.stop(socket, build.get())) {
                    context.out().println("goasm server: stopped " + socket);
                    stopped++;
                }
            }
            if (stopped == 0) {
                context.out().println("goasm server: none running");
            }
            return 0;
        }
    }

    @Command(name = "serve", hidden = true, mixinStandardHelpOptions = true, description = "Run the server in the foreground (what `start` runs in the background).")
    static final class Serve implements Callable<Integer> {
        private final Main.Context context;
        @Option(names = "--dir", paramLabel = "DIR", description = "the socket directory (default: as for the client)")
        private String dir;
        @Option(names = "--idle", paramLabel = "SECONDS", description = "exit after this long without requests")
        private Long idleSeconds;

        Serve(Main.Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            Map<String, String> env = new java.util.HashMap<>(context.env());
            if (dir != null) {
                env.put("GOASM_SERVER_DIR", dir);
            }
            SocketDirectory socketDir;
            try {
                socketDir = SocketDirectory.open(env);
            } catch (SocketDirectory.Refused e) {
                context.err().println(e.getMessage());
                return 1;
            }
            Duration idle = idleSeconds != null && idleSeconds > 0 ? Duration.ofSeconds(idleSeconds) : idle(env);
            Server.Settings settings = new Server.Settings(socketDir, BuildDigest.ofRunningCode(), Identity.umask(),
                    idle, BuildDigest.runningCode().filter(java.nio.file.Files::isRegularFile));
            // Another server holding the name is as good as this one: nothing to report.
            Server.serve(settings, ServerCommand::handle, context.err());
            return 0;
        }
    }

    /** One request: the command line as it runs in-process, with the client's directory, environment and signals. */
    private static int handle(Server.Request request, PrintStream out, PrintStream err,
                              goasm.server.RelayedSignals signals) {
        String[] args = request.args().toArray(String[]::new);
        if (args.length > 0 && args[0].equals("server")) {
            err.println("goasm server: server commands run in the goasm command itself");
            return 2;
        }
        return Main.run(args, request.workingDir(), request.env(), out, err, request.terminal(),
                signals::whileRunning);
    }
}
