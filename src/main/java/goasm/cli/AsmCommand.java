package goasm.cli;

import goasm.asm.AsmOptions;
import goasm.asm.Assembler;
import goasm.obj.TargetOs;
import goasm.release.ReleaseProfile;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * `goasm asm`: Go 1.19's `go tool asm` command line, flag for flag and message for message.
 */
final class AsmCommand {

    private AsmCommand() {
    }

    private static GoFlagSet flags() {
        return new GoFlagSet()
                .define("D", GoFlagSet.Kind.LIST, "value",
                        "predefined symbol with optional simple value -D=identifier=value; can be set multiple times", "")
                .define("I", GoFlagSet.Kind.LIST, "value", "include directory; can be set multiple times", "")
                .define("S", GoFlagSet.Kind.COUNT, "", "print assembly and machine code", "")
                .define("V", GoFlagSet.Kind.STRING_OPTIONAL, "", "print version and exit", "")
                .define("compiling-runtime", GoFlagSet.Kind.BOOL, "", "source to be compiled is part of the Go runtime", "")
                .define("d", GoFlagSet.Kind.STRING, "value", "enable debugging settings; try -d help", "")
                .define("debug", GoFlagSet.Kind.BOOL, "", "dump instructions as they are parsed", "")
                .define("dynlink", GoFlagSet.Kind.BOOL, "",
                        "support references to Go symbols defined in other shared libraries", "")
                .define("e", GoFlagSet.Kind.BOOL, "", "no limit on number of errors reported", "")
                .define("gensymabis", GoFlagSet.Kind.BOOL, "",
                        "write symbol ABI information to output file, don't assemble", "")
                .define("linkshared", GoFlagSet.Kind.BOOL, "",
                        "generate code that will be linked against Go shared libraries", "")
                .define("o", GoFlagSet.Kind.STRING, "string",
                        "output file; default foo.o for /a/b/c/foo.s as first argument", "")
                .define("p", GoFlagSet.Kind.STRING, "string", "set expected package import to path",
                        "\"<unlinkable>\"")
                .define("shared", GoFlagSet.Kind.BOOL, "",
                        "generate code that can be linked into a shared library", "")
                .define("spectre", GoFlagSet.Kind.STRING, "list", "enable spectre mitigations in list (all, ret)", "")
                .define("trimpath", GoFlagSet.Kind.STRING, "string", "remove prefix from recorded source file paths", "")
                .define("v", GoFlagSet.Kind.BOOL, "", "print debug output", "");
    }

    /** The architectures Go 1.19's assembler knows besides amd64 (cmd/asm/internal/arch). */
    private static final Set<String> OTHER_GO_ARCHITECTURES = Set.of("386", "arm", "arm64", "loong64", "mips",
            "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm");

    /**
     * Runs `asm args...` with {@code env} as its environment (GOOS, GOARCH, GOAMD64,
     * GOEXPERIMENT, ... are read from it as Go reads them).
     */
    static int run(List<String> args, Path workingDir, Map<String, String> env, PrintStream out, PrintStream err) {
        ReleaseProfile release;
        try {
            release = ReleaseChoice.choose(env);
        } catch (ReleaseChoice.Unsupported e) {
            err.println(e.getMessage());
            return 2;
        }
        GoEnvironment goEnv;
        try {
            goEnv = GoEnvironment.read(env);
        } catch (GoEnvironment.Invalid e) {
            // Go checks its build configuration before anything else.
            err.println("asm: " + e.getMessage());
            return 2;
        }
        GoFlagSet flags = flags();
        try {
            flags.parse(args);
        } catch (GoFlagSet.FlagException e) {
            if (e.getMessage() != null) {
                err.println(e.getMessage());
            }
            return usage(flags, err);
        }
        if (flags.isSet("V")) {
            out.println("asm version " + release.goVersion());
            return 0;
        }
        String mayMoreStack = null;
        String debugSetting = flags.string("d", "");
        if (!debugSetting.isEmpty()) {
            for (String setting : debugSetting.split(",")) {
                int eq = setting.indexOf('=');
                String key = eq < 0 ? setting : setting.substring(0, eq);
                String value = eq < 0 ? "1" : setting.substring(eq + 1);
                switch (key) {
                    case "maymorestack" -> mayMoreStack = value;
                    case "pctab" -> {
                        // Accepted for compatibility; pc-value tables are not printed yet.
                    }
                    case "help" -> {
                        out.print(DEBUG_HELP);
                        return 0;
                    }
                    default -> {
                        err.println("asm: unknown debug key " + key);
                        return 2;
                    }
                }
            }
        }
        List<String> files = flags.positional();
        if (files.isEmpty()) {
            return usage(flags, err);
        }
        String output = flags.string("o", "");
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
        Optional<TargetOs> os = TargetOs.byGoos(goEnv.goos());
        if (os.isEmpty()) {
            err.println("asm: unknown goos " + goEnv.goos());
            return 1;
        }
        boolean retpoline;
        switch (flags.string("spectre", "")) {
            case "", "index" -> retpoline = false;
            case "all", "ret" -> retpoline = true;
            default -> {
                err.println("asm: unknown setting -spectre=" + flags.string("spectre", ""));
                return 2;
            }
        }
        AsmOptions options = new AsmOptions(List.copyOf(files), output, flags.count("S"), flags.list("I"),
                flags.list("D"), flags.string("trimpath", ""), flags.bool("shared"), flags.bool("dynlink"),
                flags.bool("linkshared"), flags.bool("e"), flags.bool("gensymabis"),
                flags.string("p", "<unlinkable>"), retpoline, flags.bool("compiling-runtime"), flags.bool("debug"),
                flags.bool("v"), mayMoreStack, workingDir, os.get(), goEnv.experiments(),
                env.getOrDefault("GOROOT", "").isEmpty() ? release.goRoot() : env.get("GOROOT"), release);
        return new Assembler(options, out, err).run();
    }

    private static int usage(GoFlagSet flags, PrintStream err) {
        err.print("usage: asm [options] file.s ...\nFlags:\n" + flags.defaults());
        return 2;
    }

    private static final String DEBUG_HELP = """
            usage: -d arg[,arg]* and arg is <key>[=<value>]

            <key> is one of:

            \tmaymorestack\tcall named function before all stack growth checks
            \tpctab       \tprint named pc-value table
            \t            \tOne of: pctospadj, pctofile, pctoline, pctoinline, pctopcdata
            """;
}
