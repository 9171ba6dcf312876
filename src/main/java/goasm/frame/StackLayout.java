package goasm.frame;

/**
 * Go 1.19's linux/amd64 stack and runtime-data constants that inserted code depends on
 * (objabi/stack.go, objabi/funcdata.go, runtime2.go offsets).
 */
public final class StackLayout {
    /** Frames up to this size are checked with a bare CMPQ SP, stackguard0. */
    public static final int STACK_SMALL = 128;
    /** Frames up to this size are checked with LEAQ -(size-StackSmall)(SP); larger ones guard against wrap-around. */
    public static final int STACK_BIG = 4096;
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
