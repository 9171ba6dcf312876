package goasm.explain;

import goasm.conformance.GoOracle;
import goasm.frame.Insertion;
import goasm.release.FrameRules;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One case per rule, the expected numbers reasoned out by hand in each test from Go's rules
 * (StackSmall 128, StackBig 4096, 8 bytes for the saved BP and the return address, the NOSPLIT
 * limit StackNosplit 800 less the call into the function).
 */
class ExplainRulesTest {
    @TempDir
    Path dir;

    private Model.Function explain(GoRelease release, String body) throws IOException {
        return explainAll(release, body).get(0);
    }

    private List<Model.Function> explainAll(GoRelease release, String body) throws IOException {
        Path file = dir.resolve("f_amd64.s");
        Files.writeString(file, "#include \"textflag.h\"\n" + body);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Explainer.Outcome outcome = Explainer.explain(new Explainer.Request(List.of(file.toString()),
                List.of(GoOracle.of(release).includeDir().toString()), List.of(), "main", Optional.empty(),
                Path.of(""), ReleaseProfile.reference(release)), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(outcome.ok()).as(err.toString()).isTrue();
        return outcome.functions();
    }

    private static List<Insertion> notes(Model.Function f) {
        return f.blocks().stream().flatMap(b -> b.instructions().stream()).flatMap(i -> i.reasons().stream())
                .map(Model.Reason::data).toList();
    }

    private static <T extends Insertion> List<T> notes(Model.Function f, Class<T> kind) {
        return notes(f).stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void smallFrameComparesSpDirectly(GoRelease release) throws IOException {
        // $120 + 8 (saved BP) = 128 = StackSmall: still the small check.
        Model.Function f = explain(release, "TEXT ·f(SB), $120-0\n\tCALL runtime·printnl(SB)\n\tRET\n");
        Insertion.StackCheck check = notes(f, Insertion.StackCheck.class).get(0);
        assertThat(check.shape()).isEqualTo(Insertion.CheckShape.SMALL);
        assertThat(check.frame()).isEqualTo(128);
        assertThat(f.summary()).anyMatch(s -> s.contains("small frame: 128 ≤ StackSmall 128"));
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void mediumFrameComparesSpMinusTheExcess(GoRelease release) throws IOException {
        // $128 + 8 = 136 > 128: compare SP-(136-128) = SP-8.
        Model.Function f = explain(release, "TEXT ·f(SB), $128-0\n\tCALL runtime·printnl(SB)\n\tRET\n");
        Insertion.StackCheck check = notes(f, Insertion.StackCheck.class).get(0);
        assertThat(check.shape()).isEqualTo(Insertion.CheckShape.MEDIUM);
        assertThat(f.summary()).anyMatch(s -> s.contains("SP-8 (frame - StackSmall)"));
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void hugeFrameByRelease(GoRelease release) throws IOException {
        // $4096 + 8 = 4104 > StackBig 4096.
        Model.Function f = explain(release, "TEXT ·f(SB), $4096-0\n\tCALL runtime·printnl(SB)\n\tRET\n");
        Insertion.StackCheck check = notes(f, Insertion.StackCheck.class).get(0);
        assertThat(check.frame()).isEqualTo(4104);
        // Go 1.15 skips the arithmetic on a preemption request; later releases test the borrow of SP-3976.
        assertThat(check.shape()).isEqualTo(release == GoRelease.GO1_15 ? Insertion.CheckShape.HUGE_PREEMPT
                : Insertion.CheckShape.HUGE_BORROW);
        if (release != GoRelease.GO1_15) {
            assertThat(f.summary()).anyMatch(s -> s.contains("SP-3976 is computed first"));
        }
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void nosplitHasNoCheckAndItsBudget(GoRelease release) throws IOException {
        // NOSPLIT $64: 64 + 8 saved BP = 72 bytes below the return address; 792 - 72 = 720 left.
        Model.Function f = explain(release, "TEXT ·f(SB), NOSPLIT, $64-0\n\tMOVQ $1, 0(SP)\n\tRET\n");
        assertThat(notes(f, Insertion.StackCheck.class)).isEmpty();
        assertThat(f.summary()).contains("no stack check: NOSPLIT was written");
        assertThat(f.budget().nosplit()).isTrue();
        assertThat(f.budget().limit()).isEqualTo(792);
        assertThat(f.budget().used()).isEqualTo(72);
        assertThat(f.budget().left()).isEqualTo(720);
        assertThat(f.budget().text()).contains("uses 72 of 792 bytes").contains("720 left");
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void nosplitBudgetCountsPushes(GoRelease release) throws IOException {
        // A leaf $0 that pushes twice: 16 bytes below its entry SP; 792 - 16 = 776.
        Model.Function f = explain(release,
                "TEXT ·f(SB), NOSPLIT, $0-0\n\tPUSHQ AX\n\tPUSHQ BX\n\tPOPQ BX\n\tPOPQ AX\n\tRET\n");
        assertThat(f.budget().used()).isEqualTo(16);
        assertThat(f.budget().left()).isEqualTo(776);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void nosplitChainAcrossTheFile(GoRelease release) throws IOException {
        // c pushes once: 8. b: $32 + 8 (BP) = 40, calls c: 40 + 8 + 8 = 56.
        // a: $16 + 8 = 24, calls b: 24 + 8 + 56 = 88; 792 - 88 = 704 left.
        List<Model.Function> fs = explainAll(release, """
                TEXT ·a(SB), NOSPLIT, $16-0
                	CALL ·b(SB)
                	RET
                TEXT ·b(SB), NOSPLIT, $32-0
                	CALL ·c(SB)
                	RET
                TEXT ·c(SB), NOSPLIT, $0-0
                	PUSHQ AX
                	POPQ AX
                	RET
                """);
        Model.NosplitBudget a = fs.get(0).budget();
        assertThat(a.used()).isEqualTo(24);
        assertThat(a.chainUsed()).isEqualTo(88);
        // The package prefix is "" up to Go 1.21, main after.
        String pkg = fs.get(0).name().substring(0, fs.get(0).name().length() - 1);
        assertThat(a.chain()).containsExactly(pkg + "a", pkg + "b", pkg + "c");
        assertThat(a.text()).contains("deepest call chain " + pkg + "a → " + pkg + "b → " + pkg + "c uses 88: 704 left");
        assertThat(fs.get(1).budget().chainUsed()).isEqualTo(56);
        assertThat(fs.get(2).budget().chainUsed()).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void nosplitCallingASplittableFunctionAndOverTheLimit(GoRelease release) throws IOException {
        // A splittable callee costs its call to morestack: 8. n ($0, NOSPLIT, calls) has no frame up to
        // Go 1.19 (0 + 8 + 8 = 16) and an 8-byte one for the saved BP after (8 + 8 + 8 = 24).
        // big: $800 + 8 = 808 > 792.
        List<Model.Function> fs = explainAll(release, """
                TEXT ·n(SB), NOSPLIT, $0-0
                	CALL ·s(SB)
                	RET
                TEXT ·s(SB), $0-0
                	CALL runtime·printnl(SB)
                	RET
                TEXT ·big(SB), NOSPLIT, $800-0
                	MOVQ $0, 0(SP)
                	RET
                """);
        boolean old = release == GoRelease.GO1_15 || release == GoRelease.GO1_19;
        assertThat(fs.get(0).budget().chainUsed()).isEqualTo(old ? 16 : 24);
        String pkg = fs.get(0).name().substring(0, fs.get(0).name().length() - 1);
        assertThat(fs.get(0).budget().chain()).containsExactly(pkg + "n", pkg + "s", "runtime.morestack");
        assertThat(fs.get(2).budget().left()).isEqualTo(792 - 808);
        assertThat(fs.get(2).budget().text()).contains("over the limit");
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void noframeSavesNoBp(GoRelease release) throws IOException {
        Model.Function f = explain(release, "TEXT ·f(SB), NOSPLIT|NOFRAME, $16-0\n\tMOVQ AX, 8(SP)\n\tRET\n");
        Insertion.FrameSize size = notes(f, Insertion.FrameSize.class).get(0);
        assertThat(size.decision()).isEqualTo(Insertion.BpDecision.NOFRAME_WRITTEN);
        assertThat(size.bpSize()).isZero();
        assertThat(size.frame()).isEqualTo(16);
        assertThat(notes(f, Insertion.BpSave.class)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void emptyLeafIsMadeNosplitWithoutFrame(GoRelease release) throws IOException {
        Model.Function f = explain(release, "TEXT ·f(SB), $0-8\n\tMOVQ x+0(FP), AX\n\tRET\n");
        Insertion.FrameSize size = notes(f, Insertion.FrameSize.class).get(0);
        assertThat(size.decision()).isEqualTo(Insertion.BpDecision.EMPTY_LEAF);
        assertThat(size.frame()).isZero();
        assertThat(notes(f, Insertion.MadeNosplit.class)).singleElement()
                .satisfies(n -> assertThat(n.stackSmall()).isEqualTo(128));
        // x+0(FP) with no frame: 0 + 0 + 8 (return address).
        assertThat(notes(f, Insertion.FrameOperand.class)).singleElement()
                .satisfies(o -> assertThat(o.rewritten()).isEqualTo(8));
        assertThat(f.budget().left()).isEqualTo(792);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void emptyNosplitWithCallByRelease(GoRelease release) throws IOException {
        // Up to Go 1.19 a NOSPLIT $0 function is taken for a runtime internal: no BP even with a call.
        Model.Function f = explain(release, "TEXT ·f(SB), NOSPLIT, $0-0\n\tCALL runtime·printnl(SB)\n\tRET\n");
        Insertion.FrameSize size = notes(f, Insertion.FrameSize.class).get(0);
        boolean old = release == GoRelease.GO1_15 || release == GoRelease.GO1_19;
        assertThat(size.decision()).isEqualTo(old ? Insertion.BpDecision.EMPTY_NOSPLIT
                : Insertion.BpDecision.CALLS_WITH_EMPTY_FRAME);
        assertThat(size.frame()).isEqualTo(old ? 0 : 8);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void bpSaveFormByRelease(GoRelease release) throws IOException {
        // $24 + 8 = 32: the BP lives at 32-8 = 24(SP).
        Model.Function f = explain(release, "TEXT ·f(SB), $24-0\n\tCALL runtime·printnl(SB)\n\tRET\n");
        List<Insertion.BpSave> bp = notes(f, Insertion.BpSave.class);
        assertThat(bp).extracting(Insertion.BpSave::step).containsExactly(Insertion.BpStep.SAVE,
                Insertion.BpStep.LINK, Insertion.BpStep.RESTORE);
        assertThat(bp).allSatisfy(b -> assertThat(b.slot()).isEqualTo(24));
        boolean old = release == GoRelease.GO1_15 || release == GoRelease.GO1_19;
        assertThat(bp.get(0).shape()).isEqualTo(old ? FrameRules.BpSave.SUB_MOVQ_LEAQ : FrameRules.BpSave.PUSH_BP);
        // SUBQ $32 allocates the whole frame in the old form; after PUSHQ BP only 32 - 8 = 24 remain.
        List<Insertion.FrameAdjust> adjust = notes(f, Insertion.FrameAdjust.class);
        assertThat(adjust).extracting(Insertion.FrameAdjust::bytes).containsExactly(old ? 32L : 24L, old ? -32L : -24L);
        assertThat(bp.get(0).decision()).isEqualTo(Insertion.BpDecision.FRAME_NOT_EMPTY);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void fpAndSpNamesRewritten(GoRelease release) throws IOException {
        // frame $24 + 8 = 32: x+0(FP) -> 0 + 32 + 8 = 40; tmp-8(SP) -> -8 + 32 - 8 = 16;
        // after PUSHQ AX everything is 8 further: x+0(FP) -> 48.
        Model.Function f = explain(release, """
                TEXT ·f(SB), $24-8
                	MOVQ x+0(FP), AX
                	MOVQ AX, tmp-8(SP)
                	PUSHQ AX
                	MOVQ x+0(FP), BX
                	POPQ AX
                	CALL runtime·printnl(SB)
                	RET
                """);
        List<Insertion.FrameOperand> ops = notes(f, Insertion.FrameOperand.class);
        assertThat(ops).extracting(Insertion.FrameOperand::rewritten).containsExactly(40L, 16L, 48L);
        assertThat(f.blocks().stream().flatMap(b -> b.instructions().stream())
                .flatMap(i -> i.reasons().stream()).map(Model.Reason::text))
                .contains("`x+0(FP)` → `40(SP)`: FP = SP + frame 32 + return address 8",
                        "`tmp-8(SP)` → `16(SP)`: pseudo-SP = SP + frame 32 - saved BP 8",
                        "`x+0(FP)` → `48(SP)`: FP = SP + frame 32 + 8 pushed + return address 8");
        // The picture: x at SP+40 = FP+0, the return address at SP+32, the saved BP at SP+24 = pseudo-SP+0,
        // tmp at SP+16 = pseudo-SP-8, and the rest of the locals below it.
        Model.FrameLayout frame = f.frame();
        assertThat(frame.pseudoFp()).isEqualTo(40);
        assertThat(frame.pseudoSp()).isEqualTo(24);
        assertThat(frame.slots()).extracting(Model.Slot::kind, Model.Slot::spOffset, Model.Slot::size).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Model.SlotKind.ARGUMENT, 40L, 8L),
                org.assertj.core.groups.Tuple.tuple(Model.SlotKind.RETURN_ADDRESS, 32L, 8L),
                org.assertj.core.groups.Tuple.tuple(Model.SlotKind.SAVED_BP, 24L, 8L),
                org.assertj.core.groups.Tuple.tuple(Model.SlotKind.LOCAL, 16L, 8L),
                org.assertj.core.groups.Tuple.tuple(Model.SlotKind.LOCALS, 0L, 16L));
    }

    @Test
    void goDeclarationGivesNamesTypesAndOffsets() throws IOException {
        // func add(x int64, y int32, s string) (sum int64): x at 0, y at 8, s at 16 (16 bytes),
        // results from the next multiple of 8: sum at 32. FP = SP + 0 + 8 for a frameless leaf.
        Files.writeString(dir.resolve("decl.go"), """
                package main

                // add is written in assembly.
                func add(x int64, y int32, s string) (sum int64)

                func main() {}
                """);
        Model.Function f = explain(GoRelease.NEWEST, "TEXT ·add(SB), NOSPLIT, $0-40\n\tMOVQ x+0(FP), AX\n"
                + "\tMOVQ AX, sum+32(FP)\n\tRET\n");
        assertThat(f.frame().declaration()).isEqualTo("the Go declaration at decl.go:4");
        assertThat(f.frame().slots()).extracting(Model.Slot::label, Model.Slot::spOffset).startsWith(
                org.assertj.core.groups.Tuple.tuple("sum int64", 40L),
                org.assertj.core.groups.Tuple.tuple("s string", 24L),
                org.assertj.core.groups.Tuple.tuple("arguments and results", 20L),
                org.assertj.core.groups.Tuple.tuple("y int32", 16L),
                org.assertj.core.groups.Tuple.tuple("x int64", 8L));
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void goDeclarationWithThePackagesTypesImportsAndBuildConstraints(GoRelease release) throws IOException {
        // pair{a int32; b int64}: b aligned to 8, so 16 bytes; p at 0, s []byte at 16 (24 bytes),
        // c complex64 (two float32: 8 bytes, aligned to 4) at 40; d time.Duration (int64) at 48;
        // m sync.Mutex (two 32-bit words in every release) at 56; results from 64: ok bool.
        // FP = SP + 8 for a frameless NOSPLIT leaf. The windows file and the ignored one are not
        // built for linux/amd64, so their other declarations of f do not count.
        Files.writeString(dir.resolve("decl.go"), """
                package main

                import (
                	"sync"
                	"time"
                )

                type pair struct {
                	a int32
                	b int64
                }

                func f(p pair, s []byte, c complex64, d time.Duration, m sync.Mutex) (ok bool)

                func main() {}
                """);
        Files.writeString(dir.resolve("decl_windows.go"), "package main\n\nfunc f(x int8)\n");
        Files.writeString(dir.resolve("other.go"), "//go:build ignore\n\npackage main\n\nfunc f(y int16)\n");
        Model.Function f = explain(release, "TEXT ·f(SB), NOSPLIT, $0-65\n\tMOVB $1, ok+64(FP)\n\tRET\n");
        assertThat(f.frame().declaration()).isEqualTo("the Go declaration at decl.go:13");
        assertThat(f.frame().slots()).extracting(Model.Slot::kind, Model.Slot::spOffset, Model.Slot::size)
                .startsWith(org.assertj.core.groups.Tuple.tuple(Model.SlotKind.RESULT, 72L, 1L),
                        org.assertj.core.groups.Tuple.tuple(Model.SlotKind.ARGUMENT, 64L, 8L),
                        org.assertj.core.groups.Tuple.tuple(Model.SlotKind.ARGUMENT, 56L, 8L),
                        org.assertj.core.groups.Tuple.tuple(Model.SlotKind.ARGUMENT, 48L, 8L),
                        org.assertj.core.groups.Tuple.tuple(Model.SlotKind.ARGUMENT, 24L, 24L),
                        org.assertj.core.groups.Tuple.tuple(Model.SlotKind.ARGUMENT, 8L, 16L));
        assertThat(f.frame().slots()).extracting(Model.Slot::label).startsWith("ok bool", "m sync.Mutex",
                "d time.Duration", "c complex64", "s []byte");
    }

    @Test
    void unresolvableTypeIsSaidNotGuessed() throws IOException {
        // The package of q is on no disk: the picture falls back to the assembly's names and says why.
        Files.writeString(dir.resolve("decl.go"), """
                package main

                import "example.invalid/gone"

                func g(n int64, q gone.T)

                func main() {}
                """);
        Model.Function f = explain(GoRelease.NEWEST, "TEXT ·g(SB), NOSPLIT, $0-16\n\tMOVQ n+0(FP), AX\n\tRET\n");
        assertThat(f.frame().declaration()).startsWith("the assembly's name+off(FP) operands (the Go declaration"
                + " at decl.go:5 cannot be laid out: ").contains("example.invalid/gone");
        assertThat(f.frame().slots()).extracting(Model.Slot::label).contains("n").doesNotContain("q gone.T");
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void nosplitCycleAndIndirectCall(GoRelease release) throws IOException {
        // a and b call each other: the chain never ends, and the linker rejects it.
        // c calls through a register: the callee may be splittable, so its return address and its
        // call to morestack count, 8 + 8 below c's frame (0 up to Go 1.19, 8 for the saved BP after).
        List<Model.Function> fs = explainAll(release, """
                TEXT ·a(SB), NOSPLIT, $0-0
                	CALL ·b(SB)
                	RET
                TEXT ·b(SB), NOSPLIT, $0-0
                	CALL ·a(SB)
                	RET
                TEXT ·c(SB), NOSPLIT, $0-0
                	CALL AX
                	RET
                """);
        String pkg = fs.get(0).name().substring(0, fs.get(0).name().length() - 1);
        assertThat(fs.get(0).budget().chain()).containsExactly(pkg + "a", pkg + "b", pkg + "a");
        assertThat(fs.get(0).budget().text()).contains("cycle").contains("the linker rejects it");
        boolean old = release == GoRelease.GO1_15 || release == GoRelease.GO1_19;
        assertThat(fs.get(2).budget().chainUsed()).isEqualTo(old ? 16 : 24);
        assertThat(fs.get(2).budget().chain()).containsExactly(pkg + "c", "(indirect call)", "runtime.morestack");
    }

    @Test
    void funcFilterKeepsMatchingFunctions() throws IOException {
        Path file = dir.resolve("g_amd64.s");
        Files.writeString(file, "TEXT ·alpha(SB), 4, $0-0\n\tRET\nTEXT ·beta(SB), 4, $0-0\n\tRET\n");
        Explainer.Outcome outcome = Explainer.explain(new Explainer.Request(List.of(file.toString()), List.of(),
                List.of(), "main", Optional.of(java.util.regex.Pattern.compile("bet")), Path.of(""),
                ReleaseProfile.newest()), new PrintStream(new ByteArrayOutputStream()));
        assertThat(outcome.functions()).extracting(Model.Function::name).containsExactly("main.beta");
    }
}
