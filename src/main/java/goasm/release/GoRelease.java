package goasm.release;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Go releases goasm assembles and runs as, oldest first. Everything that differs between
 * them is described by the concern records of {@link ReleaseProfile}; each of those switches
 * exhaustively over this enum, so a new release cannot be added without saying what it is for
 * every concern.
 */
public enum GoRelease {
    GO1_15(15, "go1.15.15"),
    GO1_19(19, "go1.19.8"),
    GO1_21(21, "go1.21.13"),
    GO1_22(22, "go1.22.12"),
    GO1_23(23, "go1.23.5"),
    GO1_24(24, "go1.24.4"),
    GO1_26(26, "go1.26.10"),
    GO1_27(27, "go1.27.3");

    /** The release goasm follows when nothing says otherwise. */
    public static final GoRelease NEWEST = GO1_27;

    private final int minor;
    private final String referencePatch;

    GoRelease(int minor, String referencePatch) {
        this.minor = minor;
        this.referencePatch = referencePatch;
    }

    /** "1.27". */
    public String line() {
        return "1." + minor;
    }

    public int minor() {
        return minor;
    }

    /**
     * The patch release goasm is checked against ("go1.27.3"), used as the version when the
     * GOROOT being followed does not name one.
     */
    public String referencePatch() {
        return referencePatch;
    }

    /** At least {@code other}: for facts that hold from one release on, inside the concern records only. */
    public boolean atLeast(GoRelease other) {
        return compareTo(other) >= 0;
    }

    /**
     * The release of a version as Go spells it ("1.27", "go1.27", "go1.27.3", "go1.27rc1",
     * "go1.27.3 X:foo" from a VERSION file's first line), if goasm supports it.
     */
    public static Optional<GoRelease> of(String version) {
        String v = version.strip();
        int space = v.indexOf(' ');
        if (space >= 0) {
            v = v.substring(0, space);
        }
        if (v.startsWith("go")) {
            v = v.substring(2);
        }
        if (!v.startsWith("1.")) {
            return Optional.empty();
        }
        int end = 2;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        if (end == 2) {
            return Optional.empty();
        }
        int minor;
        try {
            minor = Integer.parseInt(v.substring(2, end));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(r -> r.minor == minor).findFirst();
    }

    /** "1.15, 1.19, 1.21, 1.22, 1.23, 1.24, 1.26, 1.27". */
    public static String supportedList() {
        return Arrays.stream(values()).map(GoRelease::line).collect(Collectors.joining(", "));
    }

    public static List<GoRelease> all() {
        return List.of(values());
    }
}
