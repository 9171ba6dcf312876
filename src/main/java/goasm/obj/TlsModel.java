package goasm.obj;

/**
 * How amd64 code of one operating system reaches g in thread-local storage: the rules every supported Go release
 * spreads over obj6.go (CanUse1InsnTLS, progedit) and asm6.go (prefixof, vaddr, asmandsz and the
 * MOVQ TLS, reg form), gathered as one row per family of systems.
 *
 * <p>Assembly writes "MOVQ TLS, R; MOVQ off(R)(TLS*1), X" or "MOVQ off(TLS), X"; which of the
 * two sequences survives, and what bytes and relocations each becomes, is decided here.
 *
 * @param sequence            one-instruction (local exec, off(TLS)) or two-instruction form
 * @param keepsBaseLoad       "MOVQ TLS, R" is kept rather than turned into a NOP in the
 *                            one-instruction form (a solaris quirk Go keeps for identical output)
 * @param baseSymbol          "MOVQ TLS, R" becomes "MOVQ sym(SB), R" (android: the TLS offset is a
 *                            variable set at run time), or null
 * @param indexScaleTwo       (TLS*1) is rewritten as (TLS*2)
 * @param direct              the segment of a direct off(TLS) reference
 * @param directRelocShared   off(TLS) still gets its TLS_LE relocation with -shared
 * @param indexReloc          off(R)(TLS*1) gets a TLS_LE relocation (without -shared)
 * @param indexPrefixShared   off(R)(TLS*1) gets the %fs prefix with -shared
 * @param baseLoad            what "MOVQ TLS, R" encodes to when it reaches the encoder
 */
public record TlsModel(Sequence sequence, boolean keepsBaseLoad, String baseSymbol, boolean indexScaleTwo,
                       Direct direct, boolean directRelocShared, boolean indexReloc, boolean indexPrefixShared,
                       BaseLoad baseLoad) {

    /** Whether the one-instruction form off(TLS) is used. */
    public enum Sequence {
        ONE_INSTRUCTION, ONE_INSTRUCTION_UNLESS_SHARED, TWO_INSTRUCTIONS;

        public boolean oneInstruction(boolean shared) {
            return switch (this) {
                case ONE_INSTRUCTION -> true;
                case ONE_INSTRUCTION_UNLESS_SHARED -> !shared;
                case TWO_INSTRUCTIONS -> false;
            };
        }
    }

    /** The segment register that off(TLS) reads through (Go's prefixof). */
    public enum Direct {
        FS(0x64),
        /** %fs, but Go stops with "unknown TLS base register for linux with -shared" under -shared. */
        FS_UNLESS_SHARED(0x64),
        GS(0x65),
        /** No direct form: Go stops with "unknown TLS base register for N". */
        NONE(0);

        private final int prefix;

        Direct(int prefix) {
            this.prefix = prefix;
        }

        public int prefix() {
            return prefix;
        }
    }

    /** The encoding of "MOVQ TLS, R", the load of the TLS base. */
    public enum BaseLoad {
        /** MOVQ g@gottpoff(%rip), R with a TLS_IE relocation; only with -shared. */
        INITIAL_EXEC(0, 0),
        /** MOVQ _privates(SB), R: plan9 keeps the base in a variable. */
        PRIVATES(0, 0),
        /** MOVQ %fs:0, R (absolute address). */
        FS_ZERO(0x64, 0),
        /** MOVQ %gs:0x28, R: the TEB's thread-local slot on windows. */
        GS_0X28(0x65, 0x28),
        /** No such load: Go stops with "unknown TLS base location for N". */
        NONE(0, 0);

        private final int segmentPrefix;
        private final int displacement;

        BaseLoad(int segmentPrefix, int displacement) {
            this.segmentPrefix = segmentPrefix;
            this.displacement = displacement;
        }

        public int segmentPrefix() {
            return segmentPrefix;
        }

        public int displacement() {
            return displacement;
        }
    }

    /** The variable plan9's TLS base load reads. */
    public static final String PLAN9_PRIVATES = "_privates";

    private static final Sequence ONE = Sequence.ONE_INSTRUCTION;
    private static final Sequence ONE_UNLESS_SHARED = Sequence.ONE_INSTRUCTION_UNLESS_SHARED;
    private static final Sequence TWO = Sequence.TWO_INSTRUCTIONS;

    //                                            sequence           keep   baseSymbol       scale2 direct                   dirRelSh idxRel idxPfxSh baseLoad
    public static final TlsModel LINUX = new TlsModel(ONE_UNLESS_SHARED, false, null, false, Direct.FS_UNLESS_SHARED, false, true, true, BaseLoad.INITIAL_EXEC);
    public static final TlsModel ANDROID = new TlsModel(TWO, false, "runtime.tls_g", false, Direct.FS, true, false, true, BaseLoad.INITIAL_EXEC);
    public static final TlsModel FREEBSD = new TlsModel(ONE_UNLESS_SHARED, false, null, false, Direct.FS, false, true, true, BaseLoad.INITIAL_EXEC);
    /** dragonfly, netbsd, openbsd. */
    public static final TlsModel BSD = new TlsModel(ONE, false, null, false, Direct.FS, false, true, true, BaseLoad.NONE);
    /** darwin, ios. */
    public static final TlsModel DARWIN = new TlsModel(ONE, false, null, false, Direct.GS, true, true, true, BaseLoad.NONE);
    /** solaris, illumos. */
    public static final TlsModel SOLARIS = new TlsModel(ONE, true, null, false, Direct.FS, false, true, true, BaseLoad.FS_ZERO);
    public static final TlsModel WINDOWS = new TlsModel(TWO, false, null, true, Direct.NONE, false, true, false, BaseLoad.GS_0X28);
    public static final TlsModel PLAN9 = new TlsModel(TWO, false, null, true, Direct.NONE, false, true, true, BaseLoad.PRIVATES);
    /** js, aix: no amd64 port, so Go knows no TLS access for them (it stops at the first one). */
    public static final TlsModel NO_AMD64_PORT = new TlsModel(ONE, false, null, false, Direct.NONE, false, true, true, BaseLoad.NONE);
}
