package goasm.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about this process the server depends on: its user id and file-creation mask (Linux's /proc). */
public final class Identity {
    private Identity() {
    }

    /** The real user id of this process. */
    public static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot tell this process's user id", e);
        }
    }

    /** The file-creation mask (the "Umask:" line of /proc/self/status). */
    public static int umask() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : lines) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring("Umask:".length()).strip(), 8);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Said below.
        }
        throw new IllegalStateException("cannot tell this process's umask");
    }
}
