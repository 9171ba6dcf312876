package goasm.explain;

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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The --html page as a real browser shows it: headless Chromium takes a screenshot (not blank:
 * many colours, much ink) and dumps the DOM it built (the offsets and reasons are in the page's
 * text, the frames are SVG). Fails when Chromium is missing, saying how to install it.
 */
class ExplainHtmlInChromiumTest {
    @TempDir
    Path dir;

    @Test
    void framesExampleRendersWithItsOffsets() throws Exception {
        Path chromium = Chromium.find();
        Path page = dir.resolve("frames.html");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"explain", "--html", page.toString(), "-I",
                        GoOracle.of(GoRelease.GO1_27).includeDir().toString(),
                        ProjectPaths.examples().resolve("frames_amd64.s").toString()}, Path.of(""),
                Map.of("GOASM_GO", "1.27"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).as("--html alone prints nothing").isEmpty();
        String html = Files.readString(page);
        assertThat(html).as("self-contained: nothing fetched, no scripts")
                .doesNotContain("src=", "href=", "url(", "@import", "<script", "http:", "https:");

        Chromium.assertRendersNotBlank(page, dir, 1280, 1600);

        String dom = Chromium.run(chromium, dir, "--dump-dom", page.toUri().toString());
        // frame8 ($8-8, Go 1.27): frame 8 + 8 for the saved BP = 16, so x+0(FP) is 0 + 16 + 8 = 24(SP),
        // the saved BP at 16 - 8 = 8(SP), and the SVG shows x at SP+24 = FP+0.
        assertThat(dom).containsPattern("MOVQ\\s+x\\+24\\(FP\\), AX");
        assertThat(dom).contains("main.frame8", "`x+0(FP)` → `24(SP)`: FP = SP + frame 16 + return address 8",
                "BP saved because the frame is not empty", "<svg");
        // frame24 ($24-8): frame 32; tmp-8(SP) -> -8 + 32 - 8 = 16(SP).
        assertThat(dom).contains("`tmp-8(SP)` → `16(SP)`: pseudo-SP = SP + frame 32 - saved BP 8");
        assertThat(dom.split("<svg", -1)).as("one frame picture per function of frames_amd64.s").hasSize(7);
    }
}
