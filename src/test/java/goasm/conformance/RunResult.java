package goasm.conformance;

import java.nio.charset.StandardCharsets;

/**
 * What one assembler run produced: exit status and the exact bytes of stdout and stderr.
 * Compare with {@link #stdoutBytesAsText()} (one char per byte, so no two byte strings look
 * alike); show with {@link #stdout()} (UTF-8, as a terminal would).
 */
public record RunResult(int status, byte[] stdoutBytes, byte[] stderrBytes) {
    public String stdout() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    public String stderr() {
        return new String(stderrBytes, StandardCharsets.UTF_8);
    }

    public String stdoutBytesAsText() {
        return new String(stdoutBytes, StandardCharsets.ISO_8859_1);
    }

    public String stderrBytesAsText() {
        return new String(stderrBytes, StandardCharsets.ISO_8859_1);
    }

    /** The first lines of stderr, for failure messages that should stay short. */
    public String stderrHead(int maxLines) {
        java.util.List<String> lines = stderr().lines().toList();
        if (lines.size() <= maxLines) {
            return stderr();
        }
        return String.join("\n", lines.subList(0, maxLines)) + "\n... (" + (lines.size() - maxLines) + " more lines)\n";
    }
}
