package goasm.run;

import goasm.conformance.GoOracle;
import goasm.conformance.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds a goasm-run program with real Go 1.19 and runs it. The program calls the runtime's
 * print functions, which Go does not export to assembly; a small Go file gives main the same
 * functions under main-package names (·rt_printint, ...) and the assembly is rewritten to call
 * them. Go's print writes to stderr exactly as runtime·printint does.
 */
final class GoBuild {
    private static final String MAIN_GO = """
            package main

            import (
            	"os"
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
            func rt_exit(code int32)    { os.Exit(int(code)) }

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

    private GoBuild() {
    }

    /** One Go build cache for every program the tests build (the standard library compiles once). */
    private static final Path CACHE = Path.of(System.getProperty("java.io.tmpdir"), "goasm-run-gocache");

    /** The assembly as Go builds it: calls of the emulated runtime go to the main-package helpers. */
    static String forGo(String source) {
        return source.replaceAll("runtime·(print\\w+|exit|newproc|Gosched|GC|semacquire|semrelease)\\(SB\\)",
                "·rt_$1(SB)");
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
        Path binary = build(program);
        try {
            // goasm run's default is GOMAXPROCS=1, for reproducible runs.
            return exec(binary.getParent(), List.of(binary.toString()), Map.of("GOMAXPROCS", "1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started native run (GOMAXPROCS=1) of the program, stderr piped. */
    static Process start(Path program) {
        Path binary = build(program);
        ProcessBuilder builder = new ProcessBuilder(binary.toString()).directory(binary.getParent().toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GO"));
        builder.environment().put("GOMAXPROCS", "1");
        try {
            return builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The native executable Go builds from the program. */
    static Path build(Path program) {
        try {
            Path dir = Files.createTempDirectory("goasm-gobuild");
            Files.writeString(dir.resolve("go.mod"), "module prog\n\ngo 1.19\n");
            String source = Files.readString(program);
            Files.writeString(dir.resolve("main.go"), MAIN_GO + goDeclarations(source));
            Files.writeString(dir.resolve("prog_amd64.s"), forGo(source));
            RunResult build = exec(dir, List.of(GoOracle.goCommand().toString(), "build", "-o", "prog", "."),
                    Map.of("GOCACHE", CACHE.toString(), "GOFLAGS", "-mod=mod",
                            "GOPATH", dir.resolve("gopath").toString(), "HOME", dir.toString()));
            if (build.status() != 0) {
                throw new AssertionError("go build failed:\n" + build.stderr());
            }
            return dir.resolve("prog");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunResult exec(Path dir, List<String> command, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GO"));
        builder.environment().put("GOROOT", GoOracle.GOROOT.toString());
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
