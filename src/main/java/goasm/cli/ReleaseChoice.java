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
 * Which Go release goasm follows in this run: GOASM_GO when set; else the release of $GOROOT
 * (read from its VERSION file); else the newest supported release.
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

    static ReleaseProfile choose(Map<String, String> env) throws Unsupported {
        String named = env.getOrDefault("GOASM_GO", "");
        String goRoot = env.getOrDefault("GOROOT", "");
        Optional<String> rootVersion = goRoot.isEmpty() ? Optional.empty() : versionOf(Path.of(goRoot));
        if (!named.isEmpty()) {
            GoRelease release = GoRelease.of(named).orElseThrow(() -> new Unsupported(
                    "goasm: unsupported Go release " + named + " in GOASM_GO (supported: " + GoRelease.supportedList() + ")"));
            ReleaseProfile reference = ReleaseProfile.reference(release);
            // An exact patch release named in GOASM_GO, or the GOROOT's when it is of the same release.
            String version = named.matches("(go)?1\\.\\d+\\.\\d+") ? (named.startsWith("go") ? named : "go" + named)
                    : rootVersion.filter(v -> GoRelease.of(v).equals(Optional.of(release))).orElse(reference.goVersion());
            return new ReleaseProfile(release, version, reference.goRoot());
        }
        if (rootVersion.isPresent()) {
            String version = rootVersion.get();
            GoRelease release = GoRelease.of(version).orElseThrow(() -> new Unsupported(
                    "goasm: unsupported Go release " + version + " at GOROOT " + goRoot + " (supported: "
                            + GoRelease.supportedList() + ")"));
            return new ReleaseProfile(release, version, goRoot);
        }
        return ReleaseProfile.newest();
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
