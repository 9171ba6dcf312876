package goasm.cli;

import goasm.explain.Explainer;
import goasm.explain.HtmlReport;
import goasm.explain.JsonReport;
import goasm.explain.TextReport;
import goasm.release.ReleaseProfile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** `goasm explain`: what the followed release's assembler inserted into each function, why, and the frame. */
final class ExplainCommand {
    private ExplainCommand() {
    }

    /** The command line of `goasm explain` (func, html: null when not given). */
    record Flags(List<String> files, List<String> includes, List<String> defines, String importPath, String func,
                 String html, boolean json, boolean dynlink, boolean shared) {
    }

    /**
     * @param terminal whether stdout is a terminal (colours unless NO_COLOR is set)
     */
    static int run(Flags flags, Path workingDir, Map<String, String> env, boolean terminal,
                   PrintStream out, PrintStream err, ReleaseProfile release) {
        List<String> files = flags.files();
        String func = flags.func();
        String html = flags.html();
        Optional<Pattern> pattern = Optional.empty();
        if (func != null) {
            try {
                pattern = Optional.of(Pattern.compile(func));
            } catch (PatternSyntaxException e) {
                err.println("goasm explain: invalid -func regexp: " + e.getDescription());
                return 2;
            }
        }
        List<String> includeDirs = new ArrayList<>(flags.includes());
        String bundled = System.getProperty("goasm.include");
        if (bundled != null && Files.isDirectory(Path.of(bundled))) {
            includeDirs.add(bundled);
        }
        Explainer.Outcome outcome = Explainer.explain(new Explainer.Request(files, includeDirs, flags.defines(),
                flags.importPath(), pattern, workingDir, release, flags.dynlink(), flags.shared() || flags.dynlink(),
                env), err);
        if (!outcome.ok()) {
            return outcome.status();
        }
        if (html != null) {
            String title = "goasm explain " + String.join(" ", files) + " (" + release.goVersion() + ")";
            Path target = workingDir.resolve(html);
            try {
                Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
                Files.writeString(tmp, HtmlReport.render(title, outcome.functions()), StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                err.println("goasm explain: cannot write " + html + ": " + e.getMessage());
                return 1;
            }
        }
        if (flags.json()) {
            out.print(JsonReport.render(release.goVersion(), outcome.functions()));
        } else if (html == null) {
            out.print(new TextReport(colour(terminal, env)).render(outcome.functions()));
        }
        return 0;
    }

    /** Colours on a terminal unless NO_COLOR is set to something (no-color.org); never in a pipe. */
    static boolean colour(boolean terminal, Map<String, String> env) {
        return terminal && env.getOrDefault("NO_COLOR", "").isEmpty();
    }
}
