package goasm.obj;

/** The flag bits of textflag.h, as TEXT/GLOBL take them. */
public final class TextFlag {
    public static final int NOPROF = 1;
    public static final int DUPOK = 2;
    public static final int NOSPLIT = 4;
    public static final int RODATA = 8;
    public static final int NOPTR = 16;
    public static final int WRAPPER = 32;
    public static final int NEEDCTXT = 64;
    public static final int TLSBSS = 256;
    public static final int NOFRAME = 512;
    public static final int REFLECTMETHOD = 1024;
    public static final int TOPFRAME = 2048;
    public static final int ABIWRAPPER = 4096;
    /** The package's init function (Go 1.21+ record it in the object file). */
    public static final int PKGINIT = 8192;

    private TextFlag() {
    }
}
