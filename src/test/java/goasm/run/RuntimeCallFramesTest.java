package goasm.run;

import goasm.conformance.GoOracle;
import goasm.conformance.RunResult;
import goasm.release.GoRelease;
import goasm.release.RuntimeCallFrames;
import goasm.release.ReleaseProfile;
import goasm.release.StackRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frames and stack checks of the runtime functions a run program calls, checked against each
 * real release: a program that calls all of them is built by the release, and `go tool objdump`
 * shows each function's prologue.
 */
class RuntimeCallFramesTest {
    /** Calls every runtime function goasm provides (never at run time: the binary only has to contain them). */
    private static final String CALLS_GO = """
            package main

            import (
            	"os"
            	"runtime"
            	_ "unsafe"
            )

            //go:linkname semacquire sync.runtime_Semacquire
            func semacquire(addr *uint32)

            //go:linkname semrelease sync.runtime_Semrelease
            func semrelease(addr *uint32, handoff bool, skipframes int)

            var sema uint32

            // Through a variable, so that Gosched stays a function of its own rather than inlined.
            var gosched = runtime.Gosched

            func main() {
            	if len(os.Args) > 5 {
            		go main()
            		gosched()
            		runtime.GC()
            		semrelease(&sema, false, 0)
            		semacquire(&sema)
            		print(int64(1), uint64(2), true, "x", "\\n")
            		os.Exit(3)
            	}
            }
            """;

    /** The prologue's stack check: g.stackguard0 (16 bytes into g, in R14 or loaded into CX) compared. */
    private static final Pattern CHECK = Pattern.compile("CMPQ [^\\n]*0x10\\((R14|CX)\\)");
    /** The frame: SUBQ $n, SP or ADDQ $-n, SP. */
    private static final Pattern SP_ADJUST = Pattern.compile("(SUBQ \\$0x([0-9a-f]+), SP|ADDQ \\$-0x([0-9a-f]+), SP)");
    private static final Pattern END_OF_PROLOGUE = Pattern.compile("\\b(CALL|RET|JMP)\\b");

    /** What objdump shows of a function's first instructions: its stack check and its frame. */
    record Prologue(boolean checked, int frame) {
        static Prologue of(String disassembly) {
            List<String> lines = disassembly.lines().filter(l -> !l.startsWith("TEXT")).limit(8).toList();
            boolean checked = false;
            int frame = 0;
            for (String line : lines) {
                checked |= CHECK.matcher(line).find();
                if (line.contains("PUSHQ BP")) {
                    frame += 8;
                }
                Matcher m = SP_ADJUST.matcher(line);
                if (m.find()) {
                    frame += Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3), 16);
                    break;
                }
                if (END_OF_PROLOGUE.matcher(line).find()) {
                    break;
                }
            }
            return new Prologue(checked, frame);
        }
    }

    @Test
    void aPrologueIsReadAsGoWritesIt() {
        // Go 1.19's printuint: the frame beyond StackSmall is subtracted before the compare.
        String go119 = """
                TEXT runtime.printuint(SB) /usr/lib/go-1.19/src/runtime/print.go
                  print.go:198\t0x42f8a0\t4c8d6424f8\tLEAQ -0x8(SP), R12
                  print.go:198\t0x42f8a5\t4d3b6610\tCMPQ 0x10(R14), R12
                  print.go:198\t0x42f8a9\t0f86ce000000\tJBE 0x42f97d
                  print.go:198\t0x42f8af\t4881ec88000000\tSUBQ $0x88, SP
                """;
        assertThat(Prologue.of(go119)).isEqualTo(new Prologue(true, 0x88));
        // Go 1.27's Gosched: no check, BP pushed, then 8 bytes.
        String go127 = """
                TEXT runtime.Gosched(SB) /usr/lib/go-1.27/src/runtime/proc.go
                  proc.go:1\t0x445ce0\t55\tPUSHQ BP
                  proc.go:1\t0x445ce1\t4889e5\tMOVQ SP, BP
                  proc.go:1\t0x445ce4\t4883ec08\tSUBQ $0x8, SP
                """;
        assertThat(Prologue.of(go127)).isEqualTo(new Prologue(false, 16));
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void framesAndChecksAreTheReleases(GoRelease release) {
        GoOracle.Toolchain go = GoOracle.of(release);
        Path binary = GoBuild.buildPackage(Map.of("main.go", CALLS_GO), go);
        RuntimeCallFrames frames = ReleaseProfile.reference(release).runtimeCallFrames();
        for (RuntimeFunction f : RuntimeFunction.values()) {
            if (f == RuntimeFunction.MAIN) {
                continue; // runtime.main's frame is MainStart's, checked with the frames above main
            }
            RuntimeCallFrames.Frame expected = frames.frame(f.goName());
            // Assembly functions are named with their ABI from the register ABI on.
            String name = Pattern.quote(expected.goFunction());
            RunResult r = GoBuild.goCommand(go, binary.getParent(),
                    List.of("tool", "objdump", "-s", "^" + name + "(\\.abi0)?$", binary.toString()));
            assertThat(r.status()).as("objdump: %s", r.stderr()).isZero();
            assertThat(r.stdout()).as("%s in Go %s's binary", expected.goFunction(), release.line()).contains("TEXT ");
            Prologue prologue = Prologue.of(r.stdout());
            assertThat(new Prologue(!expected.nosplit(), expected.size()))
                    .as("%s (%s) in Go %s:\n%s", f.goName(), expected.goFunction(), release.line(), r.stdout().lines()
                            .limit(8).reduce("", (a, b) -> a + b + "\n"))
                    .isEqualTo(prologue);
        }
    }

    @Test
    void thePrologueCheckIsGos() {
        StackRules rules = ReleaseProfile.newest().stackRules();
        long guard = 0x10000 + rules.stackGuard();
        // A frame up to StackSmall (128) compares SP itself: morestack when SP <= stackguard0.
        assertThat(rules.prologueCallsMorestack(guard, 24, guard)).isTrue();
        assertThat(rules.prologueCallsMorestack(guard + 1, 24, guard)).isFalse();
        // printuint's 136 bytes in 1.19: SP-8 is compared.
        assertThat(rules.prologueCallsMorestack(guard + 8, 136, guard)).isTrue();
        assertThat(rules.prologueCallsMorestack(guard + 9, 136, guard)).isFalse();
        // A preemption request is above every SP.
        assertThat(rules.prologueCallsMorestack(0x7fff_0000_0000L, 24, rules.stackPreempt())).isTrue();
        assertThat(rules.prologueCallsMorestack(0x7fff_0000_0000L, 5000, rules.stackPreempt())).isTrue();
    }
}
