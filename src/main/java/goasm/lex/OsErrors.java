package goasm.lex;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** The text Go's syscall.Errno gives for a failed file operation ("no such file or directory"). */
public final class OsErrors {
    private OsErrors() {
    }

    /**
     * Go's words for {@code e}'s cause: the C library's message with a lower-case first letter,
     * as Go's own errno table spells them ("is a directory", "too many levels of symbolic links").
     */
    public static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null && !fse.getReason().isEmpty()) {
            // The JDK words ELOOP at more length than the C library.
            String r = fse.getReason().replace(" or unable to access attributes of symbolic link", "");
            return Character.toLowerCase(r.charAt(0)) + r.substring(1);
        }
        if (e instanceof java.nio.file.InvalidPathException ipe) {
            // A NUL byte in the name: the system call is refused. Bytes that are not UTF-8 the
            // JDK cannot pass on at all; no such file is what such a name finds here.
            return ipe.getReason() != null && ipe.getReason().toLowerCase().contains("nul")
                    ? "invalid argument" : "no such file or directory";
        }
        return "no such file or directory";
    }
}
