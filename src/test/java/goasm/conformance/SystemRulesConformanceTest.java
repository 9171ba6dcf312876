package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules that depend on the target system, for every release: each small input is assembled by
 * that release's own asm and by goasm following it, with the same GOOS, and the listing,
 * diagnostics, exit status and object file must be the same. Where a case names what Go
 * produces, a hand check of Go's output backs the comparison (so that a case that stopped
 * exercising its rule would be noticed).
 */
class SystemRulesConformanceTest {
    @TempDir
    Path work;

    /**
     * Functions with and without a frame: on windows (Go 1.21 on) each framed one gets unwind
     * info; frames with the same prologue share one go:sehuw symbol; a function whose frame
     * pointer is set up after a stack check gets its own. A $f64 constant shows where the
     * unwind symbols come in the data.
     */
    private static final String FRAMES = """
            #include "textflag.h"

            TEXT ·framed(SB), 0, $16-8
            	MOVQ a+0(FP), AX
            	MOVQ AX, ret+8(FP)
            	RET

            TEXT ·framedToo(SB), NOSPLIT, $8-0
            	MOVSD $1.5, X0
            	RET

            TEXT ·leaf(SB), NOSPLIT, $0-8
            	RET

            TEXT ·noframe(SB), NOSPLIT|NOFRAME, $16-8
            	RET

            TEXT ·checked(SB), 0, $64-0
            	CALL ·framed(SB)
            	RET
            """;

    /** The runtime's cgo landing pad: its unwind info names an exception handler (Go 1.22 on). */
    private static final String LANDING_PAD = """
            #include "textflag.h"

            TEXT ·asmcgocall_landingpad(SB), NOSPLIT, $0-0
            	ADJSP $32
            	MOVQ BX, CX
            	CALL AX
            	BYTE $0x90
            	ADJSP $-32
            	RET
            """;

    /**
     * g through the TLS base: on windows (Go 1.21 on) R holds g's address after the base load,
     * so off(R)(TLS*1) needs no TLS_LE relocation.
     */
    private static final String TLS_INDEX = """
            #include "textflag.h"

            TEXT ·g(SB), NOSPLIT, $0-8
            	MOVQ TLS, AX
            	MOVQ 0(AX)(TLS*1), AX
            	MOVQ AX, ret+0(FP)
            	RET
            """;

    /** An index register written without a scale, as the windows runtime's settls does. */
    private static final String INDEX_WITHOUT_SCALE = """
            #include "textflag.h"

            TEXT ·settls(SB), NOSPLIT, $0
            	MOVQ 0x28(GS), CX
            	MOVQ DI, 0(CX)(GS)
            	MOVQ 8(CX)(GS), DI
            	RET
            """;

    /** The argument maps Go adds for a file-local function are file-local symbols too. */
    private static final String STATIC_FUNCTION = """
            #include "textflag.h"

            TEXT helper<>(SB), NOSPLIT, $0-8
            	RET

            TEXT ·f(SB), NOSPLIT, $0-0
            	CALL helper<>(SB)
            	RET
            """;

    /** main.main, which the runtime reaches by linkname: Go 1.27 flags it so in the object. */
    private static final String MAIN = """
            #include "textflag.h"

            TEXT main·main(SB), NOSPLIT, $0-0
            	CALL main·other(SB)
            	RET
            """;

    /** plan9's runtime defines _privates itself: Go 1.27 flags it wherever it appears. */
    private static final String PRIVATES = """
            #include "textflag.h"

            TEXT ·settls(SB), NOSPLIT, $0
            	MOVQ AX, _privates(SB)
            	RET

            GLOBL _privates(SB), NOPTR, $8
            """;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (GoRelease release : GoRelease.values()) {
            all.add(Arguments.of(release, "windows", "example.com/p", "frames", FRAMES));
            all.add(Arguments.of(release, "windows", "runtime", "landing pad", LANDING_PAD));
            all.add(Arguments.of(release, "windows", "example.com/p", "TLS index", TLS_INDEX));
            // plan9 reads the TLS base from _privates, which Go 1.27 marks as reached by linkname.
            all.add(Arguments.of(release, "plan9", "example.com/p", "TLS index", TLS_INDEX));
            all.add(Arguments.of(release, "linux", "main", "main.main", MAIN));
            all.add(Arguments.of(release, "plan9", "runtime", "_privates defined", PRIVATES));
            all.add(Arguments.of(release, "linux", "runtime", "_privates defined", PRIVATES));
            for (String goos : List.of("windows", "linux", "darwin")) {
                all.add(Arguments.of(release, goos, "example.com/p", "index without scale", INDEX_WITHOUT_SCALE));
                all.add(Arguments.of(release, goos, "example.com/p", "static function", STATIC_FUNCTION));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "Go {0} GOOS={1} {3}")
    @MethodSource("cases")
    void sameAsGo(GoRelease release, String goos, String pkg, String what, String source) throws IOException {
        Files.writeString(work.resolve("t.s"), source);
        GoOracle.Toolchain go = GoOracle.of(release);
        Map<String, String> env = Map.of("GOOS", goos, "GOARCH", "amd64");
        RunResult want = go.asm(args(go, pkg, "go.o"), work, env);
        RunResult got = Goasm.asm(release, args(go, pkg, "goasm.o"), work, env);
        assertThat(got.stderr()).isEqualTo(want.stderr());
        assertThat(got.status()).isEqualTo(want.status());
        assertThat(got.stdout()).isEqualTo(want.stdout());
        Path goObject = work.resolve("go.o");
        Path goasmObject = work.resolve("goasm.o");
        assertThat(Files.exists(goasmObject)).isEqualTo(Files.exists(goObject));
        if (Files.exists(goObject)) {
            byte[] expected = Files.readAllBytes(goObject);
            byte[] actual = Files.readAllBytes(goasmObject);
            assertThat(ObjectFileDiff.firstDifference(expected, actual)).as("object file").isNull();
        }
    }

    /**
     * Hand check of Go 1.27's windows output for {@link #FRAMES}: "framed" pushes BP at 0 and
     * sets it at 1 (prologue 4 bytes); "checked" first loads g (14 bytes) and compares SP
     * (6 bytes), so BP is pushed at 20 and set at 21, prologue 24 (0x18) bytes. UNWIND_INFO:
     * version 1, prologue size, 2 codes, frame register BP (5); then SET_FPREG (3) at the
     * prologue's end and PUSH_NONVOL (0) of BP (5 << 4) after the push; no handler.
     */
    @ParameterizedTest(name = "Go {0}")
    @MethodSource("windowsReleases")
    void unwindInfoBytes(GoRelease release) throws IOException {
        Files.writeString(work.resolve("t.s"), FRAMES);
        RunResult got = Goasm.asm(release, args(GoOracle.of(release), "example.com/p", "goasm.o"), work,
                Map.of("GOOS", "windows", "GOARCH", "amd64"));
        assertThat(got.status()).isZero();
        assertThat(Files.readAllBytes(work.resolve("goasm.o"))).satisfies(object -> {
            String text = new String(object, StandardCharsets.ISO_8859_1);
            // 01 04 02 05 04 03 01 50 00 00 00 00, and 01 18 02 05 18 03 15 50 00 00 00 00.
            assertThat(text).contains("go:sehuw.12.AQQCBQQDAVAAAAAA").contains("go:sehuw.12.ARgCBRgDFVAAAAAA");
            assertThat(text).contains("\u0001\u0004\u0002\u0005\u0004\u0003\u0001\u0050\0\0\0\0");
            assertThat(text).contains("\u0001\u0018\u0002\u0005\u0018\u0003\u0015\u0050\0\0\0\0");
        });
    }

    static Stream<GoRelease> windowsReleases() {
        return Stream.of(GoRelease.GO1_26, GoRelease.GO1_27);
    }

    private static List<String> args(GoOracle.Toolchain go, String pkg, String output) {
        return List.of("-S", "-p", pkg, "-I", go.includeDir().toString(), "-o", output, "t.s");
    }
}
