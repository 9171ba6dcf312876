package goasm.release;

import java.util.Set;

/**
 * Which GOOS values a release's assembler accepts for amd64 work, and how its fatal TLS message
 * names a system that has no amd64 thread-local storage.
 *
 * @param goos        the GOOS values the release knows (objabi.HeadType.Set and its aliases)
 * @param tlsSystemAs how "unknown TLS base register for %v" prints the system
 */
public record Systems(Set<String> goos, SystemNaming tlsSystemAs) {
    public Systems {
        goos = Set.copyOf(goos);
    }

    public enum SystemNaming {
        /** The header type's number ("for 4" for js): HeadType had no String method yet. */
        HEAD_NUMBER,
        /** The GOOS name ("for js"). */
        GOOS_NAME
    }

    private static final Set<String> COMMON = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "illumos",
            "js", "linux", "netbsd", "openbsd", "plan9", "solaris", "windows");

    public boolean knows(String name) {
        return goos.contains(name);
    }

    public static Systems of(GoRelease release) {
        return switch (release) {
            // ios became a GOOS of its own in Go 1.16.
            case GO1_15 -> new Systems(COMMON, SystemNaming.HEAD_NUMBER);
            case GO1_19 -> new Systems(with("ios"), SystemNaming.HEAD_NUMBER);
            // wasip1 arrived in Go 1.21, together with HeadType's String method.
            case GO1_21, GO1_22, GO1_23, GO1_24, GO1_26, GO1_27 ->
                    new Systems(with("ios", "wasip1"), SystemNaming.GOOS_NAME);
        };
    }

    private static Set<String> with(String... more) {
        java.util.Set<String> all = new java.util.HashSet<>(COMMON);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }
}
