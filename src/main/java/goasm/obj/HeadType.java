package goasm.obj;

/**
 * Go's executable header type (objabi.HeadType): the operating-system family that decides how
 * code reaches thread-local storage. Several GOOS values share one (darwin and ios, linux and
 * android, solaris and illumos).
 *
 * @param number Go's numeric value, which Go prints in some fatal messages ("unknown TLS base
 *               register for 4" for js)
 */
public enum HeadType {
    DARWIN(1), DRAGONFLY(2), FREEBSD(3), JS(4), LINUX(5), NETBSD(6), OPENBSD(7), PLAN9(8), SOLARIS(9),
    WINDOWS(10), AIX(11), WASIP1(12);

    private final int number;

    HeadType(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
