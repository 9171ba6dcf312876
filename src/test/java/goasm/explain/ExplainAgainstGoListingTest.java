package goasm.explain;

import goasm.conformance.GoOracle;
import goasm.conformance.ProjectPaths;
import goasm.conformance.RunResult;
import goasm.frame.Insertion;
import goasm.obj.AddrName;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explanation against each release's own {@code -S}, run in the test: explain shows exactly
 * the instructions Go's listing has (pc and text), and every offset, size and register a reason
 * states is the one in Go's instruction at that pc.
 */
class ExplainAgainstGoListingTest {
    /** Examples covering every rule: stack-check shapes, BP save forms, NOFRAME/NOSPLIT, FP/SP names, PUSHQ. */
    private static final List<String> EXAMPLES = List.of("frames_amd64.s", "stackcheck_amd64.s",
            "pseudoregs_amd64.s", "textflags_amd64.s", "leaves_amd64.s", "returns_amd64.s", "basics_amd64.s",
            "instructions_amd64.s", "data_amd64.s", "dynlink_amd64.s -dynlink",
            // -shared: g through the two-instruction TLS sequence, bracketed as an unsafe point.
            "frames_amd64.s -shared", "stackcheck_amd64.s -shared");

    private static final Pattern HEADER = Pattern.compile("^(\\S+) STEXT .*locals=(0x[0-9a-f]+).*$");
    private static final Pattern INSTRUCTION = Pattern.compile("^\t0x([0-9a-f]+) \\d{5} \\(.*\\)\t(.*)$");

    record GoLine(long pc, String text) {
    }

    record GoFunction(String name, long locals, List<GoLine> lines) {
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void explanationsStateTheOffsetsOfGosListing(GoRelease release, @TempDir Path scratch) throws IOException {
        GoOracle.Toolchain go = GoOracle.of(release);
        // A scratch object, never /dev/null: Go's asm deletes its -o file when assembly fails.
        String object = scratch.resolve("listing.o").toString();
        int checkedReasons = 0;
        int functions = 0;
        int instructions = 0;
        for (String exampleAndFlags : EXAMPLES) {
            String example = exampleAndFlags.split(" ")[0];
            Path source = ProjectPaths.examples().resolve(example).toAbsolutePath();
            boolean dynlink = exampleAndFlags.endsWith(" -dynlink");
            boolean shared = dynlink || exampleAndFlags.endsWith(" -shared");
            List<String> args = new ArrayList<>(List.of("-S", "-p", "main", "-I", go.includeDir().toString(), "-o",
                    object));
            if (dynlink) {
                args.add("-dynlink");
            } else if (shared) {
                args.add("-shared");
            }
            args.add(source.toString());
            RunResult listing = go.asm(args, null, Map.of());
            assertThat(listing.status()).as("go%s asm %s: %s", release.line(), example, listing.stderr()).isZero();
            Map<String, GoFunction> expected = parse(listing.stdout());

            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Explainer.Outcome outcome = Explainer.explain(new Explainer.Request(List.of(source.toString()),
                    List.of(go.includeDir().toString()), List.of(), "main", Optional.empty(), Path.of(""),
                    ReleaseProfile.reference(release), dynlink, shared, Map.of()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(outcome.ok()).as("explain %s: %s", example, err).isTrue();
            assertThat(outcome.functions()).extracting(Model.Function::name)
                    .as("functions of %s, go%s", example, release.line()).containsExactlyElementsOf(expected.keySet());

            for (Model.Function f : outcome.functions()) {
                GoFunction g = expected.get(f.name());
                List<Model.Instruction> shown = f.blocks().stream().flatMap(b -> b.instructions().stream()).toList();
                functions++;
                instructions += shown.size();
                assertThat(shown).extracting(i -> new GoLine(i.pc(), i.text()))
                        .as("%s in %s, go%s: the instructions explain shows", f.name(), example, release.line())
                        .containsExactlyElementsOf(g.lines());
                for (int k = 0; k < shown.size(); k++) {
                    List<Model.Reason> reasons = shown.get(k).reasons();
                    // Rewrites apply in order (MOVQ $x → LEAQ x → MOVQ x@GOT with -dynlink): the last one shows.
                    int lastEdit = -1;
                    for (int r = 0; r < reasons.size(); r++) {
                        if (reasons.get(r).data() instanceof Insertion.Edit) {
                            lastEdit = r;
                        }
                    }
                    for (int r = 0; r < reasons.size(); r++) {
                        Model.Reason reason = reasons.get(r);
                        String what = "%s %s pc %#x go%s: %s".formatted(example, f.name(), shown.get(k).pc(),
                                release.line(), reason.text());
                        if (reason.data() instanceof Insertion.Edit e && r < lastEdit) {
                            assertThat(g.lines().get(k).text()).as(what).isNotEqualTo(e.before());
                        } else {
                            checkAgainstGo(reason, g.lines().get(k).text(), g, what);
                        }
                        checkedReasons++;
                    }
                }
                // Everything listed at the TEXT line (prologue and morestack tail) was inserted: each has its reason.
                Model.SourceBlock textBlock = f.blocks().get(0);
                f.blocks().stream().filter(b -> b.line() == textBlock.line() && b.file().equals(textBlock.file()))
                        .flatMap(b -> b.instructions().stream())
                        .forEach(i -> assertThat(i.reasons()).as("%s %s pc %#x go%s: %s has no reason", example,
                                f.name(), i.pc(), release.line(), i.text()).isNotEmpty());
                assertThat(f.frame().frameSize()).as("%s frame size vs locals= in Go's header", f.name())
                        .isEqualTo(g.locals());
            }
        }
        assertThat(checkedReasons).as("reasons compared with go%s's listing", release.line()).isGreaterThan(100);
        String figure = "explain go%s: all %d / %d reasons' numbers as in -S (%d functions, %d instructions equal to -S)%n"
                .formatted(release.line(), checkedReasons, checkedReasons, functions, instructions);
        System.out.print(figure);
        Path reports = ProjectPaths.buildDir().resolve("conformance");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("explain-" + release.line() + ".txt"), figure);
    }

    /** The numbers of one reason, as Go's instruction at the same pc shows them. */
    private static void checkAgainstGo(Model.Reason reason, String goText, GoFunction g, String what) {
        switch (reason.data()) {
            case Insertion.FrameOperand o -> {
                String base = o.kind() == AddrName.PARAM ? "FP" : "SP";
                String name = o.name() == null ? "" : o.name();
                // Go prints name+8(FP), name(SP) for 0 and name-8(SP) for negative offsets.
                String shownOffset = o.rewritten() < 0 ? Long.toString(o.rewritten())
                        : o.rewritten() == 0 && !name.isEmpty() ? "" : (name.isEmpty() ? "" : "+") + o.rewritten();
                assertThat(goText).as(what).contains(name + shownOffset + "(" + base + ")");
                assertThat(reason.text()).as(what).contains("`" + o.rewritten() + "(SP)`");
            }
            case Insertion.FrameSize s -> {
                assertThat(goText).as(what).startsWith("TEXT\t").contains(", $" + s.frame() + "-");
                assertThat(s.frame()).as(what).isEqualTo(g.locals());
            }
            case Insertion.BpSave b -> {
                String slot = b.slot() == 0 ? "(SP)" : b.slot() + "(SP)";
                switch (b.step()) {
                    case SAVE -> assertThat(goText).as(what).isIn("PUSHQ\tBP", "MOVQ\tBP, " + slot);
                    case LINK -> assertThat(goText).as(what).isIn("MOVQ\tSP, BP", "LEAQ\t" + slot + ", BP");
                    case RESTORE -> assertThat(goText).as(what).isIn("POPQ\tBP", "MOVQ\t" + slot + ", BP");
                }
            }
            case Insertion.FrameAdjust a -> {
                Matcher m = Pattern.compile("^(SUBQ|ADDQ)\t\\$(-?\\d+), SP$").matcher(goText);
                assertThat(m.matches()).as(what + " / go: " + goText).isTrue();
                long imm = Long.parseLong(m.group(2));
                long spChange = m.group(1).equals("SUBQ") ? imm : -imm;
                assertThat(spChange).as(what).isEqualTo(a.bytes());
            }
            case Insertion.StackCheck c -> {
                String guard = c.stackguard0() + "(" + c.gRegister() + ")";
                switch (c.shape()) {
                    case SMALL -> assertThat(goText).as(what).isEqualTo("CMPQ\tSP, " + guard);
                    case MEDIUM -> assertThat(goText).as(what).matches(
                            "LEAQ\t-" + (c.frame() - c.stackSmall()) + "\\(SP\\), \\w+|CMPQ\t\\w+, "
                                    + Pattern.quote(guard));
                    case HUGE_BORROW -> assertThat(goText).as(what).matches("MOVQ\tSP, \\w+|SUBQ\t\\$"
                            + (c.frame() - c.stackSmall()) + ", \\w+|CMPQ\t\\w+, " + Pattern.quote(guard));
                    case HUGE_PREEMPT -> assertThat(goText).as(what).matches("MOVQ\t" + Pattern.quote(guard)
                            + ", SI|CMPQ\tSI, \\$-1314|LEAQ\t" + c.stackGuard() + "\\(SP\\), \\w+|SUBQ\tSI, \\w+|CMPQ\t\\w+, \\$"
                            + (c.frame() + c.stackGuard() - c.stackSmall()));
                }
            }
            case Insertion.LoadG l -> assertThat(goText).as(what).endsWith(", " + l.register());
            case Insertion.MoreStackCall m -> assertThat(goText).as(what)
                    .matches("NOP|PCDATA\t\\$1, \\$-1|CALL\t" + Pattern.quote(m.function()) + "\\(SB\\)");
            case Insertion.UnsafePoint u -> assertThat(goText).as(what)
                    .matches(u.start() ? "PCDATA\t\\$0, \\$-2" : "PCDATA\t\\$0, \\$-?\\d+");
            case Insertion.RetryCheck r -> assertThat(goText).as(what).isEqualTo("JMP\t0");
            case Insertion.BranchToMoreStack b -> assertThat(goText).as(what).matches("(JLS|JCS|JEQ)\t\\d+");
            case Insertion.FuncData d -> assertThat(goText).as(what)
                    .isEqualTo("FUNCDATA\t$" + d.index() + ", " + d.symbol() + "(SB)");
            case Insertion.TailCall t -> assertThat(goText).as(what).startsWith("JMP\t");
            case Insertion.MadeNosplit n -> assertThat(goText).as(what).startsWith("TEXT\t").contains("NOSPLIT");
            case Insertion.MayMoreStack m -> assertThat(goText).as(what).contains(m.function());
            case Insertion.Edit e -> {
                switch (e.rule()) {
                    case ADDRESS_AS_LEA -> assertThat(goText).as(what).startsWith("LEA");
                    case ZERO_FLOAT_AS_XOR -> assertThat(goText).as(what).startsWith("XORPS");
                    case FLOAT_CONSTANT_IN_MEMORY -> assertThat(goText).as(what).containsPattern("\\$f(32|64)\\.");
                    default -> assertThat(goText).as(what).isNotEqualTo(e.before());
                }
            }
            case Insertion.WrapperFixup w -> assertThat(goText).as(what).isNotEmpty();
        }
    }

    static Map<String, GoFunction> parse(String listing) {
        Map<String, GoFunction> out = new LinkedHashMap<>();
        List<GoLine> current = null;
        for (String l : listing.split("\n")) {
            Matcher h = HEADER.matcher(l);
            if (h.matches()) {
                current = new ArrayList<>();
                out.put(h.group(1), new GoFunction(h.group(1), Long.decode(h.group(2)), current));
                continue;
            }
            if (!l.startsWith("\t")) {
                current = null;
                continue;
            }
            Matcher i = INSTRUCTION.matcher(l);
            if (current != null && i.matches()) {
                current.add(new GoLine(Long.parseLong(i.group(1), 16), i.group(2)));
            }
        }
        return out;
    }
}
