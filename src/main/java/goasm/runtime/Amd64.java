package goasm.runtime;

/** Facts of the architecture (linux/amd64) that no release changes. */
public final class Amd64 {
    private Amd64() {
    }

    /** goarch.PtrSize. */
    public static final int PTR_SIZE = 8;
    /** sys.MinFrameSize: no link register slot on amd64. */
    public static final int MIN_FRAME_SIZE = 0;
}
