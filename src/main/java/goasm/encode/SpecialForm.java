package goasm.encode;

/**
 * An encoding tried when no row of the mnemonic's form list matched: segment, control, debug
 * register moves, double shifts and the TLS base load.
 */
record SpecialForm(String mnemonic, OperandClass from, OperandClass from3, OperandClass to, Kind kind, byte[] bytes) {
    enum Kind {
        /** The bytes up to the next zero. */
        LITERAL,
        /** op, ModRM(rm=to, reg=digit). */
        SEG_REG_RM,
        /** op, ModRM(rm=from, reg=digit). */
        SEG_RM_REG,
        /** Two opcode bytes, ModRM(rm=to, reg=digit), REX.R from the source register. */
        SYS_REG_RM,
        /** Two opcode bytes, ModRM(rm=from, reg=digit), REX.R from the destination register. */
        SYS_RM_REG,
        /** SHLQ/SHRQ count, src, dst: 0f op (imm8 or CL form). */
        DOUBLE_SHIFT,
        /** MOVQ TLS, reg (initial-exec TLS with -shared). */
        TLS_LOAD
    }

    int at(int i) {
        return i < bytes.length ? bytes[i] & 0xff : 0;
    }

    boolean matches(OperandClass f, OperandClass f3, OperandClass t) {
        return from.covers(f) && from3.covers(f3) && to.covers(t);
    }
}
