package goasm.asm;

import goasm.lex.OsErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The -o file as Go's assembler treats it: created (or truncated) before the first input is
 * read, through a symbolic link if it names one; written when the assembly succeeds; removed
 * when it fails, so that no stale or partial object survives a failed run. Two differences
 * from Go: after an error that ends Go's run at once (an unreadable input, a preprocessor
 * error) Go leaves the file it created empty, goasm removes it too; and goasm never removes a
 * device or pipe (Go's os.Remove would delete /dev/null for a privileged user).
 */
final class OutputFile {
    /** Go's log.Fatal(err) text when the file cannot be created. */
    static final class CreateFailure extends Exception {
        CreateFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final Path path;
    private final String name;

    private OutputFile(Path path, String name) {
        this.path = path;
        this.name = name;
    }

    /** Go's os.Create: opened for writing, created with mode 0666 less the umask, or truncated. */
    static OutputFile create(Path workingDir, String name) throws CreateFailure {
        try {
            Path path = workingDir.resolve(name);
            Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING).close();
            return new OutputFile(path, name);
        } catch (IOException | RuntimeException e) {
            throw new CreateFailure("open " + name + ": " + OsErrors.reason(e));
        }
    }

    /** Writes the whole content; returns Go's error text, or null. */
    String write(byte[] bytes) {
        try {
            Files.write(path, bytes, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return null;
        } catch (IOException | RuntimeException e) {
            return "write " + name + ": " + OsErrors.reason(e);
        }
    }

    /**
     * After a failure: a regular file goes (Go removes it after "assembly failed"; after an error
     * that ends its run at once Go leaves it empty, goasm removes it all the same). A symbolic
     * link is removed only where Go removes it, after "assembly failed" (its target stays, empty).
     * A device or pipe stays.
     */
    void removeAfterFailure(boolean assemblyFailed) {
        try {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                    || (assemblyFailed && Files.isSymbolicLink(path))) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | RuntimeException e) {
            // Go ignores os.Remove's error as well.
        }
    }
}
