package goasm.release;

import java.util.Objects;

/**
 * The Go release goasm follows in one run, and everything that differs between releases.
 * Each concern (listing, frame lowering, object file, command line, runtime, ...) is a record
 * of its own in this package, built from the release by an exhaustive switch; the pipeline
 * reads facts from those records and never tests version numbers itself.
 *
 * @param release   the release line (1.27)
 * @param goVersion the exact version written into object files and printed by -V ("go1.27.3"):
 *                  the followed GOROOT's VERSION when known, else {@link GoRelease#referencePatch()}
 * @param goRoot    the GOROOT of that release as Go's own tools would see it (recorded in objects
 *                  as $GOROOT)
 */
public record ReleaseProfile(GoRelease release, String goVersion, String goRoot) {
    public ReleaseProfile {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(goVersion, "goVersion");
        Objects.requireNonNull(goRoot, "goRoot");
    }

    /**
     * The release as installed where Debian installs it (/usr/lib/go-1.27), at the patch
     * release goasm is checked against.
     */
    public static ReleaseProfile reference(GoRelease release) {
        return new ReleaseProfile(release, release.referencePatch(), "/usr/lib/go-" + release.line());
    }

    /** The newest supported release, as followed when nothing names another. */
    public static ReleaseProfile newest() {
        return reference(GoRelease.NEWEST);
    }

    // ---- concern records (each built from the release by an exhaustive switch) ----

    /** The GOEXPERIMENTs of this release. */
    public Experiments experiments() {
        return Experiments.of(release);
    }

    /** Where the runtime keeps g, gobuf, m and _defer fields. */
    public RuntimeLayout runtimeLayout() {
        return RuntimeLayout.of(release);
    }

    /** The goroutine stack sizes, guards, pools and growth rules. */
    public StackRules stackRules() {
        return StackRules.of(release);
    }

    /** runtime.main's frame and the ABI wrapper above an assembly main.main. */
    public MainStart mainStart() {
        return MainStart.of(release);
    }

    /** How goroutine tracebacks are worded. */
    public TracebackText tracebackText() {
        return TracebackText.of(release);
    }
}
