package goasm.conformance;

import goasm.obj.TargetOs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GOOS (and GOARCH, GOEXPERIMENT...) from the environment change goasm's output as they change
 * Go 1.19's. The expected listings were printed by Go's assembler, e.g.
 * {@code GOOS=windows asm -S -p x -o o.o t.s}; the sweep at the end runs Go itself.
 */
class TargetOsTest {
    @TempDir
    Path work;

    /** Reads g at offset 8: the one-instruction form where the system allows it. */
    private static final String TLS_READ = """
            #include "textflag.h"
            TEXT ·f(SB),NOSPLIT,$0
            	MOVQ 8(TLS), AX
            	RET
            """;

    private RunResult goasm(String goos, String source, String... flags) throws IOException {
        return goasmWith(Map.of("GOOS", goos), source, flags);
    }

    private RunResult goasmWith(Map<String, String> env, String source, String... flags) throws IOException {
        Files.writeString(work.resolve("t.s"), source);
        return Goasm.asm(args(flags), work, env);
    }

    private List<String> args(String... flags) {
        List<String> args = new ArrayList<>(List.of("-S", "-p", "x", "-I", GoOracle.includeDir().toString(),
                "-o", "t.o"));
        for (String f : flags) {
            if (!f.isEmpty()) {
                args.add(f);
            }
        }
        args.add("t.s");
        return args;
    }

    /** The listing without the TEXT, FUNCDATA and symbol header lines, as the expectations below are written. */
    private static String body(RunResult r) {
        return String.join("\n", r.stdout().lines()
                .filter(l -> !l.contains("STEXT") && !l.contains("\tTEXT\t") && !l.contains("FUNCDATA")).toList());
    }

    @ParameterizedTest(name = "GOOS={0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # One instruction through %fs with a TLS_LE relocation (local exec).
            linux   |        | MOVQ\t8(TLS), AX;64 48 8b 04 25 00 00 00 00 c3;rel 5+4 t=15 TLS+8
            freebsd |        | MOVQ\t8(TLS), AX;64 48 8b 04 25 00 00 00 00 c3;rel 5+4 t=15 TLS+8
            solaris |        | MOVQ\t8(TLS), AX;64 48 8b 04 25 00 00 00 00 c3;rel 5+4 t=15 TLS+8
            # darwin reads through %gs, and keeps the relocation with -shared.
            darwin  |        | MOVQ\t8(TLS), AX;65 48 8b 04 25 00 00 00 00 c3;rel 5+4 t=15 TLS+8
            darwin  | -shared| MOVQ\t8(TLS), AX;65 48 8b 04 25 00 00 00 00 c3;rel 5+4 t=15 TLS+8
            # solaris with -shared: the same bytes, no relocation.
            solaris | -shared| MOVQ\t8(TLS), AX;64 48 8b 04 25 00 00 00 00 c3
            # Initial exec: the TLS offset from the GOT, then an unpreemptible %fs read.
            linux   | -shared| MOVQ\tTLS, AX;PCDATA\t$0, $-2;MOVQ\t8(AX)(TLS*2), AX;PCDATA\t$0, $-1;48 8b 05 00 00 00 00 64 48 8b 40 08 c3;rel 3+4 t=16 +-4
            freebsd | -shared| MOVQ\tTLS, AX;PCDATA\t$0, $-2;MOVQ\t8(AX)(TLS*2), AX;PCDATA\t$0, $-1;48 8b 05 00 00 00 00 64 48 8b 40 08 c3;rel 3+4 t=16 +-4
            # windows: the TLS base is %gs:0x28; the read gets a TLS_LE relocation (none with -shared).
            windows |        | MOVQ\tTLS, AX;PCDATA\t$0, $-2;MOVQ\t8(AX)(TLS*2), AX;PCDATA\t$0, $-1;65 48 8b 04 25 28 00 00 00 48 8b 80 00 00 00 00;c3;rel 12+4 t=15 TLS+8
            windows | -shared| MOVQ\tTLS, AX;PCDATA\t$0, $-2;MOVQ\t8(AX)(TLS*2), AX;PCDATA\t$0, $-1;65 48 8b 04 25 28 00 00 00 48 8b 40 08 c3
            # plan9: the TLS base is the variable _privates.
            plan9   |        | MOVQ\tTLS, AX;PCDATA\t$0, $-2;MOVQ\t8(AX)(TLS*2), AX;PCDATA\t$0, $-1;48 8b 05 00 00 00 00 48 8b 80 00 00 00 00 c3;rel 3+4 t=14 _privates+0;rel 10+4 t=15 TLS+8
            plan9   | -shared| MOVQ\tTLS, AX;PCDATA\t$0, $-2;MOVQ\t8(AX)(TLS*2), AX;PCDATA\t$0, $-1;48 8b 05 00 00 00 00 64 48 8b 40 08 c3;rel 3+4 t=14 _privates+0
            # android: the TLS offset is the variable runtime.tls_g, the read has no relocation.
            android |        | MOVQ\truntime.tls_g(SB), AX;PCDATA\t$0, $-2;MOVQ\t8(AX)(TLS*2), AX;PCDATA\t$0, $-1;48 8b 05 00 00 00 00 48 8b 40 08 c3;rel 3+4 t=14 runtime.tls_g+0
            android | -shared| MOVQ\truntime.tls_g(SB), AX;PCDATA\t$0, $-2;MOVQ\t8(AX)(TLS*2), AX;PCDATA\t$0, $-1;48 8b 05 00 00 00 00 64 48 8b 40 08 c3;rel 3+4 t=14 runtime.tls_g+0
            """)
    void tlsIsReachedTheSystemsWay(String goos, String flag, String expected) throws IOException {
        RunResult r = goasm(goos, TLS_READ, flag == null ? "" : flag.strip());

        assertThat(r.stderr()).isEmpty();
        // Each expected piece is the start of one listing line (instructions after their pc
        // columns, code bytes after their offset), in order; the RET line is left out.
        List<String> lines = body(r).lines()
                .map(l -> l.replaceFirst("^\t0x[0-9a-f]{4} \\d{5} \\(t\\.s:\\d+\\)\t", "")
                        .replaceFirst("^\t0x[0-9a-f]{4} ", "").replaceFirst("^\t", ""))
                .filter(l -> !l.equals("RET")).toList();
        List<String> pieces = List.of(expected.replace("\\t", "\t").split(";"));
        assertThat(lines).as(r.stdout()).hasSameSizeAs(pieces);
        for (int i = 0; i < pieces.size(); i++) {
            assertThat(lines.get(i)).as(r.stdout()).startsWith(pieces.get(i));
        }
        assertThat(r.status()).isZero();
    }

    @Test
    void solarisAddressesLibcImportsAbsolutely() throws IOException {
        RunResult r = goasm("solaris", """
                #include "textflag.h"
                TEXT ·f(SB),NOSPLIT,$0
                	LEAQ libc_foo(SB), AX
                	MOVQ libc_foo+8(SB), AX
                	CALL libc_foo(SB)
                	PUSHQ $libc_foo(SB)
                	POPQ AX
                	MOVQ other(SB), AX
                	MOVQ TLS, BX
                	RET
                """);

        // Go: R_ADDR (t=1) with SIB-absolute addressing for libc_*, R_PCREL (t=14) for others,
        // and MOVQ TLS, BX kept and encoded as a read of %fs:0.
        assertThat(r.stdout()).contains("""
                \t0x0000 48 8d 04 25 00 00 00 00 48 8b 04 25 00 00 00 00  H..%....H..%....
                \t0x0010 e8 00 00 00 00 68 00 00 00 00 58 48 8b 05 00 00  .....h....XH....
                \t0x0020 00 00 64 48 8b 1c 25 00 00 00 00 c3              ..dH..%.....
                \trel 4+4 t=1 libc_foo+0
                \trel 12+4 t=1 libc_foo+8
                \trel 17+4 t=7 libc_foo+0
                \trel 22+4 t=1 libc_foo+0
                \trel 30+4 t=14 other+0
                """);
        assertThat(r.status()).isZero();
    }

    @Test
    void elsewhereAPushOfASymbolAddressIsInvalid() throws IOException {
        RunResult r = goasm("linux", "TEXT ·f(SB),0,$0\n\tPUSHQ $libc_foo(SB)\n\tRET\n");

        assertThat(r.stderr()).isEqualTo("asm: \"\".f: unbalanced PUSH/POP\n"
                + "asm: \"\".f: invalid instruction: 00000 (t.s:2)\tPUSHQ\t$libc_foo(SB)\n"
                + "asm: assembly failed\n");
    }

    @Test
    void aixListsDataByName() throws IOException {
        String data = """
                #include "textflag.h"
                DATA ·zeta+0(SB)/8, $1
                GLOBL ·zeta(SB), RODATA, $8
                DATA ·alpha+0(SB)/8, $2
                GLOBL ·alpha(SB), RODATA, $8
                """;

        assertThat(goasm("aix", data).stdout().lines().filter(l -> l.contains("SRODATA")))
                .containsExactly("\"\".alpha SRODATA size=8", "\"\".zeta SRODATA size=8");
        assertThat(goasm("linux", data).stdout().lines().filter(l -> l.contains("SRODATA")))
                .containsExactly("\"\".zeta SRODATA size=8", "\"\".alpha SRODATA size=8");
    }

    @ParameterizedTest(name = "GOOS={0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # Go's log.Fatalf: the message, status 1, nothing else (no listing, no "assembly failed").
            js      |        | asm: unknown TLS base register for 4
            aix     |        | asm: unknown TLS base register for 11
            windows |        | asm: unknown TLS base register for 10
            plan9   |        | asm: unknown TLS base register for 8
            linux   | -shared| asm: unknown TLS base register for linux with -shared
            """)
    void aDirectTlsReferenceWithoutADirectFormStopsTheRun(String goos, String flag, String message) throws IOException {
        RunResult r = goasm(goos, "TEXT ·f(SB),0,$0\n\tMOVQ AX, 8(TLS)\n\tRET\nTEXT ·g(SB),0,$0\n\tUD2\n\tRET\n",
                flag == null ? "" : flag.strip());

        assertThat(r.stderr()).isEqualTo(message + "\n");
        assertThat(r.stdout()).isEmpty();
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void aTlsBaseLoadOtherThanMovqIsReportedAndStillEncoded() throws IOException {
        RunResult r = goasm("windows", "#include \"textflag.h\"\nTEXT ·f(SB),NOSPLIT,$0\n\tMOVL TLS, BX\n\tRET\n");

        assertThat(r.stderr()).isEqualTo("asm: invalid load of TLS: 00000 (t.s:3)\tMOVL\tTLS, BX\nasm: assembly failed\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GOOS=foo              | 1 | asm: unknown goos foo
            GOOS=wasip1           | 1 | asm: unknown goos wasip1
            GOARCH=foo            | 1 | asm: unrecognized architecture foo
            GOARCH=arm64          | 1 | asm: unsupported architecture arm64: goasm assembles amd64 only
            GOAMD64=v5            | 2 | asm: invalid GOAMD64: must be v1, v2, v3, v4
            GOEXPERIMENT=bogus    | 2 | asm: unknown GOEXPERIMENT bogus
            """)
    void aBadEnvironmentIsReportedInGosWords(String setting, int status, String message) throws IOException {
        String[] kv = setting.split("=", 2);
        RunResult r = goasmWith(Map.of(kv[0], kv[1]), "TEXT ·f(SB),0,$0\n\tRET\n");

        assertThat(r.stderr()).isEqualTo(message + "\n");
        assertThat(r.status()).isEqualTo(status);
    }

    @Test
    void buildConfigurationErrorsComeBeforeTheFlagsAndArchitectureErrorsAfter() {
        // Go: GOAMD64=v9 asm -V fails with status 2; GOARCH=foo asm -V prints the version.
        assertThat(Goasm.asm(List.of("-V"), work, Map.of("GOAMD64", "v9")).stderr())
                .isEqualTo("asm: invalid GOAMD64: must be v1, v2, v3, v4\n");
        RunResult version = Goasm.asm(List.of("-V"), work, Map.of("GOARCH", "foo", "GOOS", "foo"));
        assertThat(version.stdout()).isEqualTo("asm version go1.19.8\n");
        assertThat(version.status()).isZero();
        // The architecture is checked before the system and before the input is opened.
        RunResult both = Goasm.asm(List.of("-o", "x.o", "absent.s"), work, Map.of("GOARCH", "foo", "GOOS", "foo"));
        assertThat(both.stderr()).isEqualTo("asm: unrecognized architecture foo\n");
    }

    @Test
    void experimentsBecomeRuntimeMacros() throws IOException {
        String source = """
                #include "textflag.h"
                TEXT ·f(SB),NOSPLIT,$0
                #ifdef GOEXPERIMENT_unified
                	MOVQ $1, AX
                #endif
                #ifdef GOEXPERIMENT_regabiargs
                	MOVQ $3, AX
                #endif
                	RET
                """;

        RunResult r = goasmWith(Map.of("GOEXPERIMENT", "unified"), source, "-compiling-runtime");

        assertThat(r.stdout()).contains("(t.s:4)\tMOVQ\t$1, AX").contains("(t.s:7)\tMOVQ\t$3, AX");
        assertThat(goasmWith(Map.of(), source, "-compiling-runtime").stdout()).doesNotContain("$1, AX");
    }

    /** Every system, with and without -shared and -dynlink, on the TLS and addressing forms: as Go. */
    @ParameterizedTest(name = "GOOS={0}")
    @EnumSource(TargetOs.class)
    void everySystemMatchesGo(TargetOs os) throws IOException {
        List<String> sources = List.of(TLS_READ, """
                #include "textflag.h"
                TEXT ·f(SB),NOSPLIT,$0
                	MOVQ (TLS), AX
                	MOVQ TLS, BX
                	MOVQ 8(BX)(TLS*1), CX
                	MOVQ CX, 0(BX)(TLS*1)
                	MOVQ TLS, R12
                	MOVQ 0(R12)(TLS*1), R13
                	RET
                TEXT ·g(SB),$16-0
                	CALL ·f(SB)
                	RET
                TEXT ·h(SB),$10000-0
                	MOVQ $0, AX
                	RET
                """, """
                #include "textflag.h"
                TEXT ·f(SB),NOSPLIT,$0
                	MOVQ 16(TLS), DX
                	MOVQ DX, 24(TLS)
                	RET
                """, """
                #include "textflag.h"
                TEXT ·f(SB),NOSPLIT,$0
                	LEAQ libc_foo(SB), AX
                	MOVQ libc_foo(SB), AX
                	MOVQ $libc_foo(SB), AX
                	CALL libc_foo(SB)
                	JMP libc_foo(SB)
                	MOVQ AX, libc_foo+8(SB)
                	MOVQ other(SB), AX
                	RET
                DATA ·z+0(SB)/8, $1
                GLOBL ·z(SB), RODATA, $8
                DATA ·a+0(SB)/8, $1
                GLOBL ·a(SB), RODATA, $8
                """);
        Map<String, String> env = Map.of("GOOS", os.goos());
        for (String flag : List.of("", "-shared", "-dynlink")) {
            for (String source : sources) {
                Files.writeString(work.resolve("t.s"), source);
                List<String> args = args(flag);
                RunResult go = GoOracle.asm(args, work, env);
                RunResult goasm = Goasm.asm(args, work, env);
                String what = "GOOS=" + os.goos() + " " + flag + " on\n" + source;
                assertThat(goasm.stderrBytesAsText()).as("stderr, " + what).isEqualTo(go.stderrBytesAsText());
                assertThat(goasm.stdoutBytesAsText()).as("listing, " + what).isEqualTo(go.stdoutBytesAsText());
                assertThat(goasm.status()).as("status, " + what).isEqualTo(go.status());
            }
        }
    }
}
