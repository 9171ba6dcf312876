package goasm.vet;

import goasm.release.GoRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule on hand-written code, with the expected findings worked out by hand (amd64: int and
 * pointers 8 bytes, strings 16, slices 24; arguments from 0(FP), results after them at the next
 * multiple of 8; Go 1.27's output form "file:line:1: [amd64] fn: message").
 */
class VetRulesTest {
    private static Path write(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static Path module(Path tmp) throws IOException {
        Path dir = tmp.resolve("m");
        write(dir, "go.mod", "module example.com/m\n\ngo 1.21\n");
        return dir;
    }

    @Test
    void aCorrectFunctionHasNoFindings(@TempDir Path tmp) throws IOException {
        Path dir = module(tmp);
        write(dir, "f.go", "package m\n\nfunc add(x, y int64) int64\n");
        write(dir, "f_amd64.s", """
                #include "textflag.h"

                TEXT ·add(SB), NOSPLIT, $0-24
                \tMOVQ\tx+0(FP), AX
                \tADDQ\ty+8(FP), AX
                \tMOVQ\tAX, ret+16(FP)
                \tRET
                """);
        VetRun run = VetRun.goasm(GoRelease.GO1_27, dir);
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
    }

    @Test
    void eachAsmdeclRuleOnItsOwnLine(@TempDir Path tmp) throws IOException {
        Path dir = module(tmp);
        write(dir, "f.go", """
                package m

                // s: base 0, len 8; n at 16; the int32 result at 24; frame 28 bytes.
                func f(s string, n int) int32
                func g(p *byte)
                """);
        write(dir, "f_amd64.s", """
                #include "textflag.h"

                TEXT ·f(SB), 0, $16-24
                \tMOVQ\ts_len+8(FP), AX
                \tMOVL\tn+16(FP), BX
                \tMOVQ\tn+8(FP), CX
                \tMOVQ\tm+16(FP), DX
                \tMOVQ\t40(SP), SI
                \tRET

                TEXT ·h(SB), 0, $0-8
                \tRET
                """);
        VetRun run = VetRun.goasm(GoRelease.GO1_27, dir);
        assertThat(run.err()).isEqualTo("""
                f_amd64.s:3:1: [amd64] f: wrong argument size 24; expected $...-28
                f_amd64.s:5:1: [amd64] f: invalid MOVL of n+16(FP); int is 8-byte value
                f_amd64.s:6:1: [amd64] f: invalid offset n+8(FP); expected n+16(FP)
                f_amd64.s:7:1: [amd64] f: unknown variable m; offset 16 is n+16(FP)
                f_amd64.s:8:1: [amd64] f: 40(SP) should be n+16(FP)
                f_amd64.s:9:1: [amd64] f: RET without writing to 4-byte ret+24(FP)
                f_amd64.s:11:1: [amd64] h: function h missing Go declaration
                """);
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void framePointerWrittenBeforeItIsSaved(@TempDir Path tmp) throws IOException {
        Path dir = module(tmp);
        write(dir, "f.go", "package m\n\nfunc clobber()\nfunc saves()\n");
        write(dir, "f_amd64.s", """
                TEXT ·clobber(SB), 0, $0-0
                \tMOVQ\t$1, BP
                \tRET

                TEXT ·saves(SB), 0, $0-0
                \tPUSHQ\tBP
                \tMOVQ\t$1, BP
                \tPOPQ\tBP
                \tRET
                """);
        VetRun run = VetRun.goasm(GoRelease.GO1_27, dir);
        assertThat(run.err()).isEqualTo("f_amd64.s:2:1: frame pointer is clobbered before saving\n");
    }

    @Test
    void typesOfOtherPackagesAndOfTheStandardLibrary(@TempDir Path tmp) throws IOException {
        Path dir = module(tmp);
        // sub.Pair is two int32 and a bool: 12 bytes, 4-aligned; time.Duration is an int64.
        write(dir.resolve("sub"), "sub.go", "package sub\n\ntype Pair struct {\n\tA, B int32\n\tOK bool\n}\n");
        write(dir, "f.go", """
                package m

                import (
                \t"example.com/m/sub"
                \t"time"
                )

                func f(p sub.Pair, d time.Duration)
                """);
        write(dir, "f_amd64.s", """
                TEXT ·f(SB), 0, $0-24
                \tMOVL\tp_B+4(FP), AX
                \tMOVL\tp_OK+8(FP), BX
                \tMOVL\td+16(FP), CX
                \tRET
                """);
        VetRun run = VetRun.goasm(GoRelease.GO1_27, dir);
        assertThat(run.err()).isEqualTo("""
                f_amd64.s:3:1: [amd64] f: invalid MOVL of p_OK+8(FP); bool is 1-byte value
                f_amd64.s:4:1: [amd64] f: invalid MOVL of d+16(FP); time.Duration is 8-byte value
                """);
    }

    @Test
    void aTypeThatCannotBeResolvedSkipsItsFunctionAndVerboseSaysSo(@TempDir Path tmp) throws IOException {
        Path dir = module(tmp);
        write(dir, "f.go", "package m\n\nimport \"example.org/absent\"\n\nfunc f(x absent.T)\n");
        write(dir, "f_amd64.s", "TEXT ·f(SB), 0, $0-99\n\tMOVB\tx+3(FP), AX\n\tRET\n");
        VetRun run = VetRun.goasm(GoRelease.GO1_27, dir, "-v");
        assertThat(run.status()).isZero();
        assertThat(run.err()).contains("f: not checked: package example.org/absent not found")
                .doesNotContain("[amd64]");
    }

    @Test
    void buildConstraintsChooseTheFiles(@TempDir Path tmp) throws IOException {
        Path dir = module(tmp);
        write(dir, "f.go", "package m\n\nfunc f(x int)\n");
        write(dir, "f_arm64.go", "package m\n\nfunc onlyArm()\n");
        write(dir, "g_arm64.s", "TEXT ·g(SB), 0, $0-0\n\tRET\n");
        write(dir, "ignored_amd64.s", "//go:build ignore\n\nTEXT ·ignored(SB), 0, $0-0\n\tRET\n");
        write(dir, "f_amd64.s", "//go:build amd64 && !purego\n\nTEXT ·f(SB), 0, $0-8\n\tRET\n");
        VetRun run = VetRun.goasm(GoRelease.GO1_27, dir);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void nosplitChainOverTheLimitIsReportedAtItsCall(@TempDir Path tmp) throws IOException {
        Path dir = module(tmp);
        write(dir, "f.go", "package m\n\nfunc outer()\nfunc inner()\n");
        // outer: PUSHQ BP + 400 = 408 bytes below entry at the CALL, which pushes 8 more: 416.
        // inner: PUSHQ BP + 504 = 512. 416 + 512 = 928 > 792: 136 bytes over.
        write(dir, "f_amd64.s", """
                #include "textflag.h"

                TEXT ·outer(SB), NOSPLIT, $400-0
                \tCALL\t·inner(SB)
                \tRET

                TEXT ·inner(SB), NOSPLIT, $504-0
                \tRET
                """);
        VetRun run = VetRun.goasm(GoRelease.GO1_27, dir);
        assertThat(run.err()).isEqualTo("f_amd64.s:4:1: [amd64] outer: nosplit stack over 792 byte limit: "
                + "example.com/m.outer<0>; grows 416 bytes, calls example.com/m.inner<0>; grows 512 bytes; "
                + "136 bytes over limit\n");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void helpAndBadInputOnTheCommandLine(@TempDir Path tmp) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int help = goasm.cli.Main.run(new String[] {"vet", "-h"}, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));
        assertThat(help).isZero();
        assertThat(out.toString()).startsWith("Usage: goasm vet").contains("-json").contains("-nosplit");

        err.reset();
        int bad = goasm.cli.Main.run(new String[] {"vet", tmp.resolve("absent").toString()},
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertThat(bad).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("stat " + tmp.resolve("absent") + ": directory not found\n");

        err.reset();
        int notStd = goasm.cli.Main.run(new String[] {"vet", "no/such/pkg"}, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));
        assertThat(notStd).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("package no/such/pkg is not in std (/usr/lib/go-1.27/src/no/such/pkg)\n");
    }
}
