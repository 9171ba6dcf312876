package goasm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The goasm command line: `goasm asm ...` (the followed release's `go tool asm`, flag for flag),
 * `goasm toolexec TOOL args...` (for `go build -toolexec`), `goasm run` and `goasm version`.
 */
@Command(name = "goasm", mixinStandardHelpOptions = false,
        description = "Go's high-level assembler and goroutine stack runtime.",
        subcommands = {Main.Asm.class, Main.Toolexec.class, Main.Run.class, Main.Version.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    private Main(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        // Go writes UTF-8 whatever the locale; so does goasm (symbol names contain '·').
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(args, Path.of(""), System.getenv(), out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line in-process with an empty environment (so for linux/amd64, Go's
     * defaults here); returns the exit status.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Path.of(""), Map.of(), out, err);
    }

    /**
     * Runs the command line in-process as if started in {@code workingDir}: relative file names
     * are read and written there, and printed as given. The environment is empty.
     */
    public static int run(String[] args, Path workingDir, PrintStream out, PrintStream err) {
        return run(args, workingDir, Map.of(), out, err);
    }

    /**
     * Runs the command line in-process as if started in {@code workingDir} with environment
     * {@code env}: `asm` reads GOOS, GOARCH, GOAMD64, GOEXPERIMENT and the like from it, as Go
     * reads them from its process environment.
     */
    public static int run(String[] args, Path workingDir, Map<String, String> env, PrintStream out,
                          PrintStream err) {
        // Go's goroutine stacks grow to 1 GB, so Go parses expressions nested hundreds of
        // thousands deep; a thread with a stack of that size lets goasm do the same.
        int[] status = {2};
        Throwable[] failure = {null};
        Thread worker = new Thread(null, () -> {
            try {
                status[0] = dispatch(args, workingDir, env, out, err);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "goasm", DEEP_STACK_BYTES);
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof StackOverflowError) {
            err.println("goasm: input nested too deeply (stack exhausted)");
            return 2;
        }
        if (failure[0] != null) {
            err.println("goasm: internal error: " + failure[0]);
            return 2;
        }
        return status[0];
    }

    /** The stack of the thread that runs a command (reserved, committed only as used). */
    private static final long DEEP_STACK_BYTES = 1L << 30;

    private static int dispatch(String[] args, Path workingDir, Map<String, String> env, PrintStream out,
                                PrintStream err) {
        if (args.length > 0 && args[0].equals("asm")) {
            // Straight to Go's flag grammar: "--", "-flag=value" and friends mean what they mean to Go.
            return AsmCommand.run(List.of(args).subList(1, args.length), workingDir, env, out, err);
        }
        if (args.length > 0 && args[0].equals("toolexec") && !(args.length == 2 && isHelpOption(args[1]))) {
            // The tool's arguments are the tool's: none of them is goasm's to interpret.
            return ToolexecCommand.run(List.of(args).subList(1, args.length), workingDir, env, out, err);
        }
        Main main = new Main(out, err, env);
        CommandLine cl = new CommandLine(main, new Factory(main));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setUnmatchedOptionsArePositionalParams(true);
        addHelpOptions(cl);
        return cl.execute(args);
    }

    private static boolean isHelpOption(String arg) {
        return arg.equals("-h") || arg.equals("--help");
    }

    /**
     * Gives the command and every subcommand (whichever are registered) -h/--help, printing its
     * usage on stdout with status 0. `goasm asm -h` never gets here: it is Go's flag set's, and
     * answers with Go's usage text and status 2.
     */
    private static void addHelpOptions(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        boolean hasHelp = spec.options().stream().anyMatch(CommandLine.Model.OptionSpec::usageHelp);
        boolean ownFlags = spec.userObject() instanceof CommandLine.HelpCommand || spec.userObject() instanceof Asm;
        if (!hasHelp && !ownFlags) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
        command.getSubcommands().values().forEach(Main::addHelpOptions);
    }

    @Override
    public Integer call() {
        err.print(new CommandLine(this, new Factory(this)).getUsageMessage());
        return 2;
    }

    /** The release this run follows; empty (after saying why) when the one named is unsupported. */
    private java.util.Optional<goasm.release.ReleaseProfile> chosenRelease() {
        try {
            return java.util.Optional.of(ReleaseChoice.choose(env));
        } catch (ReleaseChoice.Unsupported e) {
            err.println(e.getMessage());
            return java.util.Optional.empty();
        }
    }

    @Command(name = "asm", description = {"Assemble like the followed release's `go tool asm` (same flags, listing, diagnostics).",
            "`goasm asm -h` prints that release's flags."},
            helpCommand = false)
    static final class Asm implements Callable<Integer> {
        private final Main main;
        @Parameters(arity = "0..*", paramLabel = "ARG", description = "go tool asm flags and files")
        private List<String> args = new ArrayList<>();

        Asm(Main main) {
            this.main = main;
        }

        @Override
        public Integer call() {
            return AsmCommand.run(args, Path.of(""), main.env, main.out, main.err);
        }
    }

    @Command(name = "toolexec", description = "Stand in for Go's assembler under `go build -toolexec 'goasm toolexec'`; "
            + "run every other tool unchanged.", helpCommand = false)
    static final class Toolexec implements Callable<Integer> {
        private final Main main;
        @Parameters(arity = "0..*", paramLabel = "ARG", description = "the tool's path and its arguments")
        private List<String> args = new ArrayList<>();

        Toolexec(Main main) {
            this.main = main;
        }

        @Override
        public Integer call() {
            return ToolexecCommand.run(args, Path.of(""), main.env, main.out, main.err);
        }
    }

    @Command(name = "run", description = "Link the program (package main) and run main·main in the emulator.")
    static final class Run implements Callable<Integer> {
        private final Main main;
        @picocli.CommandLine.Option(names = "-D", paramLabel = "name[=value]", description = "predefined symbol")
        private List<String> defines = new ArrayList<>();
        @picocli.CommandLine.Option(names = "-I", paramLabel = "dir", description = "include directory")
        private List<String> includes = new ArrayList<>();
        @picocli.CommandLine.Option(names = "--trace", description = "print one line per runtime stack event")
        private boolean trace;
        @picocli.CommandLine.Option(names = "--stats", description = "print the run's statistics at exit")
        private boolean stats;
        @picocli.CommandLine.Option(names = "--gomaxprocs", paramLabel = "N", defaultValue = "1",
                description = "number of Ps (default 1)")
        private int gomaxprocs;
        @Parameters(arity = "1..*", paramLabel = "file.s", description = "the program's assembly files")
        private List<String> files = new ArrayList<>();

        Run(Main main) {
            this.main = main;
        }

        @Override
        public Integer call() {
            java.util.Optional<goasm.release.ReleaseProfile> chosen = main.chosenRelease();
            if (chosen.isEmpty()) {
                return 2;
            }
            goasm.release.ReleaseProfile release = chosen.get();
            goasm.run.RunOptions options = new goasm.run.RunOptions(List.copyOf(files), List.copyOf(includes),
                    List.copyOf(defines), trace, stats, gomaxprocs, release);
            goasm.run.Runner runner = new goasm.run.Runner(options, main.out, main.err);
            // The JVM keeps SIGQUIT for itself; bin/goasm forwards Ctrl-\\ as SIGUSR1.
            return QuitSignal.whileRunning(runner::requestQuit, runner::run);
        }
    }

    @Command(name = "version", description = "Print goasm's version and the Go release it follows.")
    static final class Version implements Callable<Integer> {
        private final Main main;

        Version(Main main) {
            this.main = main;
        }

        @Override
        public Integer call() {
            java.util.Optional<goasm.release.ReleaseProfile> chosen = main.chosenRelease();
            if (chosen.isEmpty()) {
                return 2;
            }
            goasm.release.ReleaseProfile release = chosen.get();
            String v = Main.class.getPackage().getImplementationVersion();
            main.out.println("goasm " + (v == null ? "dev" : v) + " (follows " + release.goVersion() + " amd64, GOROOT "
                    + release.goRoot() + ")");
            return 0;
        }
    }

    /** Gives subcommands their shared streams. */
    private record Factory(Main main) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == Asm.class) {
                return cls.cast(new Asm(main));
            }
            if (cls == Toolexec.class) {
                return cls.cast(new Toolexec(main));
            }
            if (cls == Run.class) {
                return cls.cast(new Run(main));
            }
            if (cls == Version.class) {
                return cls.cast(new Version(main));
            }
            if (cls == Main.class) {
                return cls.cast(main);
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
