package goasm.server;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The private directory that holds the server's socket, lock and log: only a directory owned by
 * the user, with mode 0700, is used, so no other user can reach or replace the socket.
 */
public record SocketDirectory(Path path) {
    /** The directory cannot be trusted (or made); the message says why. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The only mode accepted: the owner may list, enter and create; nobody else anything. */
    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    /** $GOASM_SERVER_DIR, else $XDG_RUNTIME_DIR/goasm, else /tmp/goasm-UID. */
    public static Path chosen(Map<String, String> env, int uid) {
        String named = env.getOrDefault("GOASM_SERVER_DIR", "");
        if (!named.isEmpty()) {
            return Path.of(named);
        }
        String runtime = env.getOrDefault("XDG_RUNTIME_DIR", "");
        if (!runtime.isEmpty()) {
            return Path.of(runtime, "goasm");
        }
        return Path.of("/tmp", "goasm-" + uid);
    }

    /** The directory for {@code env}, made if missing (mode 0700), checked either way. */
    public static SocketDirectory open(Map<String, String> env) throws Refused {
        int uid = Identity.uid();
        Path dir = chosen(env, uid);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (FileAlreadyExistsException e) {
            // Checked below like any other.
        } catch (IOException e) {
            throw new Refused("goasm server: cannot create " + dir + ": " + e.getMessage());
        }
        return existing(dir, uid);
    }

    /** {@code dir} as it is, if it passes {@link #problem}. */
    public static SocketDirectory existing(Path dir, int uid) throws Refused {
        try {
            var attributes = Files.readAttributes(dir, "unix:mode,uid,isDirectory,isSymbolicLink", LinkOption.NOFOLLOW_LINKS);
            Optional<String> problem = problem(Boolean.TRUE.equals(attributes.get("isDirectory"))
                            && !Boolean.TRUE.equals(attributes.get("isSymbolicLink")),
                    (Integer) attributes.get("uid"), (Integer) attributes.get("mode") & 07777, uid);
            if (problem.isPresent()) {
                throw new Refused("goasm server: refusing " + dir + ": " + problem.get());
            }
            return new SocketDirectory(dir);
        } catch (IOException | RuntimeException e) {
            throw new Refused("goasm server: cannot use " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Why a directory with these properties must not hold the socket, if it must not: it is no
     * directory (or a symbolic link), another user owns it, or its mode is not 0700.
     */
    public static Optional<String> problem(boolean plainDirectory, int ownerUid, int mode, int uid) {
        if (!plainDirectory) {
            return Optional.of("not a directory");
        }
        if (ownerUid != uid) {
            return Optional.of("owned by uid " + ownerUid + ", not " + uid);
        }
        if (mode != 0700) {
            return Optional.of("mode " + String.format("%04o", mode) + ", not 0700");
        }
        return Optional.empty();
    }

    /** The socket's name for a build and file-creation mask: BUILD-UMASK.sock. */
    public Path socket(String build, int umask) {
        return path.resolve(stem(build, umask) + ".sock");
    }

    Path lock(String build, int umask) {
        return path.resolve(stem(build, umask) + ".lock");
    }

    Path log(String build, int umask) {
        return path.resolve(stem(build, umask) + ".log");
    }

    /** Every server socket in the directory (for `goasm server stop` of every build). */
    public List<Path> sockets() throws IOException {
        try (var files = Files.list(path)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sock")).sorted().toList();
        }
    }

    private static String stem(String build, int umask) {
        return build + "-" + String.format("%03o", umask & 0777);
    }
}
