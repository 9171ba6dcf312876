package goasm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * goasm's own build: a digest of the jar (or class directory) goasm runs from. A changed goasm
 * gives a changed toolexec `-V=full` line (so go rebuilds what it assembled) and a different
 * resident server. For a jar it is the first 32 hex digits of the jar's SHA-256, as
 * `sha256sum goasm.jar` prints them.
 */
public final class BuildDigest {
    private BuildDigest() {
    }

    /** The digest of the code this JVM runs goasm from, computed once (the code does not change under it). */
    public static String ofRunningCode() {
        return Running.DIGEST;
    }

    /** Where this JVM's goasm classes come from (a jar or a class directory), if it can tell. */
    public static java.util.Optional<Path> runningCode() {
        try {
            return java.util.Optional.of(
                    Path.of(BuildDigest.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The digest of the jar or class directory at {@code code}; "unknown" when it cannot be read. */
    public static String of(Path code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (Files.isRegularFile(code)) {
                digest.update(Files.readAllBytes(code));
            } else {
                List<Path> files = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(code)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
                for (Path file : files) {
                    digest.update(code.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(Files.readAllBytes(file));
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return "unknown";
        }
    }

    private static final class Running {
        static final String DIGEST = runningCode().map(BuildDigest::of).orElse("unknown");
    }
}
