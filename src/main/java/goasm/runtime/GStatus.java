package goasm.runtime;

/** Go's goroutine states (runtime2.go), with the values stored in g.atomicstatus. */
public enum GStatus {
    IDLE(0),
    RUNNABLE(1),
    RUNNING(2),
    SYSCALL(3),
    WAITING(4),
    DEAD(6),
    COPYSTACK(8),
    PREEMPTED(9);

    /** _Gscan: set on top of a state while the GC scans the stack. */
    public static final int SCAN_BIT = 0x1000;

    private final int code;

    GStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static GStatus of(int code) {
        for (GStatus s : values()) {
            if (s.code == (code & ~SCAN_BIT)) {
                return s;
            }
        }
        throw new IllegalArgumentException("bad g status 0x" + Integer.toHexString(code));
    }
}
