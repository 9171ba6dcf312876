package goasm.explain;

import goasm.cli.Main;
import goasm.conformance.GoOracle;
import goasm.conformance.ProjectPaths;
import goasm.release.GoRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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
        Path chromium = chromium();
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

        Path png = dir.resolve("frames.png");
        run(chromium, "--screenshot=" + png, "--window-size=1280,1600", page.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("screenshot %s", png).isNotNull();
        Set<Integer> colours = new HashSet<>();
        int background = image.getRGB(2, image.getHeight() - 2);
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                if (rgb != background) {
                    ink++;
                }
            }
        }
        long sampled = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
        // Text, highlighted rows and the SVG boxes: hundreds of shades, a good part of the page inked.
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(50);
        assertThat(ink * 100 / sampled).as("percent of the screenshot not background").isGreaterThan(10);

        String dom = run(chromium, "--dump-dom", page.toUri().toString());
        // frame8 ($8-8, Go 1.27): frame 8 + 8 for the saved BP = 16, so x+0(FP) is 0 + 16 + 8 = 24(SP),
        // the saved BP at 16 - 8 = 8(SP), and the SVG shows x at SP+24 = FP+0.
        assertThat(dom).containsPattern("MOVQ\\s+x\\+24\\(FP\\), AX");
        assertThat(dom).contains("main.frame8", "`x+0(FP)` → `24(SP)`: FP = SP + frame 16 + return address 8",
                "BP saved because the frame is not empty", "<svg");
        // frame24 ($24-8): frame 32; tmp-8(SP) -> -8 + 32 - 8 = 16(SP).
        assertThat(dom).contains("`tmp-8(SP)` → `16(SP)`: pseudo-SP = SP + frame 32 - saved BP 8");
        assertThat(dom.split("<svg", -1)).as("one frame picture per function of frames_amd64.s").hasSize(7);
    }

    /** chromium (or chromium-browser, or $CHROMIUM) on this machine; fails saying how to install it. */
    static Path chromium() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("CHROMIUM")).ifPresent(candidates::add);
        for (String dirName : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            candidates.add(dirName + "/chromium");
            candidates.add(dirName + "/chromium-browser");
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        throw new AssertionError("chromium not found on PATH (the --html tests render pages in it): "
                + "run .ci/install-chromium.sh");
    }

    private String run(Path chromium, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(stdout.toFile())
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 180 s: " + command);
        }
        assertThat(p.exitValue()).as("chromium %s: %s", command, Files.readString(dir.resolve("chromium.err")))
                .isZero();
        return Files.readString(stdout);
    }
}
