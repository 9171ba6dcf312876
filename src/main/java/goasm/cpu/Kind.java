package goasm.cpu;

/** What a decoded instruction does; the interpreter switches on it. Sub-operations live in {@link Insn#sub}. */
public enum Kind {
    /** ADD OR ADC SBB AND SUB XOR CMP (sub = the /digit), in form {@link Insn#form}. */
    ALU,
    TEST,
    /** MOV between rm and reg, or an immediate into rm/reg (by form). */
    MOV,
    LEA,
    /** MOVZX/MOVSX/MOVSXD: reg = extend(rm of srcSize); sub 1 = sign extend. */
    MOVX,
    PUSH, POP, PUSH_IMM, PUSH_RM, POP_RM,
    /** sub = condition code. */
    JCC, JMP, JMP_RM, CALL, CALL_RM, RET, JRCXZ, LOOP,
    SETCC, CMOVCC,
    /** ROL ROR RCL RCR SHL SHR SAL SAR (sub); count from imm, 1, or CL (form). */
    SHIFT,
    /** SHLD (sub 0) / SHRD (sub 1); count from imm or CL (form). */
    SHIFT_DOUBLE,
    NOT, NEG, INC, DEC,
    /** One-operand MUL (sub 0) / IMUL (sub 1) / DIV (sub 2) / IDIV (sub 3) on rDX:rAX. */
    MULDIV,
    /** IMUL reg, rm (form REG_RM) or IMUL reg, rm, imm (form RM_IMM). */
    IMUL2,
    XCHG, XADD, CMPXCHG, BSWAP,
    /** BT BTS BTR BTC (sub 0..3); bit offset from reg (form RM_REG) or imm. */
    BT,
    BSF, BSR, TZCNT, LZCNT, POPCNT,
    /** CBW/CWDE/CDQE: sign-extend the low half of rAX. */
    EXTEND_A,
    /** CWD/CDQ/CQO: sign of rAX into rDX. */
    EXTEND_D,
    /** MOVS STOS LODS CMPS SCAS (sub 0..4) with optional REP (Insn.rep). */
    STRING,
    NOP, LEAVE,
    /** CLC STC CMC CLD STD (sub 0..4). */
    FLAG_OP,
    PUSHF, POPF, LAHF, SAHF,
    /** 128-bit load/store/move: xmm <- rm (form REG_RM) or rm <- xmm (form RM_REG). */
    MOVDQ,
    /** 64- or 32-bit move between xmm and rm (MOVQ/MOVD); zero-extends into xmm. */
    MOVQ_TO_X, MOVQ_FROM_X,
    /** Packed logic/compare on xmm (sub: see Cpu). */
    PACKED,
    PMOVMSKB,
    /** The fixed CPU model's answer ({@link CpuModel}). */
    CPUID,
    /** An instruction that traps into the kernel (sub = {@link Trap} ordinal). */
    TRAP,
    /** A native runtime function (sub = hook id). */
    HOOK,
    /** Decoded but not executable here; Insn.problem names it. */
    UNSUPPORTED
}
