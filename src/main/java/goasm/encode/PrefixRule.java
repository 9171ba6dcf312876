package goasm.encode;

/** What a mnemonic's table entry puts before the opcode bytes of whichever row matched. */
enum PrefixRule {
    /** Nothing. */
    X,
    /** Nothing, but the first row is for 32-bit mode only and skipped. */
    X1,
    /** Rejected in 64-bit mode. */
    ONLY32,
    /** 66 (16-bit operands). */
    E,
    /** 0f escape. */
    M,
    /** 66 0f. */
    Q,
    /** Byte operands: full registers are taken as their byte registers. */
    B,
    F2,
    F3,
    /** 66 f3 0f. */
    EF3,
    /** 66 0f with REX.W. */
    Q3,
    /** 66 0f 38. */
    Q4,
    /** 66 0f 38 with REX.W. */
    Q4W,
    /** f3 0f 38. */
    Q5,
    /** f3 0f 38 with REX.W. */
    Q5W,
    /** f3 0f with REX.W. */
    FW,
    /** REX.W. */
    W,
    /** REX.W for rows whose opcode bytes start at index 8 or later (MOVQ's GP forms). */
    W8,
    /** 64-bit mode only, no prefix. */
    Y,
    Y1,
    Y3,
    /** VEX/EVEX entries (their own scheme). */
    AVX
}
