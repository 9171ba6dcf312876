package goasm.run;

import java.io.OutputStream;
import java.io.PrintStream;

/** What the guest prints (Go's print writes to stderr), buffered and flushed at exit or before messages. */
final class GuestOutput {
    private final PrintStream target;
    private final byte[] buffer = new byte[8192];
    private int used;

    GuestOutput(PrintStream target) {
        this.target = target;
    }

    void write(byte[] bytes) {
        if (used + bytes.length > buffer.length) {
            flush();
            if (bytes.length > buffer.length) {
                target.write(bytes, 0, bytes.length);
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    void write(String s) {
        write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    void flush() {
        if (used > 0) {
            target.write(buffer, 0, used);
            used = 0;
        }
        target.flush();
    }

    OutputStream stream() {
        return target;
    }
}
