package goasm.cli;

import goasm.release.ReleaseProfile;
import goasm.stackplot.StackPlotSvg;
import goasm.stackplot.StackTimeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes `run --plot`'s picture whole or not at all. */
final class PlotFile {
    private PlotFile() {
    }

    static boolean write(Path target, String program, ReleaseProfile release, StackTimeline timeline,
                         PrintStream err) {
        String svg = StackPlotSvg.render("goasm run " + program + " (" + release.goVersion() + ")", timeline);
        try {
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.writeString(tmp, svg, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("goasm run: cannot write " + target + ": " + e.getMessage());
            return false;
        }
    }
}
