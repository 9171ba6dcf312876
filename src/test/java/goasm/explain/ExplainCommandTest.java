package goasm.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import goasm.cli.Main;
import goasm.conformance.GoOracle;
import goasm.conformance.ProjectPaths;
import goasm.release.GoRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `goasm explain` on the command line: text, --json, -func, help, bad input, release choice, colours. */
class ExplainCommandTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result main(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, Path.of(""), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result explainFrames(String release, String... extra) {
        List<String> args = new ArrayList<>(List.of("explain", "-I",
                GoOracle.of(GoRelease.NEWEST).includeDir().toString()));
        args.addAll(List.of(extra));
        args.add(ProjectPaths.examples().resolve("frames_amd64.s").toString());
        return main(Map.of("GOASM_GO", release), args.toArray(String[]::new));
    }

    @Test
    void everyFunctionOfTheFramesExampleHasItsInsertedCodeAndFrame() {
        Result r = explainFrames("1.27");
        assertThat(r.status()).as(r.err()).isZero();
        for (String fn : List.of("leafZero", "callZeroNosplit", "callZero", "frame8", "frame16", "frame24")) {
            assertThat(r.out()).contains("main." + fn + "  (");
        }
        assertThat(r.out().split("\n  frame: ", -1)).as("one frame picture per function").hasSize(7);
        assertThat(r.out().split("NOSPLIT budget: ", -1)).hasSize(7);
        assertThat(r.out()).as("plain text in a pipe").doesNotContain("\u001b[");
        // frame24 in Go 1.27: $24 + 8 = 32, PUSHQ BP then SUBQ $24.
        assertThat(r.out()).containsPattern("\\+ 00\\w\\w  SUBQ +\\$24, SP +; the locals allocated: SP -= 24");
    }

    @Test
    void releasesSideBySide() {
        // $0 with a call and NOSPLIT: Go 1.15 builds no frame at all, Go 1.27 an 8-byte one for the saved BP.
        Result old = explainFrames("1.15", "-func", "callZeroNosplit");
        Result now = explainFrames("1.27", "-func", "callZeroNosplit");
        assertThat(old.out()).contains("go1.15").contains("frame $0 and NOSPLIT").doesNotContain("PUSHQ");
        assertThat(now.out()).contains("go1.27").contains("frame $0 + 8 = $8").contains("PUSHQ");
    }

    @Test
    void jsonCarriesTheRecordedNumbers() throws Exception {
        Result r = explainFrames("1.27", "--json", "-func", "frame8$");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("release").asText()).startsWith("go1.27");
        JsonNode fn = root.get("functions").get(0);
        assertThat(fn.get("name").asText()).isEqualTo("main.frame8");
        assertThat(fn.get("frame").get("frameSize").asLong()).isEqualTo(16);
        List<JsonNode> operands = new ArrayList<>();
        fn.get("blocks").forEach(b -> b.get("instructions").forEach(i -> i.get("reasons").forEach(reason -> {
            if (reason.get("rule").asText().equals("FrameOperand")) {
                operands.add(reason.get("data"));
            }
        })));
        // x+0(FP) with frame 16: 0 + 16 + 8.
        assertThat(operands).singleElement().satisfies(d -> {
            assertThat(d.get("name").asText()).isEqualTo("x");
            assertThat(d.get("written").asLong()).isZero();
            assertThat(d.get("rewritten").asLong()).isEqualTo(24);
        });
    }

    @Test
    void helpAndBadInput() throws Exception {
        Result help = main(Map.of(), "explain", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: goasm explain", "--html", "--json", "-func");
        assertThat(main(Map.of(), "explain", "-h").status()).isZero();

        Result missing = main(Map.of(), "explain", dir.resolve("nope.s").toString());
        assertThat(missing.status()).isNotZero();
        assertThat(missing.err()).contains("nope.s").doesNotContain("Exception", "\tat ");

        Path bad = dir.resolve("bad.s");
        Files.writeString(bad, "TEXT ·f(SB), $0-0\n\tFOO AX\n\tRET\n");
        Path html = dir.resolve("bad.html");
        Result broken = main(Map.of(), "explain", "--html", html.toString(), bad.toString());
        assertThat(broken.status()).isNotZero();
        assertThat(broken.err()).contains("bad.s:2: ").doesNotContain("Exception");
        assertThat(html).as("no partial output file").doesNotExist();

        Result regexp = main(Map.of(), "explain", "-func", "(", bad.toString());
        assertThat(regexp.status()).isEqualTo(2);
        assertThat(regexp.err()).contains("invalid -func regexp");
    }

    @Test
    void coloursOnlyWhenAsked() {
        Result r = explainFrames("1.27", "-func", "frame8$");
        String plain = r.out();
        List<Model.Function> none = List.of();
        assertThat(new TextReport(false).render(none)).isEmpty();
        // The same model rendered for a terminal differs only by its ANSI sequences.
        Explainer.Outcome o = Explainer.explain(new Explainer.Request(
                List.of(ProjectPaths.examples().resolve("frames_amd64.s").toString()),
                List.of(GoOracle.of(GoRelease.GO1_27).includeDir().toString()), List.of(), "main",
                java.util.Optional.of(java.util.regex.Pattern.compile("frame8$")), Path.of(""),
                goasm.release.ReleaseProfile.reference(GoRelease.GO1_27)), System.err);
        String coloured = new TextReport(true).render(o.functions());
        assertThat(coloured).contains("\u001b[32m");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }
}
