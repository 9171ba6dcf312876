package goasm.obj;

import java.util.Arrays;
import java.util.Optional;

/**
 * The operating system being assembled for: every GOOS value some supported release's assembler
 * accepts (objabi.HeadType.Set; which release knows which is {@link goasm.release.Systems}), with
 * what changes per system.
 *
 * @param goos                 the GOOS spelling
 * @param head                 Go's header type (several GOOS share one)
 * @param tls                  how thread-local storage is reached
 * @param absoluteSymbolPrefix symbols with this prefix are addressed absolutely, never
 *                             RIP-relative (solaris' libc_ imports, Go's useAbs), or null
 * @param sortsData            data symbols are listed by name (aix keeps its TOC order stable)
 */
public enum TargetOs {
    //       goos         head                tls                     absolute  sortsData
    AIX("aix", HeadType.AIX, TlsModel.NO_AMD64_PORT, null, true),
    ANDROID("android", HeadType.LINUX, TlsModel.ANDROID, null, false),
    DARWIN("darwin", HeadType.DARWIN, TlsModel.DARWIN, null, false),
    DRAGONFLY("dragonfly", HeadType.DRAGONFLY, TlsModel.BSD, null, false),
    FREEBSD("freebsd", HeadType.FREEBSD, TlsModel.FREEBSD, null, false),
    ILLUMOS("illumos", HeadType.SOLARIS, TlsModel.SOLARIS, "libc_", false),
    IOS("ios", HeadType.DARWIN, TlsModel.DARWIN, null, false),
    JS("js", HeadType.JS, TlsModel.NO_AMD64_PORT, null, false),
    LINUX("linux", HeadType.LINUX, TlsModel.LINUX, null, false),
    NETBSD("netbsd", HeadType.NETBSD, TlsModel.BSD, null, false),
    OPENBSD("openbsd", HeadType.OPENBSD, TlsModel.BSD, null, false),
    PLAN9("plan9", HeadType.PLAN9, TlsModel.PLAN9, null, false),
    WASIP1("wasip1", HeadType.WASIP1, TlsModel.NO_AMD64_PORT, null, false),
    SOLARIS("solaris", HeadType.SOLARIS, TlsModel.SOLARIS, "libc_", false),
    WINDOWS("windows", HeadType.WINDOWS, TlsModel.WINDOWS, null, false);

    private final String goos;
    private final HeadType head;
    private final TlsModel tls;
    private final String absoluteSymbolPrefix;
    private final boolean sortsData;

    TargetOs(String goos, HeadType head, TlsModel tls, String absoluteSymbolPrefix, boolean sortsData) {
        this.goos = goos;
        this.head = head;
        this.tls = tls;
        this.absoluteSymbolPrefix = absoluteSymbolPrefix;
        this.sortsData = sortsData;
    }

    /** The system named by a GOOS value, if Go's assembler knows it. */
    public static Optional<TargetOs> byGoos(String goos) {
        return Arrays.stream(values()).filter(os -> os.goos.equals(goos)).findFirst();
    }

    public String goos() {
        return goos;
    }

    public HeadType head() {
        return head;
    }

    public TlsModel tls() {
        return tls;
    }

    public boolean sortsData() {
        return sortsData;
    }

    /** Whether references to {@code sym} must be absolute (R_ADDR), not RIP-relative. */
    public boolean usesAbsoluteAddress(Symbol sym) {
        return absoluteSymbolPrefix != null && sym != null && sym.name().startsWith(absoluteSymbolPrefix);
    }
}
