package goasm.frame;

/**
 * The linux/amd64 runtime-data constants inserted code depends on, the same in every supported
 * release (objabi/funcdata.go, runtime2.go offsets); the stack-check sizes, which could differ,
 * are {@link goasm.release.FrameRules}'.
 */
public final class StackLayout {
    public static final int PTR_SIZE = 8;
    /** Offset of g.stackguard0. */
    public static final int G_STACKGUARD0 = 2 * PTR_SIZE;
    /** Offset of g._panic. */
    public static final int G_PANIC = 4 * PTR_SIZE;
    /** Offset of _panic.argp. */
    public static final int PANIC_ARGP = 0;

    public static final int PCDATA_UNSAFE_POINT = 0;
    public static final int PCDATA_STACK_MAP_INDEX = 1;
    public static final int PCDATA_UNSAFE_POINT_UNSAFE = -2;

    public static final int FUNCDATA_ARGS_POINTER_MAPS = 0;
    public static final int FUNCDATA_LOCALS_POINTER_MAPS = 1;
    public static final int FUNCDATA_ARG_INFO = 5;

    private StackLayout() {
    }
}
