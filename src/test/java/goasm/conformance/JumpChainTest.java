package goasm.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A branch to a JMP goes where the JMPs lead (Go's brloop); a loop of JMPs leaves the branch
 * without a target. runtime/asm_amd64.s does this for darwin, openbsd, solaris, illumos and
 * plan9 ("JZ needtls" where needtls is "JMP ok"). Expected lines printed by Go 1.19's asm -S.
 */
class JumpChainTest {
    @TempDir
    Path work;

    @Test
    void branchesToJumpsAreSentToTheEndOfTheChain() throws IOException {
        Files.writeString(work.resolve("j.s"), """
                #include "textflag.h"
                TEXT ·f(SB),NOSPLIT,$0
                	TESTQ AX, AX
                	JZ a
                	NOP
                a:
                	JMP b
                b:
                	JMP c
                c:
                	MOVQ $1, AX
                	JMP d
                	RET
                d:
                	JMP e
                e:
                	JMP d
                	JMP a
                	RET
                """);

        RunResult r = Goasm.asm(List.of("-S", "-p", "x", "-I", GoOracle.includeDir().toString(), "-o", "j.o", "j.s"),
                work);

        assertThat(r.stdout()).contains("""
                \t0x0003 00003 (j.s:4)\tJEQ\t9
                \t0x0005 00005 (j.s:5)\tNOP
                \t0x0005 00005 (j.s:7)\tJMP\t9
                \t0x0007 00007 (j.s:9)\tJMP\t9
                \t0x0009 00009 (j.s:11)\tMOVQ\t$1, AX
                \t0x0010 00016 (j.s:12)\tJMP\t16
                \t0x0012 00018 (j.s:13)\tRET
                \t0x0013 00019 (j.s:15)\tJMP\t19
                \t0x0015 00021 (j.s:17)\tJMP\t19
                \t0x0017 00023 (j.s:18)\tJMP\t9
                \t0x0019 00025 (j.s:19)\tRET
                \t0x0000 48 85 c0 74 04 eb 02 eb 00 48 c7 c0 01 00 00 00  H..t.....H......
                \t0x0010 eb fe c3 eb fe eb fc eb f0 c3                    ..........
                """);
        assertThat(r.status()).isZero();
    }
}
