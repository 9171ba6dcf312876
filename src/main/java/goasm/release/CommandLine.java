package goasm.release;

import java.util.ArrayList;
import java.util.List;

/**
 * A release's `asm` command line: its flags (names, how each takes a value, help texts and
 * defaults as `-h` prints them), the keys `-d` knows, and whether `@file` arguments are
 * expanded before the flags are parsed.
 *
 * @param flags                the flags, in no particular order (the usage text sorts them by name)
 * @param debugKeys            the keys of `-d` (empty when the release has no `-d` flag)
 * @param responseFiles whether and how an argument `@file` is replaced by the arguments in that file
 *                      (cmd/internal/objabi.Flagparse, from Go 1.21 on)
 * @param runtimeAssembly what makes the assembly the runtime's own, allowed ABI selectors
 *                      (`name<ABIInternal>`) and given the GOEXPERIMENT_name macros
 */
public record CommandLine(List<Flag> flags, List<DebugKey> debugKeys, ResponseFiles responseFiles,
                          RuntimeAssembly runtimeAssembly) {
    public CommandLine {
        flags = List.copyOf(flags);
        debugKeys = List.copyOf(debugKeys);
    }

    /** How `@file` arguments are read. */
    public enum ResponseFiles {
        /** "@file" is an ordinary argument. */
        NONE,
        /**
         * One argument per line of the trimmed file (carriage returns dropped), with backslash-n and
         * a doubled backslash decoded.
         */
        ONE_PER_LINE,
        /** Shell-like words: blanks separate, single and double quotes and backslashes as in sh. */
        SHELL_WORDS
    }

    /** What tells the assembler that it assembles the runtime's own code. */
    public sealed interface RuntimeAssembly {
        /** The -compiling-runtime flag, which the go command passes (Go 1.19–1.21; absent in 1.15). */
        record CompilingRuntimeFlag() implements RuntimeAssembly {
        }

        /** The package path (-p) is one of these (objabi's AllowAsmABI packages, from Go 1.22). */
        record Packages(java.util.Set<String> paths) implements RuntimeAssembly {
            public Packages {
                paths = java.util.Set.copyOf(paths);
            }
        }
    }

    /** How a flag takes its value, in Go's flag package terms. */
    public enum FlagKind {
        /** -flag, -flag=true/false. */
        BOOL,
        /** -flag value, -flag=value. */
        STRING,
        /** A string that may be given many times, all values kept (-D, -I). */
        LIST,
        /** objabi's count flag: -S adds one, -S=n sets n. */
        COUNT,
        /** objabi's -V: boolean syntax with an optional =value; prints the version and exits at once. */
        VERSION,
        /** objabi's -d: a comma-separated list of debug keys, checked as it is parsed. */
        DEBUG
    }

    /**
     * One flag.
     *
     * @param name         without the dash
     * @param kind         how it takes its value
     * @param valueName    the name of the value in the usage text ("string", "value", "list"; empty for booleans)
     * @param usage        the help text
     * @param defaultValue the value when not given; the usage text shows one that is not empty
     *                     (quoted for a string flag)
     */
    public record Flag(String name, FlagKind kind, String valueName, String usage, String defaultValue) {
    }

    /** The value a debug key takes: a string, or an integer (anything else is fatal). */
    public enum DebugValue {
        STRING,
        INT
    }

    /** One key of `-d`, with its `-d help` text (a newline in it continues on an indented line). */
    public record DebugKey(String name, DebugValue value, String help) {
    }

    public static CommandLine of(GoRelease release) {
        List<Flag> flags = new ArrayList<>(List.of(
                new Flag("D", FlagKind.LIST, "value",
                        "predefined symbol with optional simple value -D=identifier=value; can be set multiple times", ""),
                new Flag("I", FlagKind.LIST, "value", "include directory; can be set multiple times", ""),
                new Flag("V", FlagKind.VERSION, "", "print version and exit", ""),
                new Flag("debug", FlagKind.BOOL, "", "dump instructions as they are parsed", ""),
                new Flag("dynlink", FlagKind.BOOL, "",
                        "support references to Go symbols defined in other shared libraries", ""),
                new Flag("e", FlagKind.BOOL, "", "no limit on number of errors reported", ""),
                new Flag("gensymabis", FlagKind.BOOL, "", "write symbol ABI information to output file, don't assemble", ""),
                new Flag("o", FlagKind.STRING, "string", "output file; default foo.o for /a/b/c/foo.s as first argument", ""),
                new Flag("shared", FlagKind.BOOL, "", "generate code that can be linked into a shared library", ""),
                new Flag("spectre", FlagKind.STRING, "list", "enable spectre mitigations in list (all, ret)", ""),
                new Flag("trimpath", FlagKind.STRING, "string", "remove prefix from recorded source file paths", "")));
        Flag importPath = new Flag("p", FlagKind.STRING, "string", "set expected package import to path", "<unlinkable>");
        Flag compilingRuntime = new Flag("compiling-runtime", FlagKind.BOOL, "",
                "source to be compiled is part of the Go runtime", "");
        Flag debug = new Flag("d", FlagKind.DEBUG, "value", "enable debugging settings; try -d help", "");
        Flag linkshared = new Flag("linkshared", FlagKind.BOOL, "",
                "generate code that will be linked against Go shared libraries", "");
        Flag verbose = new Flag("v", FlagKind.BOOL, "", "print debug output", "");
        Flag printCount = new Flag("S", FlagKind.COUNT, "", "print assembly and machine code", "");
        List<DebugKey> keys = new ArrayList<>(List.of(
                new DebugKey("maymorestack", DebugValue.STRING, "call named function before all stack growth checks"),
                new DebugKey("pctab", DebugValue.STRING,
                        "print named pc-value table\nOne of: pctospadj, pctofile, pctoline, pctoinline, pctopcdata")));
        DebugKey compress = new DebugKey("compressinstructions", DebugValue.INT,
                "use compressed instructions when possible (if supported by architecture)");
        switch (release) {
            case GO1_15 -> {
                // No -d, -v or -linkshared yet; -S is a plain boolean and -p has no default.
                flags.add(new Flag("S", FlagKind.BOOL, "", "print assembly and machine code", ""));
                flags.add(new Flag("p", FlagKind.STRING, "string", "set expected package import to path", ""));
                flags.add(new Flag("go115newobj", FlagKind.BOOL, "", "use new object file format", "true"));
                keys.clear();
            }
            case GO1_19, GO1_21 -> flags.addAll(List.of(printCount, importPath, compilingRuntime, debug, linkshared,
                    verbose));
            case GO1_22, GO1_23, GO1_24 -> flags.addAll(List.of(printCount, importPath, debug, linkshared, verbose));
            case GO1_26 -> {
                flags.addAll(List.of(printCount, importPath, debug, linkshared, verbose));
                keys.add(0, compress);
            }
            case GO1_27 -> {
                flags.addAll(List.of(printCount, importPath, debug, linkshared, verbose,
                        new Flag("std", FlagKind.BOOL, "", "building standard library", "")));
                keys.add(0, compress);
            }
        }
        ResponseFiles responseFiles = switch (release) {
            case GO1_15, GO1_19 -> ResponseFiles.NONE;
            case GO1_21, GO1_22, GO1_23, GO1_24, GO1_26 -> ResponseFiles.ONE_PER_LINE;
            case GO1_27 -> ResponseFiles.SHELL_WORDS;
        };
        java.util.Set<String> common = java.util.Set.of("runtime", "reflect", "syscall", "internal/bytealg",
                "internal/chacha8rand");
        RuntimeAssembly runtimeAssembly = switch (release) {
            case GO1_15, GO1_19, GO1_21 -> new RuntimeAssembly.CompilingRuntimeFlag();
            case GO1_22 -> packages(common, "runtime/internal/syscall", "runtime/internal/startlinetest");
            case GO1_23, GO1_24 -> packages(common, "internal/runtime/syscall", "runtime/internal/startlinetest");
            case GO1_26 -> packages(common, "internal/runtime/syscall/linux", "internal/runtime/syscall/windows",
                    "internal/runtime/startlinetest");
            case GO1_27 -> packages(common, "internal/runtime/syscall/linux", "internal/runtime/syscall/windows",
                    "internal/runtime/startlinetest", "internal/runtime/maps");
        };
        return new CommandLine(flags, keys, responseFiles, runtimeAssembly);
    }

    private static RuntimeAssembly packages(java.util.Set<String> common, String... more) {
        java.util.Set<String> all = new java.util.HashSet<>(common);
        all.addAll(List.of(more));
        return new RuntimeAssembly.Packages(all);
    }

    /** The flag named {@code name}, if this release has it. */
    public java.util.Optional<Flag> flag(String name) {
        return flags.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
