package goasm.run;

import goasm.conformance.RunResult;
import goasm.release.GoRelease;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guest store running over its own g (as a NOSPLIT function writing far below its stack can)
 * must not change the runtime's record of which goroutine it is, its status or its m: the fault
 * that follows still reports goroutine 1, running, on m0. Expected values by hand: main is
 * goroutine 1; a fault at a non-nil address throws, and from Go 1.22 a throwing goroutine's
 * header names g and m ("m=0 mp=0x..."), before that it does not.
 */
class GuestReachTest {
    /** Fills g's words from offset 24 (past stack.lo, stack.hi and stackguard0) to 512 with all ones, then reads unmapped 0x10000. */
    private static final String SMASH_G = """
            #include "textflag.h"

            TEXT ·main(SB), NOSPLIT, $0-0
            \tMOVQ (TLS), AX
            \tMOVQ $-1, DX
            \tMOVQ $24, CX
            loop:
            \tMOVQ DX, (AX)(CX*1)
            \tADDQ $8, CX
            \tCMPQ CX, $512
            \tJLT loop
            \tMOVQ $0x10000, BX
            \tMOVQ (BX), BX
            \tRET
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = GoRelease.class, names = {"GO1_19", "GO1_21", "GO1_27"})
    void overwritingGDoesNotChangeWhichGoroutineIsReported(GoRelease release) throws IOException {
        Path program = dir.resolve("smash_amd64.s");
        Files.writeString(program, SMASH_G);
        RunResult r = DifferentialRunTest.goasmRun(program, release);
        assertThat(r.status()).isEqualTo(2);
        String header = r.stderr().lines().filter(l -> l.startsWith("goroutine ")).findFirst().orElseThrow();
        if (release.compareTo(GoRelease.GO1_22) >= 0) {
            assertThat(header).matches("goroutine 1 gp=0x[0-9a-f]+ m=0 mp=0x[0-9a-f]+ \\[running\\]:");
        } else {
            assertThat(header).isEqualTo("goroutine 1 [running]:");
        }
        assertThat(r.stderr()).startsWith("unexpected fault address 0x10000\nfatal error: fault\n")
                .contains("\nmain.main()\n\t" + program.toAbsolutePath() + ":13 +0x");
    }
}
