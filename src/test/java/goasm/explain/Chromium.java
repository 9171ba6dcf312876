package goasm.explain;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Headless Chromium for the tests of pages and pictures: screenshots and the DOM it builds. */
public final class Chromium {
    private Chromium() {
    }

    /** chromium (or chromium-browser, or $CHROMIUM) on this machine; fails saying how to install it. */
    public static Path find() {
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
        throw new AssertionError("chromium not found on PATH (pages and plots are checked in it): "
                + "run .ci/install-chromium.sh");
    }

    /** Runs headless Chromium with {@code args}; returns its standard output. */
    public static String run(Path chromium, Path work, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + work.resolve("profile")));
        command.addAll(List.of(args));
        Path stdout = work.resolve("chromium.out");
        Path stderr = work.resolve("chromium.err");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 180 s: " + command);
        }
        assertThat(p.exitValue()).as("chromium %s: %s", command, Files.readString(stderr)).isZero();
        return Files.readString(stdout);
    }

    /**
     * A screenshot of {@code file} at this window size is not blank: many colours (text, boxes,
     * lines) and over a tenth of it not the background colour.
     */
    public static void assertRendersNotBlank(Path file, Path work, int width, int height) throws Exception {
        Path png = work.resolve(file.getFileName() + ".png");
        run(find(), work, "--screenshot=" + png, "--window-size=" + width + "," + height, file.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("screenshot %s", png).isNotNull();
        Set<Integer> colours = new HashSet<>();
        int background = image.getRGB(2, image.getHeight() - 2);
        long ink = 0;
        long sampled = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                sampled++;
                if (rgb != background) {
                    ink++;
                }
            }
        }
        assertThat(colours.size()).as("distinct colours in the screenshot of %s", file).isGreaterThan(50);
        assertThat(ink * 100 / sampled).as("percent of the screenshot of %s not background", file).isGreaterThan(3);
    }
}
