package goasm.run;

import goasm.conformance.GoOracle;
import goasm.conformance.RunResult;
import goasm.release.GoRelease;
import goasm.release.NewprocCall;
import goasm.release.ReleaseProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds a goasm-run program with a real Go release (Go 1.19 unless one is named) and runs it. The program calls the runtime's
 * print functions, which Go does not export to assembly; a small Go file gives main the same
 * functions under main-package names (·rt_printint, ...) and the assembly is rewritten to call
 * them. Go's print writes to stderr exactly as runtime·printint does.
 */
final class GoBuild {
    private static final String MAIN_GO = """
            package main

            import (
            	"runtime"
            	_ "unsafe"
            )

            func main()

            func rt_newproc(fn func())        { go fn() }
            func rt_Gosched()                 { runtime.Gosched() }
            func rt_GC()                      { runtime.GC() }
            func rt_semacquire(addr *uint32)  { sync_runtime_Semacquire(addr) }
            func rt_semrelease(addr *uint32)  { sync_runtime_Semrelease(addr, false, 0) }

            //go:linkname sync_runtime_Semacquire sync.runtime_Semacquire
            func sync_runtime_Semacquire(addr *uint32)

            //go:linkname sync_runtime_Semrelease sync.runtime_Semrelease
            func sync_runtime_Semrelease(addr *uint32, handoff bool, skipframes int)

            func rt_printint(v int64)   { print(v) }
            func rt_printuint(v uint64) { print(v) }
            func rt_printnl()           { print("\\n") }
            func rt_printsp()           { print(" ") }
            func rt_printbool(v bool)   { print(v) }
            func rt_printstring(s string) { print(s) }
            // In exit_amd64.s: package os (or syscall) would run its init on the main goroutine
            // and grow its stack before main.main starts, which a program without them does not.
            func rt_exit(code int32)

            // runtime.printhex: "0x" and lowercase hex digits, at least one.
            func rt_printhex(v uint64) {
            	const digits = "0123456789abcdef"
            	var buf [18]byte
            	i := len(buf)
            	for {
            		i--
            		buf[i] = digits[v%16]
            		v /= 16
            		if v == 0 {
            			break
            		}
            	}
            	i--
            	buf[i] = 'x'
            	i--
            	buf[i] = '0'
            	print(string(buf[i:]))
            }
            """;

    /** exit_group(code), as runtime.exit makes it, without importing os. */
    private static final String EXIT_S = """
            #include "textflag.h"

            TEXT ·rt_exit(SB), NOSPLIT, $0-4
            	MOVL code+0(FP), DI
            	MOVL $231, AX // SYS_exit_group
            	SYSCALL
            	RET
            """;

    private GoBuild() {
    }

    /** One Go build cache per release for every program the tests build (the standard library compiles once). */
    private static Path cache(GoRelease release) {
        return Path.of(System.getProperty("java.io.tmpdir"), "goasm-run-gocache-" + release.line());
    }

    /** The assembly as Go builds it: calls of the emulated runtime go to the main-package helpers. */
    static String forGo(String source) {
        return source.replaceAll("runtime·(print\\w+|exit|newproc|Gosched|GC|semacquire|semrelease)\\(SB\\)",
                "·rt_$1(SB)");
    }

    /**
     * The assembly as that release builds it: as {@link #forGo(String)}, except that where the
     * release's runtime·newproc takes the argument size first (Go 1.15), the program calls the
     * real runtime·newproc, which that release's linker lets a main package reference.
     */
    static String forGo(String source, GoRelease release) {
        if (!(ReleaseProfile.reference(release).newprocCall() instanceof NewprocCall.SizeFuncArgs)) {
            return forGo(source);
        }
        return source.replaceAll("runtime·(print\\w+|exit|Gosched|GC|semacquire|semrelease)\\(SB\\)", "·rt_$1(SB)");
    }

    /** The adapter {@link #forRelease} appends: newproc(fn) in the program's form, newproc(0, fn) in Go 1.15's. */
    private static final String NEWPROC_FN_ONLY = """

            // Appended for Go 1.15's runtime·newproc(siz int32, fn *funcval): this program passes
            // fn alone, as runtime·newproc(fn *funcval) takes it from Go 1.17 on.
            // go: func newprocFnOnly(fn uintptr)
            TEXT ·newprocFnOnly(SB), NOSPLIT, $16-8
            	MOVQ fn+0(FP), AX
            	MOVQ $0, 0(SP)
            	MOVQ AX, 8(SP)
            	CALL runtime·newproc(SB)
            	RET
            """;

    /**
     * A program that starts goroutines as runtime·newproc(fn) (Go 1.17 on), as the release runs
     * it: where the release's newproc takes (siz, fn) the calls go through an appended adapter
     * that passes siz 0, so goasm and the real Go both run the release's own newproc. The
     * program's lines keep their numbers; "created by" names the adapter in both.
     */
    static String forRelease(String source, GoRelease release) {
        if (!(ReleaseProfile.reference(release).newprocCall() instanceof NewprocCall.SizeFuncArgs)
                || !source.contains("runtime·newproc(SB)")) {
            return source;
        }
        String adapted = source.replace("CALL runtime·newproc(SB)", "CALL ·newprocFnOnly(SB)");
        return adapted + (adapted.contains("textflag.h") ? "" : "#include \"textflag.h\"\n") + NEWPROC_FN_ONLY;
    }

    /** The program as goasm runs it under that release: the file itself, or an adapted copy of the same name. */
    static Path programFor(Path program, GoRelease release) {
        try {
            String source = Files.readString(program);
            String adapted = forRelease(source, release);
            if (adapted.equals(source)) {
                return program;
            }
            Path copy = Files.createTempDirectory("goasm-run-adapted").resolve(program.getFileName());
            Files.writeString(copy, adapted);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Go declarations of the program's functions that take arguments (Go's linker wants their
     * argument maps): lines of the form "// go: func fib(n int) int" in the assembly.
     */
    static String goDeclarations(String source) {
        StringBuilder decls = new StringBuilder();
        for (String line : source.split("\n")) {
            if (line.startsWith("// go: ")) {
                decls.append(line.substring("// go: ".length())).append('\n');
            }
        }
        return decls.toString();
    }

    static RunResult buildAndRun(Path program) {
        return buildAndRun(program, GoRelease.GO1_19);
    }

    /** The program built by that release and run natively. */
    static RunResult buildAndRun(Path program, GoRelease release) {
        GoOracle.Toolchain go = GoOracle.of(release);
        Path binary = build(program, go);
        try {
            // goasm run's default is GOMAXPROCS=1, for reproducible runs.
            return exec(binary.getParent(), List.of(binary.toString()), go, Map.of("GOMAXPROCS", "1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started native run (GOMAXPROCS=1) of the program, stderr piped. */
    static Process start(Path program) {
        return start(program, GoRelease.GO1_19);
    }

    /** A started native run (GOMAXPROCS=1) of the program built by that release, stderr piped. */
    static Process start(Path program, GoRelease release) {
        Path binary = build(program, GoOracle.of(release));
        ProcessBuilder builder = new ProcessBuilder(binary.toString()).directory(binary.getParent().toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GO"));
        builder.environment().put("GOMAXPROCS", "1");
        try {
            return builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The native executable that release builds from the program. The module says go 1.15, which
     * every supported release accepts, and GOTOOLCHAIN=local keeps each release itself.
     */
    static Path build(Path program, GoOracle.Toolchain go) {
        try {
            return buildAsWritten(forRelease(Files.readString(program), go.release()), go);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The native executable that release builds from this assembly, its go statements as written. */
    static Path buildAsWritten(String source, GoOracle.Toolchain go) {
        return buildPackage(Map.of("main.go", MAIN_GO + goDeclarations(source), "prog_amd64.s",
                forGo(source, go.release()), "exit_amd64.s", EXIT_S), go);
    }

    /** Builds package main from these files (name to text) with that release; the executable's path. */
    static Path buildPackage(Map<String, String> files, GoOracle.Toolchain go) {
        try {
            Path dir = Files.createTempDirectory("goasm-gobuild");
            Files.writeString(dir.resolve("go.mod"), "module prog\n\ngo 1.15\n");
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
            RunResult build = goCommand(go, dir, List.of("build", "-o", "prog", "."));
            if (build.status() != 0) {
                throw new AssertionError("go build failed:\n" + build.stderr());
            }
            return dir.resolve("prog");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a built executable with GOMAXPROCS=1, as the tests run programs natively. */
    static RunResult runNative(Path binary, GoOracle.Toolchain go) {
        try {
            return exec(binary.getParent(), List.of(binary.toString()), go, Map.of("GOMAXPROCS", "1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs that release's go command in dir (its own build cache, no toolchain switching). */
    static RunResult goCommand(GoOracle.Toolchain go, Path dir, List<String> args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(go.goCommand().toString());
        command.addAll(args);
        try {
            return exec(dir, command, go, Map.of("GOCACHE", cache(go.release()).toString(), "GOFLAGS", "-mod=mod",
                    "GOTOOLCHAIN", "local", "GOPATH", dir.resolve("gopath").toString(), "HOME", dir.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunResult exec(Path dir, List<String> command, GoOracle.Toolchain go, Map<String, String> extraEnv)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GO"));
        builder.environment().put("GOROOT", go.goRoot().toString());
        builder.environment().putAll(extraEnv);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close(); // an empty standard input
        try {
            int status = p.waitFor();
            return new RunResult(status, Files.readAllBytes(out), Files.readAllBytes(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
