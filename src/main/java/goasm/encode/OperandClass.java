package goasm.encode;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What an operand is, as far as choosing an encoding is concerned: the narrowest class the
 * classifier gives an operand, and the wider classes form rows ask for. A row's class
 * {@linkplain #covers covers} an operand's class when the operand may be encoded by that row,
 * e.g. the constant 1 ({@link #I1}) is covered by the 8-bit immediate class {@link #I8}.
 * The order of constants is irrelevant.
 */
public enum OperandClass {
    /** An operand no row accepts (also the filler of unused row positions). */
    INVALID,
    NONE,
    /** $0. */
    I0,
    /** $1. */
    I1,
    /** $0..$3. */
    U2,
    /** $-128..$127. */
    I8,
    /** $0..$255. */
    U8,
    /** $0..$127: fits signed and unsigned bytes. */
    U7,
    /** A constant that sign-extends from 32 bits. */
    S32,
    /** A constant that zero-extends from 32 bits. */
    I32,
    I64,
    /** $address of a symbol or stack slot. */
    IAUTO,
    AL, CL, AX, CX,
    /** A byte register. */
    RB,
    /** A general-purpose register. */
    RL,
    /** A general-purpose register in 32-bit mode (unused on amd64). */
    RL32,
    /** An x87 register other than F0. */
    RF,
    F0,
    /** DX or BX. */
    RX,
    /** A byte register or memory. */
    MB,
    /** A general-purpose register or memory. */
    ML,
    /** Memory. */
    M,
    /** A branch target. */
    BR,
    CS, SS, DS, ES, FS, GS, GDTR, IDTR, LDTR, MSW, TASK,
    CR0, CR1, CR2, CR3, CR4, CR5, CR6, CR7, CR8,
    DR0, DR1, DR2, DR3, DR4, DR5, DR6, DR7,
    TR0, TR1, TR2, TR3, TR4, TR5, TR6, TR7,
    /** An MMX register. */
    MR,
    /** An MMX register or memory. */
    MM,
    /** X0 only. */
    XR0,
    /** [Xn-Xn+3]: a register list of four X registers. */
    XR_EVEX_MULTI4,
    /** X0..X15. */
    XR,
    /** X0..X31. */
    XR_EVEX,
    /** X0..X15 or memory. */
    XM,
    /** X0..X31 or memory. */
    XM_EVEX,
    /** Memory with an X0..X15 vector index (VSIB). */
    XVM,
    /** Memory with an X0..X31 vector index. */
    XVM_EVEX,
    /** [Yn-Yn+3]. */
    YR_EVEX_MULTI4,
    YR,
    YR_EVEX,
    YM,
    YM_EVEX,
    YVM,
    YVM_EVEX,
    /** [Zn-Zn+3]. */
    ZR_MULTI4,
    ZR,
    ZM,
    ZVM,
    /** K0, which in a mask position means "no mask". */
    K0,
    /** K1..K7: usable as a write mask. */
    KNOT0,
    K,
    /** An opmask register or memory. */
    KM,
    TLS,
    TEXTSIZE,
    INDIR;

    /** For each row class, the operand classes it accepts besides itself. */
    private static final Map<OperandClass, Set<OperandClass>> WIDENINGS = widenings();

    private static Map<OperandClass, Set<OperandClass>> widenings() {
        Map<OperandClass, Set<OperandClass>> m = new EnumMap<>(OperandClass.class);
        accepts(m, U2, I0, I1);
        accepts(m, I8, I0, I1, U2, U7);
        accepts(m, U7, I0, I1, U2);
        accepts(m, U8, I0, I1, U2, U7);
        accepts(m, S32, I0, I1, U2, U7, U8, I8);
        accepts(m, I32, I0, I1, U2, U7, U8, I8, S32);
        accepts(m, I64, I0, I1, U7, U2, U8, I8, S32, I32);
        accepts(m, RB, AL, CL, AX, CX, RX, RL);
        accepts(m, CX, CL);
        accepts(m, RX, AX, CX);
        accepts(m, RL, AX, CX, RX, RL32);
        accepts(m, RF, F0);
        accepts(m, MB, AL, CL, AX, CX, RX, RB, RL, M);
        accepts(m, ML, AX, CX, RX, RL, RL32, M);
        accepts(m, MM, AX, CX, RX, RL, RL32, M, MR);
        accepts(m, XR, XR0);
        accepts(m, XM, M, XR0, XR);
        accepts(m, YM, M, YR);
        accepts(m, XR_EVEX, XR0, XR);
        accepts(m, XM_EVEX, M, XR0, XR, XR_EVEX);
        accepts(m, YR_EVEX, YR);
        accepts(m, YM_EVEX, M, YR, YR_EVEX);
        accepts(m, ZM, M, ZR);
        accepts(m, K, K0, KNOT0);
        accepts(m, KM, K0, KNOT0, K, M);
        accepts(m, XVM_EVEX, XVM);
        accepts(m, YVM_EVEX, YVM);
        return m;
    }

    private static void accepts(Map<OperandClass, Set<OperandClass>> m, OperandClass wide, OperandClass... narrow) {
        m.put(wide, Set.copyOf(EnumSet.of(narrow[0], narrow)));
    }

    /** Whether a row asking for this class accepts an operand of class {@code operand}. */
    public boolean covers(OperandClass operand) {
        return this == operand || WIDENINGS.getOrDefault(this, Set.of()).contains(operand);
    }

    /** The spelling used in the form tables: the lower-case name. */
    static OperandClass bySpelling(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
