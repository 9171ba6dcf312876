package goasm.run;

import goasm.conformance.GoOracle;
import goasm.conformance.RunResult;
import goasm.release.GoRelease;
import goasm.release.MainStart;
import goasm.release.RuntimeLayout;
import goasm.release.StackRules;
import goasm.release.TracebackText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release facts the emulated runtime follows, checked against each real release: a program
 * built by that release reads its own DWARF for the runtime's g, gobuf, m and _defer structures,
 * and `go tool objdump` of it shows runtime.main's prologue and the wrapper in front of an
 * assembly main.main.
 */
class ReleaseRuntimeFactsTest {
    /** Prints "struct size N" and "struct.field offset" for the runtime structures goasm reads. */
    private static final String DUMP_GO = """
            package main

            import (
            	"debug/dwarf"
            	"debug/elf"
            	"fmt"
            	"os"
            )

            func main()

            func dump() {
            	exe, err := os.Executable()
            	if err != nil {
            		panic(err)
            	}
            	f, err := elf.Open(exe)
            	if err != nil {
            		panic(err)
            	}
            	d, err := f.DWARF()
            	if err != nil {
            		panic(err)
            	}
            	want := map[string]bool{"runtime.g": true, "runtime.gobuf": true, "runtime.m": true, "runtime._defer": true}
            	r := d.Reader()
            	for len(want) > 0 {
            		e, err := r.Next()
            		if err != nil {
            			panic(err)
            		}
            		if e == nil {
            			break
            		}
            		if e.Tag != dwarf.TagStructType {
            			continue
            		}
            		name, _ := e.Val(dwarf.AttrName).(string)
            		if want[name] {
            			delete(want, name)
            			t, err := d.Type(e.Offset)
            			if err != nil {
            				panic(err)
            			}
            			st := t.(*dwarf.StructType)
            			fmt.Printf("%s size %d\\n", name, st.ByteSize)
            			for _, fl := range st.Field {
            				fmt.Printf("%s.%s %d\\n", name, fl.Name, fl.ByteOffset)
            			}
            		}
            		r.SkipChildren()
            	}
            }
            """;
    /** An assembly main.main (as goasm runs), which calls dump. */
    private static final String MAIN_S = """
            #include "textflag.h"

            TEXT ·main(SB), $0-0
            	CALL ·dump(SB)
            	RET
            """;

    /**
     * The malloc size classes from 256 to 2048 bytes (sizeclasses.go, the same in every
     * supported release): a g or an m takes the smallest that holds it.
     */
    private static final int[] SIZE_CLASSES = {256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896,
            1024, 1152, 1280, 1408, 1536, 1792, 2048};

    private static int sizeClass(long size) {
        for (int c : SIZE_CLASSES) {
            if (c >= size) {
                return c;
            }
        }
        throw new AssertionError("no size class for " + size);
    }

    private record Built(GoOracle.Toolchain go, Path binary, Map<String, Long> dwarf) {
        long at(String field) {
            Long v = dwarf.get(field);
            assertThat(v).as("%s in Go %s's DWARF", field, go.release().line()).isNotNull();
            return v;
        }
    }

    private static final Map<GoRelease, Built> BUILT = new HashMap<>();

    private static synchronized Built built(GoRelease release) {
        return BUILT.computeIfAbsent(release, r -> {
            GoOracle.Toolchain go = GoOracle.of(r);
            Path binary = GoBuild.buildPackage(Map.of("main.go", DUMP_GO, "main_amd64.s", MAIN_S), go);
            RunResult run = GoBuild.runNative(binary, go);
            assertThat(run.status()).as("dump run: %s", run.stderr()).isZero();
            Map<String, Long> dwarf = new HashMap<>();
            for (String line : run.stdout().split("\n")) {
                String[] parts = line.split(" ");
                if (parts.length == 3) {
                    dwarf.put(parts[0] + " size", Long.parseLong(parts[2]));
                } else if (parts.length == 2) {
                    dwarf.put(parts[0], Long.parseLong(parts[1]));
                }
            }
            return new Built(go, binary, dwarf);
        });
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void structureOffsetsAreTheReleases(GoRelease release) {
        Built b = built(release);
        RuntimeLayout layout = RuntimeLayout.of(release);
        RuntimeLayout.GFields g = layout.g();
        assertThat(g.stackLo()).isEqualTo(b.at("runtime.g.stack"));
        assertThat(g.stackHi()).isEqualTo(b.at("runtime.g.stack") + 8);
        assertThat(g.stackguard0()).isEqualTo(b.at("runtime.g.stackguard0"));
        assertThat(g.stackguard1()).isEqualTo(b.at("runtime.g.stackguard1"));
        assertThat(g.panic()).isEqualTo(b.at("runtime.g._panic"));
        assertThat(g.defer()).isEqualTo(b.at("runtime.g._defer"));
        assertThat(g.m()).isEqualTo(b.at("runtime.g.m"));
        assertThat(g.sched()).isEqualTo(b.at("runtime.g.sched"));
        assertThat(g.syscallsp()).isEqualTo(b.at("runtime.g.syscallsp"));
        assertThat(g.syscallpc()).isEqualTo(b.at("runtime.g.syscallpc"));
        assertThat(g.stktopsp()).isEqualTo(b.at("runtime.g.stktopsp"));
        assertThat(g.param()).isEqualTo(b.at("runtime.g.param"));
        assertThat(g.atomicstatus()).isEqualTo(b.at("runtime.g.atomicstatus"));
        assertThat(g.goid()).isEqualTo(b.at("runtime.g.goid"));
        assertThat(g.schedlink()).isEqualTo(b.at("runtime.g.schedlink"));
        assertThat(g.preempt()).isEqualTo(b.at("runtime.g.preempt"));
        assertThat(g.preemptStop()).isEqualTo(b.at("runtime.g.preemptStop"));
        assertThat(g.preemptShrink()).isEqualTo(b.at("runtime.g.preemptShrink"));
        assertThat(g.asyncSafePoint()).isEqualTo(b.at("runtime.g.asyncSafePoint"));
        assertThat(g.throwsplit()).isEqualTo(b.at("runtime.g.throwsplit"));
        assertThat(g.activeStackChans()).isEqualTo(b.at("runtime.g.activeStackChans"));
        assertThat(g.parkingOnChan()).isEqualTo(b.at("runtime.g.parkingOnChan"));
        assertThat(g.gopc()).isEqualTo(b.at("runtime.g.gopc"));
        assertThat(g.startpc()).isEqualTo(b.at("runtime.g.startpc"));
        assertThat(g.waiting()).isEqualTo(b.at("runtime.g.waiting"));
        assertThat(layout.gSize()).isEqualTo(b.at("runtime.g size"));
        assertThat(layout.gAllocSize()).isEqualTo(sizeClass(b.at("runtime.g size")));

        RuntimeLayout.GobufFields buf = layout.gobuf();
        assertThat(buf.sp()).isEqualTo(b.at("runtime.gobuf.sp"));
        assertThat(buf.pc()).isEqualTo(b.at("runtime.gobuf.pc"));
        assertThat(buf.g()).isEqualTo(b.at("runtime.gobuf.g"));
        assertThat(buf.ctxt()).isEqualTo(b.at("runtime.gobuf.ctxt"));
        assertThat(buf.lr()).isEqualTo(b.at("runtime.gobuf.lr"));
        assertThat(buf.bp()).isEqualTo(b.at("runtime.gobuf.bp"));
        assertThat(buf.size()).isEqualTo(b.at("runtime.gobuf size"));
        assertThat(buf.ret().isPresent()).isEqualTo(b.dwarf().containsKey("runtime.gobuf.ret"));
        if (buf.ret().isPresent()) {
            assertThat(buf.ret().getAsInt()).isEqualTo(b.at("runtime.gobuf.ret"));
        }

        RuntimeLayout.MFields m = layout.m();
        assertThat(m.g0()).isEqualTo(b.at("runtime.m.g0"));
        assertThat(m.morebuf()).isEqualTo(b.at("runtime.m.morebuf"));
        assertThat(m.gsignal()).isEqualTo(b.at("runtime.m.gsignal"));
        assertThat(m.tls()).isEqualTo(b.at("runtime.m.tls"));
        assertThat(m.curg()).isEqualTo(b.at("runtime.m.curg"));
        assertThat(m.p()).isEqualTo(b.at("runtime.m.p"));
        assertThat(layout.mSize()).isEqualTo(b.at("runtime.m size"));
        assertThat(layout.mAllocSize()).isEqualTo(sizeClass(b.at("runtime.m size")));

        // adjustdefers moves fn, sp and link, and (while _defer has them) _panic, varp and fd.
        Set<Long> adjusted = new HashSet<>();
        for (String field : List.of("fn", "sp", "link", "_panic", "varp", "fd")) {
            Long at = b.dwarf().get("runtime._defer." + field);
            if (at != null) {
                adjusted.add(at);
            }
        }
        assertThat(layout.deferRecord().link()).isEqualTo(b.at("runtime._defer.link"));
        assertThat(layout.deferRecord().stackPointers().stream().map(Integer::longValue).toList())
                .containsExactlyInAnyOrderElementsOf(adjusted);
    }

    private static final Pattern SUB_SP = Pattern.compile("\\s(SUBQ \\$0x([0-9a-f]+)|ADDQ \\$-0x([0-9a-f]+)), SP\\s");

    private static String objdump(Built b, String symbolRegexp) {
        RunResult r = GoBuild.goCommand(b.go(), b.binary().getParent(),
                List.of("tool", "objdump", "-s", symbolRegexp, b.binary().toString()));
        assertThat(r.status()).as("objdump: %s", r.stderr()).isZero();
        return r.stdout();
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void theFramesAboveMainAreTheReleases(GoRelease release) {
        Built b = built(release);
        // runtime.main's prologue: an optional PUSHQ BP, then SUBQ $n, SP (or ADDQ $-n, SP).
        String runtimeMain = objdump(b, "^runtime\\.main$");
        Matcher sub = SUB_SP.matcher(runtimeMain);
        assertThat(sub.find()).as("runtime.main's SP adjustment in\n%s", runtimeMain).isTrue();
        int frame = Integer.parseInt(sub.group(2) != null ? sub.group(2) : sub.group(3), 16);
        String prologue = runtimeMain.substring(0, sub.start());
        if (prologue.contains("PUSHQ BP")) {
            frame += 8;
        }
        MainStart start = MainStart.of(release);
        assertThat(start.runtimeMainFrame()).as("runtime.main's frame").isEqualTo(frame);

        // An assembly main.main is ABI0; from the register ABI on the linker calls it through an
        // ABIInternal main.main wrapper, which from 1.21 saves BP.
        String wrapper = objdump(b, "^main\\.main$");
        boolean hasWrapper = !objdump(b, "^main\\.main\\.abi0$").isBlank();
        MainStart.Wrapper expected = !hasWrapper ? MainStart.Wrapper.NONE
                : wrapper.contains("PUSHQ BP") ? MainStart.Wrapper.SAVES_BP : MainStart.Wrapper.FRAMELESS;
        assertThat(start.wrapper()).isEqualTo(expected);
    }

    private static String runtimeSource(GoRelease release, String file) throws IOException {
        GoOracle.Toolchain go = GoOracle.of(release);
        go.goCommand(); // fails with the install hint when the release is missing
        return Files.readString(go.goRoot().resolve("src/runtime").resolve(file));
    }

    /** The integer a Go constant declaration gives a name ("_StackMin = 2048", "stackMin = 2048"). */
    private static long constant(String source, String... names) {
        for (String name : names) {
            Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s*=\\s*(\\d+)\\s*$").matcher(source);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no constant " + String.join(" or ", names));
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void stackRulesAreTheReleases(GoRelease release) throws IOException {
        String stack = runtimeSource(release, "stack.go");
        String runtime1 = runtimeSource(release, "runtime1.go");
        StackRules rules = StackRules.of(release);
        assertThat(rules.stackMin()).isEqualTo(constant(stack, "_StackMin", "stackMin"));
        assertThat(rules.stackBig()).isEqualTo(4096);
        // The guard: 928 (up to 1.20 written so), later StackNosplitBase 800 + StackSmall 128.
        if (stack.contains("abi.StackNosplitBase")) {
            String abi = Files.readString(GoOracle.of(release).goRoot().resolve("src/internal/abi/stack.go"));
            assertThat(rules.stackNosplit()).isEqualTo(constant(abi, "StackNosplitBase"));
            assertThat(rules.stackSmall()).isEqualTo(constant(abi, "StackSmall"));
        } else {
            assertThat(stack).contains("_StackGuard = 928*sys.StackGuardMultiplier + _StackSystem");
            assertThat(rules.stackSmall()).isEqualTo(constant(stack, "_StackSmall"));
            assertThat(rules.stackNosplit()).isEqualTo(928 - rules.stackSmall());
        }
        assertThat(rules.stackGuard()).isEqualTo(rules.stackNosplit() + rules.stackSmall());
        assertThat(rules.overflowLimit() == StackRules.OverflowLimit.MAX_STACK_SIZE_AND_CEILING)
                .as("maxstackceiling").isEqualTo(stack.contains("newsize > maxstackceiling"));
        assertThat(rules.growth() == StackRules.Growth.PAST_USED)
                .as("growth past the used part").isEqualTo(stack.contains("for newsize-used < needed"));
        assertThat(rules.adaptiveStackStart()).as("adaptivestackstart")
                .isEqualTo(runtime1.contains("debug.adaptivestackstart = 1"));
        assertThat(rules.stackForceMove() != StackRules.NO_FORCE_MOVE).as("stackForceMove")
                .isEqualTo(stack.contains("stackForceMove = uintptrMask & -275"));
        assertThat(stack).contains("stackPreempt = uintptrMask & " + rules.stackPreempt())
                .contains("stackFork = uintptrMask & " + rules.stackFork());
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void tracebackWordingIsTheReleases(GoRelease release) throws IOException {
        String traceback = runtimeSource(release, "traceback.go");
        TracebackText text = TracebackText.of(release);
        assertThat(text.createdBy() == TracebackText.CreatedBy.FUNCTION_IN_GOROUTINE)
                .isEqualTo(traceback.contains("print(\" in goroutine \", goid)"));
        assertThat(text.headerNamesGM()).isEqualTo(traceback.contains("print(\" gp=\", gp)"));
    }
}
