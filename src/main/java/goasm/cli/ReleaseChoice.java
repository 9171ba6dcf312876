package goasm.cli;

import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Go release goasm follows in this run, first rule that applies:
 * <ol>
 *   <li>GOASM_GO names one ("1.27", "go1.27", "go1.27.3");</li>
 *   <li>goasm stands in for a Go tool at GOROOT/pkg/tool/os_arch/asm (handed that path by
 *       `goasm toolexec`, or installed there): that GOROOT's release;</li>
 *   <li>$GOROOT is set: its release;</li>
 *   <li>else the newest supported release.</li>
 * </ol>
 * A GOROOT's release and exact patch version are read from its VERSION file; a GOROOT without
 * one says nothing and the next rule applies. A release goasm does not support is an error.
 */
final class ReleaseChoice {
    /** A release was named that goasm does not support: one line for the user, exit status 2. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private ReleaseChoice() {
    }

    /** The release for a run not started in place of a Go tool. */
    static ReleaseProfile choose(Map<String, String> env) throws Unsupported {
        return choose(env, Optional.empty());
    }

    /**
     * The release for a run standing in for the Go tool at {@code toolPath} (when present), with
     * {@code env} as the environment.
     */
    static ReleaseProfile choose(Map<String, String> env, Optional<Path> toolPath) throws Unsupported {
        String named = env.getOrDefault("GOASM_GO", "");
        Optional<Path> toolRoot = toolPath.flatMap(ReleaseChoice::goRootOfTool);
        String envRoot = env.getOrDefault("GOROOT", "");
        Optional<Path> environmentRoot = envRoot.isEmpty() ? Optional.empty() : Optional.of(Path.of(envRoot));
        if (!named.isEmpty()) {
            GoRelease release = GoRelease.of(named).orElseThrow(() -> new Unsupported(
                    "goasm: unsupported Go release " + named + " in GOASM_GO (supported: " + GoRelease.supportedList()
                            + ")"));
            // The GOROOT that called goasm, or $GOROOT, when it is of the named release.
            Optional<Path> root = toolRoot.filter(r -> releaseAt(r).equals(Optional.of(release)))
                    .or(() -> environmentRoot.filter(r -> releaseAt(r).equals(Optional.of(release))));
            String version = named.matches("(go)?1\\.\\d+\\.\\d+") ? (named.startsWith("go") ? named : "go" + named)
                    : root.flatMap(ReleaseChoice::versionOf).orElse(release.referencePatch());
            return new ReleaseProfile(release, version,
                    root.map(Path::toString).orElse(ReleaseProfile.reference(release).goRoot()));
        }
        for (Optional<Path> root : List.of(toolRoot, environmentRoot)) {
            if (root.isPresent()) {
                Optional<String> version = versionOf(root.get());
                if (version.isPresent()) {
                    GoRelease release = GoRelease.of(version.get()).orElseThrow(() -> new Unsupported(
                            "goasm: unsupported Go release " + version.get() + " at GOROOT " + root.get()
                                    + " (supported: " + GoRelease.supportedList() + ")"));
                    return new ReleaseProfile(release, version.get(), root.get().toString());
                }
            }
        }
        return ReleaseProfile.newest();
    }

    /** GOROOT for a tool at GOROOT/pkg/tool/os_arch/name, if the path has that shape. */
    static Optional<Path> goRootOfTool(Path tool) {
        Path arch = tool.toAbsolutePath().normalize().getParent();
        if (arch == null || arch.getParent() == null || arch.getParent().getParent() == null) {
            return Optional.empty();
        }
        Path toolDir = arch.getParent();
        Path pkg = toolDir.getParent();
        if (!toolDir.getFileName().toString().equals("tool") || !pkg.getFileName().toString().equals("pkg")
                || pkg.getParent() == null) {
            return Optional.empty();
        }
        return Optional.of(pkg.getParent());
    }

    private static Optional<GoRelease> releaseAt(Path goRoot) {
        return versionOf(goRoot).flatMap(GoRelease::of);
    }

    /** The first word of GOROOT/VERSION ("go1.27.3"), when there is one. */
    static Optional<String> versionOf(Path goRoot) {
        try {
            List<String> lines = Files.readAllLines(goRoot.resolve("VERSION"));
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            return Optional.of(lines.get(0).strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
