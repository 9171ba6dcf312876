package goasm.arch.amd64;

/** Register families, as the encoder classifies operands. */
public enum RegClass {
    /** AL..R15B: byte registers (SPB/BPB/SIB/DIB and R8B-R15B need REX). */
    GP8,
    /** AH, CH, DH, BH: legacy high-byte registers, never with REX. */
    GP8_HIGH,
    /** AX..R15: general-purpose registers, any width. */
    GP,
    X87,
    MMX,
    /** K0-K7 AVX-512 opmask registers. */
    MASK,
    XMM,
    YMM,
    ZMM,
    SEGMENT,
    /** GDTR, IDTR, LDTR, MSW, TASK. */
    SYSTEM,
    CONTROL,
    DEBUG,
    TEST,
    /** The thread-local storage pseudo-register: (TLS) is g's slot. */
    TLS
}
