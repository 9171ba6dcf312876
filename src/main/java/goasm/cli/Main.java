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
 * `goasm toolexec TOOL args...` (for `go build -toolexec`), `goasm run`, `goasm explain`,
 * `goasm vet` and `goasm version`.
 */
@Command(name = "goasm", mixinStandardHelpOptions = false,
        description = "Go's high-level assembler and goroutine stack runtime.",
        subcommands = {Main.Asm.class, Main.Toolexec.class, Main.Run.class, Main.Explain.class, Main.Vet.class,
                Main.Version.class, ServerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    /** Whether stdout is the invoker's terminal (colours, unless NO_COLOR). */
    private final boolean terminal;
    /** Where relative file names are read and written. */
    private final Path workingDir;
    private final Signals signals;

    private Main(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal, Path workingDir,
                 Signals signals) {
        this.workingDir = workingDir;
        this.out = out;
        this.err = err;
        this.env = env;
        this.terminal = terminal;
        this.signals = signals;
    }

    /** What a command of this run reads and writes. */
    record Context(PrintStream out, PrintStream err, Map<String, String> env, Path workingDir) {
    }

    private Context context() {
        return new Context(out, err, env, workingDir);
    }

    public static void main(String[] args) {
        // Go writes UTF-8 whatever the locale; so does goasm (symbol names contain '·').
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        // bin/goasm asks for this when its client found no server: start one for the next
        // invocations while this one runs in-process.
        Thread starter = new Thread(() -> ServerCommand.startInBackground(System.getenv()), "goasm-server-starter");
        boolean startServer = Boolean.getBoolean("goasm.server.start") && !(args.length > 0 && args[0].equals("server"));
        if (startServer) {
            starter.start();
        }
        int status = run(args, Path.of(""), System.getenv(), out, err, System.console() != null, Signals.PROCESS);
        if (startServer) {
            joinQuietly(starter);
        }
        out.flush();
        err.flush();
        System.exit(status);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        return run(args, workingDir, env, out, err, false, Signals.PROCESS);
    }

    /**
     * As {@link #run(String[], Path, Map, PrintStream, PrintStream)}, learning of the invoker's
     * signals from {@code signals}.
     */
    public static int run(String[] args, Path workingDir, Map<String, String> env, PrintStream out,
                          PrintStream err, Signals signals) {
        return run(args, workingDir, env, out, err, false, signals);
    }

    /**
     * As {@link #run(String[], Path, Map, PrintStream, PrintStream)}, with {@code terminal} saying
     * whether stdout is the invoker's terminal, learning of its signals from {@code signals}.
     * Everything a command reads or writes comes from the arguments, so that several runs can
     * share one JVM (the resident server's requests).
     */
    public static int run(String[] args, Path workingDir, Map<String, String> env, PrintStream out,
                          PrintStream err, boolean terminal, Signals signals) {
        // Go's goroutine stacks grow to 1 GB, so Go parses expressions nested hundreds of
        // thousands deep; a thread with a stack of that size lets goasm do the same.
        int[] status = {2};
        Thread worker = new Thread(null, () -> status[0] = runOnThisThread(args, workingDir, env, out, err, terminal,
                signals), "goasm", DEEP_STACK_BYTES);
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
        return status[0];
    }

    /**
     * As {@link #run(String[], Path, Map, PrintStream, PrintStream, boolean, Signals)}, on the
     * calling thread, which must have been started with a stack of {@link #DEEP_STACK_BYTES}
     * (the resident server's connection threads are): no thread to start and join per request.
     */
    public static int runOnThisThread(String[] args, Path workingDir, Map<String, String> env, PrintStream out,
                                      PrintStream err, boolean terminal, Signals signals) {
        try {
            return dispatch(args, workingDir, env, out, err, terminal, signals);
        } catch (StackOverflowError e) {
            err.println("goasm: input nested too deeply (stack exhausted)");
            return 2;
        } catch (Throwable t) {
            err.println("goasm: internal error: " + t);
            return 2;
        }
    }

    /** The stack of the thread that runs a command (reserved, committed only as used). */
    public static final long DEEP_STACK_BYTES = 1L << 30;

    private static int dispatch(String[] args, Path workingDir, Map<String, String> env, PrintStream out,
                                PrintStream err, boolean terminal, Signals signals) {
        if (args.length > 0 && args[0].equals("asm")) {
            // Straight to Go's flag grammar: "--", "-flag=value" and friends mean what they mean to Go.
            return AsmCommand.run(List.of(args).subList(1, args.length), workingDir, env, out, err);
        }
        if (args.length > 0 && args[0].equals("toolexec") && !(args.length == 2 && isHelpOption(args[1]))) {
            // The tool's arguments are the tool's: none of them is goasm's to interpret.
            return ToolexecCommand.run(List.of(args).subList(1, args.length), workingDir, env, out, err);
        }
        Main main = new Main(out, err, env, terminal, workingDir, signals);
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

    /**
     * Runs a command with the release this run follows; exit status 2, after saying why, when the
     * release named is unsupported.
     */
    private int withRelease(java.util.function.ToIntFunction<goasm.release.ReleaseProfile> command) {
        goasm.release.ReleaseProfile release;
        try {
            release = ReleaseChoice.choose(env);
        } catch (ReleaseChoice.Unsupported e) {
            err.println(e.getMessage());
            return 2;
        }
        return command.applyAsInt(release);
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
            return AsmCommand.run(args, main.workingDir, main.env, main.out, main.err);
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
            return ToolexecCommand.run(args, main.workingDir, main.env, main.out, main.err);
        }
    }

    @Command(name = "run", description = "Link the program (package main) and run main·main in the emulator.")
    static final class Run implements Callable<Integer> {
        private final Main main;
        @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        private boolean help;
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
        @picocli.CommandLine.Option(names = "--plot", paramLabel = "FILE.svg",
                description = "draw each goroutine's stack size over time, its growths and shrinks, and the GC cycles")
        private String plot;
        @Parameters(arity = "1..*", paramLabel = "file.s", description = "the program's assembly files")
        private List<String> files = new ArrayList<>();

        Run(Main main) {
            this.main = main;
        }

        @Override
        public Integer call() {
            return main.withRelease(this::run);
        }

        private int run(goasm.release.ReleaseProfile release) {
            goasm.run.RunOptions options = new goasm.run.RunOptions(List.copyOf(files), List.copyOf(includes),
                    List.copyOf(defines), trace, stats, gomaxprocs, release, main.workingDir.toAbsolutePath(),
                    main.env.get("GODEBUG"));
            goasm.run.Runner runner = new goasm.run.Runner(options, main.out, main.err);
            goasm.stackplot.StackTimeline timeline = new goasm.stackplot.StackTimeline();
            if (plot != null) {
                runner.observe(timeline);
            }
            int status = main.signals.whileRunning(runner::requestQuit, runner::requestCancel, runner::run);
            if (plot != null && !PlotFile.write(main.workingDir.resolve(plot), String.join(" ", files), release,
                    timeline, main.err)) {
                return status == 0 ? 1 : status;
            }
            return status;
        }
    }

    @Command(name = "explain",
            description = {"Show what the assembler inserts into each function, why, and the frame it builds.",
                    "The source interleaved with the instructions that run (inserted lines +, rewritten ~, each "
                            + "with its rule and numbers), the frame with its offsets from SP, pseudo-SP and FP, "
                            + "and the NOSPLIT budget, for the release chosen as for asm (GOASM_GO, $GOROOT, newest)."})
    static final class Explain implements Callable<Integer> {
        private final Main main;
        @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        private boolean help;
        @picocli.CommandLine.Option(names = "-I", paramLabel = "dir", description = "include directory")
        private List<String> includes = new ArrayList<>();
        @picocli.CommandLine.Option(names = "-D", paramLabel = "name[=value]", description = "predefined symbol")
        private List<String> defines = new ArrayList<>();
        @picocli.CommandLine.Option(names = "-p", paramLabel = "path", defaultValue = "main",
                description = "the package's import path (default main)")
        private String importPath;
        @picocli.CommandLine.Option(names = {"-func", "--func"}, paramLabel = "REGEXP",
                description = "only the functions whose names match")
        private String func;
        @picocli.CommandLine.Option(names = "--html", paramLabel = "FILE",
                description = "write one self-contained page (frames drawn as SVG) instead of text")
        private String html;
        @picocli.CommandLine.Option(names = "--json", description = "print the explanation as JSON, for tools")
        private boolean json;
        @picocli.CommandLine.Option(names = "-dynlink", description = "support references to Go symbols defined in "
                + "other shared libraries (as asm -dynlink)")
        private boolean dynlink;
        @picocli.CommandLine.Option(names = "-shared", description = "generate code that can be linked into a shared "
                + "library (as asm -shared)")
        private boolean shared;
        @Parameters(arity = "1..*", paramLabel = "file.s", description = "the assembly files")
        private List<String> files = new ArrayList<>();

        Explain(Main main) {
            this.main = main;
        }

        @Override
        public Integer call() {
            return main.withRelease(release -> ExplainCommand.run(new ExplainCommand.Flags(files, includes, defines,
                    importPath, func, html, json, dynlink, shared), main.workingDir, main.env, main.terminal, main.out,
                    main.err, release));
        }
    }

    @Command(name = "vet",
            description = "Check assembly against its Go declarations (go vet's asmdecl and framepointer, "
                    + "following the release's go vet) and NOSPLIT call chains against the linker's limit.")
    static final class Vet implements Callable<Integer> {
        private final Main main;
        @picocli.CommandLine.Option(names = "-json", description = "print the findings as go vet -json does")
        private boolean json;
        @picocli.CommandLine.Option(names = "-v", description = "say which functions were not checked, and why")
        private boolean verbose;
        @picocli.CommandLine.Option(names = "-nosplit", arity = "0..1", defaultValue = "true", fallbackValue = "true",
                paramLabel = "bool", description = "check NOSPLIT call chains against the linker's limit (default true; "
                + "-nosplit=false turns it off)")
        private boolean nosplit;
        @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        private boolean help;
        @Parameters(arity = "0..*", paramLabel = "package",
                description = "a directory (default .), dir/... for a tree, .s files of one package, or an import "
                        + "path of the release's GOROOT (std for all of it)")
        private List<String> patterns = new ArrayList<>();

        Vet(Main main) {
            this.main = main;
        }

        @Override
        public Integer call() {
            return main.withRelease(release -> new goasm.vet.Vet(new goasm.vet.Vet.Options(patterns, json, verbose,
                    nosplit, main.workingDir.toAbsolutePath(), main.env, release), main.out, main.err).run());
        }
    }

    @Command(name = "version", description = "Print goasm's version and the Go release it follows.")
    static final class Version implements Callable<Integer> {
        private final Main main;
        @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        private boolean help;

        Version(Main main) {
            this.main = main;
        }

        @Override
        public Integer call() {
            return main.withRelease(release -> {
                String v = Main.class.getPackage().getImplementationVersion();
                main.out.println("goasm " + (v == null ? "dev" : v) + " (follows " + release.goVersion() + " amd64, GOROOT "
                        + release.goRoot() + ")");
                return 0;
            });
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
            if (cls == Vet.class) {
                return cls.cast(new Vet(main));
            }
            if (cls == Explain.class) {
                return cls.cast(new Explain(main));
            }
            if (cls == Version.class) {
                return cls.cast(new Version(main));
            }
            if (cls == Main.class) {
                return cls.cast(main);
            }
            if (cls.getEnclosingClass() == ServerCommand.class || cls == ServerCommand.class) {
                var constructor = cls.getDeclaredConstructor(Context.class);
                return cls.cast(constructor.newInstance(main.context()));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
