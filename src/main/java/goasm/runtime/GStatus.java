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

    /** Status by code (codes are small), so reading a g's status allocates nothing. */
    private static final GStatus[] BY_CODE = new GStatus[16];

    static {
        for (GStatus s : values()) {
            BY_CODE[s.code] = s;
        }
    }

    public static GStatus of(int code) {
        int plain = code & ~SCAN_BIT;
        if (plain >= 0 && plain < BY_CODE.length && BY_CODE[plain] != null) {
            return BY_CODE[plain];
        }
        throw new IllegalArgumentException("bad g status 0x" + Integer.toHexString(code));
    }
}
