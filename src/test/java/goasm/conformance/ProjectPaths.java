package goasm.conformance;

import java.nio.file.Path;

/** Where the project and its build output are, as Maven runs the tests. */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    /** The repository root (Maven's basedir). */
    public static Path root() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** The build directory (target/ unless -Dgoasm.buildDir moves it). */
    public static Path buildDir() {
        String dir = System.getProperty("goasm.buildDir");
        return dir != null ? Path.of(dir).toAbsolutePath() : root().resolve("target");
    }

    public static Path examples() {
        return root().resolve("examples");
    }
}
