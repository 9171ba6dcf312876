package goasm.cli;

import goasm.asm.AsmOptions;
import goasm.asm.Assembler;
import goasm.obj.TargetOs;
import goasm.release.BuildConfig;
import goasm.release.CommandLine;
import goasm.release.ReleaseProfile;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * `goasm asm`: the `go tool asm` command line of the release followed, flag for flag and
 * message for message (the facts come from {@link goasm.release.CommandLine} and
 * {@link BuildConfig}).
 */
final class AsmCommand {

    private AsmCommand() {
    }

    /** The architectures Go's assemblers know besides amd64 (cmd/asm/internal/arch). */
    private static final Set<String> OTHER_GO_ARCHITECTURES = Set.of("386", "arm", "arm64", "loong64", "mips",
            "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm");

    /**
     * Runs `asm args...` with {@code env} as its environment (GOOS, GOARCH, GOAMD64,
     * GOEXPERIMENT, ... are read from it as Go reads them), following the release that
     * {@link ReleaseChoice} picks from the environment.
     */
    static int run(List<String> args, Path workingDir, Map<String, String> env, PrintStream out, PrintStream err) {
        ReleaseProfile release;
        try {
            release = ReleaseChoice.choose(env);
        } catch (ReleaseChoice.Unsupported e) {
            err.println(e.getMessage());
            return 2;
        }
        return run(args, workingDir, env, out, err, release, Identity.AS_GO);
    }

    /** What `-V=full` says the tool is. */
    sealed interface Identity {
        /** Go's own line, byte for byte (for `goasm asm` compared with Go). */
        Identity AS_GO = new AsGo();

        record AsGo() implements Identity {
        }

        /**
         * Go's line and goasm's build: what the go command sees when goasm stands in for its
         * assembler, so that its build cache never mistakes goasm's objects for Go's.
         */
        record GoasmBuild(String buildId) implements Identity {
        }
    }

    /** Runs `asm args...` following {@code release}; {@code identity} decides what -V=full prints. */
    static int run(List<String> args, Path workingDir, Map<String, String> env, PrintStream out, PrintStream err,
                   ReleaseProfile release, Identity identity) {
        GoEnvironment goEnv;
        try {
            goEnv = GoEnvironment.read(env, release);
        } catch (GoEnvironment.Invalid e) {
            // Go checks its build configuration before anything else.
            return switch (e.failure()) {
                case LAST_ERROR_STATUS_2 -> {
                    err.println("asm: " + e.getMessage());
                    yield 2;
                }
                case FIRST_ERROR_LOGGED_STATUS_1 -> {
                    // log.Fatalf before main sets the log flags: the standard date and time prefix.
                    err.println(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss")) + " "
                            + e.getMessage());
                    yield 1;
                }
            };
        }
        BuildConfig config = release.buildConfig();
        if (config.architectureCheck() == BuildConfig.ArchitectureCheck.BEFORE_FLAGS
                && !goEnv.goarch().equals("amd64") && !OTHER_GO_ARCHITECTURES.contains(goEnv.goarch())) {
            err.println("asm: unrecognized architecture " + goEnv.goarch());
            return 1;
        }
        List<String> expanded;
        try {
            expanded = ResponseFiles.expand(args, release.commandLine().responseFiles(), workingDir);
        } catch (ResponseFiles.Unreadable e) {
            err.println("asm: " + e.getMessage());
            return 1;
        }
        GoFlagSet flags = new GoFlagSet(release.commandLine());
        GoFlagSet.Outcome outcome;
        try {
            outcome = flags.parse(expanded);
        } catch (GoFlagSet.FlagException e) {
            if (e.getMessage() != null) {
                err.println(e.getMessage());
            }
            return usage(flags, err);
        } catch (GoFlagSet.Fatal e) {
            err.println("asm: " + e.getMessage());
            return 1;
        }
        switch (outcome) {
            case VERSION -> {
                String query = flags.string("V");
                out.println(versionLine(release, goEnv, query.equals("full") ? identity : Identity.AS_GO, query));
                return 0;
            }
            case DEBUG_HELP -> {
                out.print(flags.debugHelp());
                return 0;
            }
            case PARSED -> {
            }
        }
        String mayMoreStack = flags.debug("maymorestack").filter(s -> !s.isEmpty()).orElse(null);
        List<String> files = flags.positional();
        if (files.isEmpty()) {
            return usage(flags, err);
        }
        String output = flags.string("o");
        if (output.isEmpty()) {
            if (files.size() != 1) {
                return usage(flags, err);
            }
            String base = Path.of(files.get(0)).getFileName().toString();
            if (base.endsWith(".s")) {
                base = base.substring(0, base.length() - 2);
            }
            output = base + ".o";
        }
        if (!goEnv.goarch().equals("amd64")) {
            err.println(OTHER_GO_ARCHITECTURES.contains(goEnv.goarch())
                    ? "asm: unsupported architecture " + goEnv.goarch() + ": goasm assembles amd64 only"
                    : "asm: unrecognized architecture " + goEnv.goarch());
            return 1;
        }
        Optional<TargetOs> os = TargetOs.byGoos(goEnv.goos()).filter(known -> release.systems().knows(known.goos()));
        if (os.isEmpty()) {
            err.println("asm: unknown goos " + goEnv.goos());
            return 1;
        }
        boolean retpoline;
        switch (flags.string("spectre")) {
            case "", "index" -> retpoline = false;
            case "all", "ret" -> retpoline = true;
            default -> {
                err.println("asm: unknown setting -spectre=" + flags.string("spectre"));
                return 2;
            }
        }
        boolean runtimeAssembly = switch (release.commandLine().runtimeAssembly()) {
            case CommandLine.RuntimeAssembly.CompilingRuntimeFlag ignored -> flags.bool("compiling-runtime");
            case CommandLine.RuntimeAssembly.Packages packages -> packages.paths().contains(flags.string("p"));
        };
        AsmOptions options = new AsmOptions(List.copyOf(files), output, flags.count("S"), flags.list("I"),
                flags.list("D"), flags.string("trimpath"), flags.bool("shared"), flags.bool("dynlink"),
                flags.bool("linkshared"), flags.bool("e"), flags.bool("gensymabis"),
                flags.string("p"), retpoline, runtimeAssembly, flags.bool("debug"),
                flags.bool("v"), mayMoreStack, workingDir, os.get(), goEnv.experiments(),
                env.getOrDefault("GOROOT", "").isEmpty() ? release.goRoot() : env.get("GOROOT"), release,
                goEnv.goamd64(), flags.bool("std"), env.getOrDefault("PWD", ""));
        return new Assembler(options, out, err, goasm.frame.InsertionLog.NONE, stream -> usage(flags, stream)).run();
    }

    /**
     * objabi's version line: "asm version go1.27.3", the experiments that differ from the
     * release's baseline after " X:", and for goasm standing in for Go's assembler, goasm's build.
     */
    static String versionLine(ReleaseProfile release, GoEnvironment goEnv, Identity identity) {
        return versionLine(release, goEnv, identity, "");
    }

    /** The version line for `-V=query`: "goexperiment" lists every experiment in some releases. */
    static String versionLine(ReleaseProfile release, GoEnvironment goEnv, Identity identity, String query) {
        StringBuilder line = new StringBuilder("asm version ").append(release.goVersion());
        boolean listAll = query.equals("goexperiment")
                && release.buildConfig().versionQuery() == BuildConfig.VersionQuery.ALL_EXPERIMENTS;
        if (listAll) {
            line.append(" X:").append(goEnv.allExperiments());
        } else if (!goEnv.experimentDifference().isEmpty()) {
            line.append(" X:").append(goEnv.experimentDifference());
        }
        switch (identity) {
            case Identity.AsGo ignored -> {
            }
            case Identity.GoasmBuild build -> line.append(" goasm=").append(build.buildId());
        }
        return line.toString();
    }

    private static int usage(GoFlagSet flags, PrintStream err) {
        err.print("usage: asm [options] file.s ...\nFlags:\n" + flags.defaults());
        return 2;
    }
}
