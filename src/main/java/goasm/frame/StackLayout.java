package goasm.frame;

/**
 * The PCDATA/FUNCDATA indices and the one runtime offset inserted code depends on that are the
 * same in every supported release (objabi/funcdata.go, runtime2.go); g's field offsets and the
 * stack-check sizes, which could differ, come from {@link goasm.release.RuntimeLayout} and
 * {@link goasm.release.StackRules}.
 */
public final class StackLayout {
    public static final int PTR_SIZE = 8;
    /** Offset of _panic.argp: its first field in every release that has the WRAPPER fix-up (up to 1.24). */
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
