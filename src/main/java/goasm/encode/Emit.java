package goasm.encode;

import static goasm.encode.VexLayout.Imm;
import static goasm.encode.VexLayout.Reg.DIGIT;
import static goasm.encode.VexLayout.Reg.NO_MODRM;
import static goasm.encode.VexLayout.Reg.R;
import static goasm.encode.VexLayout.Slot.FROM;
import static goasm.encode.VexLayout.Slot.MID0;
import static goasm.encode.VexLayout.Slot.MID1;
import static goasm.encode.VexLayout.Slot.MID2;
import static goasm.encode.VexLayout.Slot.NONE;
import static goasm.encode.VexLayout.Slot.TO;
import static goasm.encode.VexLayout.evex;
import static goasm.encode.VexLayout.vex;

/**
 * How a matched form row lays down its bytes. "op" is the row's opcode byte; "digit" the
 * following table byte that goes into ModRM.reg; "rm" the operand encoded by ModRM.rm.
 *
 * <p>VEX and EVEX schemes are named after their operands in source order: i an imm8, rm the
 * ModRM.rm operand, v the VEX.vvvv source, r the ModRM.reg operand, k the opmask, o an opcode
 * extension in ModRM.reg, hr a register passed in an immediate's high nibble. Their table bytes
 * are the prefix description(s), the opcode and an optional extension (see {@link OpcodeSpelling}).
 */
enum Emit {
    /** No bytes (TEXT, FUNCDATA, PCDATA, NOP). */
    PSEUDO,
    /** The table bytes up to the next zero. */
    LITERAL,
    /** Literal bytes, then ModRM(rm=from, reg=to). */
    LITERAL_RM_REG,
    /** Literal bytes, then ModRM(rm=to, reg=from). */
    LITERAL_REG_RM,
    /** Literal bytes, then ModRM(rm=from3, reg=to). */
    LITERAL_FROM3_REG,
    /** op, ModRM(rm=from, reg=to). */
    RM_REG,
    /** As RM_REG, with a full register source taken as its byte register. */
    RMBYTE_REG,
    /** op, ModRM(rm=from3, reg=to). */
    FROM3_REG,
    /** Two opcode bytes, ModRM(rm=from, reg=to). */
    RM_REG_2BYTE,
    /** op, ModRM(rm=to, reg=from). */
    REG_RM,
    /** op, ModRM(rm=from, reg=digit). */
    FROM_DIGIT,
    /** op, ModRM(rm=to, reg=digit). */
    TO_DIGIT,
    /** As TO_DIGIT (indirect JMP). */
    TO_DIGIT64,
    /** A zero-size CALLIND relocation, then TO_DIGIT64 (indirect CALL). */
    CALL_REGISTER,
    /** op, ModRM(rm=from, reg=digit), imm8 from to. */
    FROM_DIGIT_IMM8,
    /** op, ModRM(rm=to, reg=digit), imm8 from from. */
    IMM8_TO_DIGIT,
    /** op, ModRM(rm=from, reg=digit), imm32 (imm16 with the 66 prefix) from to. */
    FROM_DIGIT_IMM32,
    /** op, ModRM(rm=to, reg=digit), imm32 (imm16 with the 66 prefix) from from. */
    IMM32_TO_DIGIT,
    /** op, imm8 from from. */
    IMM8,
    /** op, imm8 from to. */
    IMM8_TO,
    /** op, imm32 (imm16 with 66) from from. */
    IMM32,
    /** op, imm32 (imm16 with 66) from to. */
    IMM32_TO,
    /** op, then imm16 if there is an operand (RETF $n). */
    IMM16,
    /** op+reg(to), imm8. */
    IMM8_PLUS_REG,
    /** op+reg(to), imm32 (imm16 with 66). */
    IMM32_PLUS_REG,
    /** MOVQ $imm, reg: B8+r imm32, C7 /0 imm32, or B8+r imm64 by the value. */
    IMM64_PLUS_REG,
    /** op, ModRM(rm=to, reg=to), imm8 (IMUL $c, r). */
    IMM8_TO_SELF,
    /** op, ModRM(rm=to, reg=to), imm32. */
    IMM32_TO_SELF,
    /** op+reg(to). */
    PLUS_REG_TO,
    /** op+reg(from). */
    PLUS_REG_FROM,
    /** LEA of a $address source. */
    LEA_ADDR,
    /** Literal bytes, ModRM(rm=from3, reg=to), immediate (IMUL3). */
    IMM_RM_REG,
    /** Literal bytes, ModRM(rm=to, reg=from3), immediate. */
    IMM_REG_RM,
    /** Media escape and op, ModRM(rm=from, reg=to). */
    MEDIA_RM_REG,
    /** Media escape and op, ModRM(rm=to, reg=from). */
    MEDIA_REG_RM,
    /** As MEDIA_RM_REG, dropping REX bits gathered so far (no REX.W). */
    MEDIA_RM_REG_NOREX,
    /** As MEDIA_REG_RM, dropping REX bits gathered so far. */
    MEDIA_REG_RM_NOREX,
    /** Media escape and op, ModRM(rm=from, reg=from3), imm8 from to. */
    MEDIA_RM_REG_IMM8,
    /** Media escape and op, ModRM(rm=to, reg=digit), imm8 from from. */
    MEDIA_IMM8_TO_DIGIT,
    /** Relative CALL to a symbol (R_CALL). */
    CALL_SYMBOL,
    /** CALL to a constant address (R_PCREL). */
    CALL_ABSOLUTE,
    /** JMP to a constant address (R_PCREL). */
    JUMP_ABSOLUTE,
    /** CALL into runtime.duffzero/duffcopy, keeping BP around it. */
    CALL_DUFF,
    /** CALL *sym(SB) (R_PCREL). */
    CALL_INDIRECT,
    /** Jcc: short op or 0f op+0x10 near form. */
    BRANCH_COND,
    /** JMP: EB short or E9 near, or R_CALL to a symbol. */
    JUMP,
    /** LOOP/JCXZ: short only. */
    LOOP,
    /** BYTE/WORD/LONG/QUAD: the value, as many bytes as the table says. */
    DATA,

    /** VZEROUPPER: the prefix and opcode only. */
    VEX(vex(FROM, MID0, TO, NO_MODRM, Imm.NONE)),
    VEX_RM_V_R(vex(FROM, MID0, TO, R, Imm.NONE)),
    VEX_RM_V_RO(vex(FROM, MID0, TO, DIGIT, Imm.NONE)),
    VEX_I_RM_VO(vex(MID0, TO, NONE, DIGIT, Imm.FROM)),
    VEX_I_RM_V_R(vex(MID0, MID1, TO, R, Imm.FROM)),
    VEX_I_RM_R(vex(MID0, NONE, TO, R, Imm.FROM)),
    VEX_V_RM_R(vex(MID0, FROM, TO, R, Imm.NONE)),
    VEX_R_V_RM(vex(TO, MID0, FROM, R, Imm.NONE)),
    VEX_RM_R_VO(vex(FROM, TO, MID0, DIGIT, Imm.NONE)),
    VEX_I_R_RM(vex(TO, NONE, MID0, R, Imm.FROM)),
    VEX_HR_RM_V_R(vex(MID0, MID1, TO, R, Imm.FROM_REGISTER_HIGH)),

    EVEX_K_RMO(evex(TO, NONE, NONE, FROM, DIGIT, Imm.NONE)),
    EVEX_I_RM_VO(evex(MID0, TO, NONE, NONE, DIGIT, Imm.FROM)),
    EVEX_I_RM_K_VO(evex(MID0, TO, NONE, MID1, DIGIT, Imm.FROM)),
    EVEX_I_R_RM(evex(TO, NONE, MID0, NONE, R, Imm.FROM)),
    EVEX_I_R_K_RM(evex(TO, NONE, MID0, MID1, R, Imm.FROM)),
    EVEX_I_RM_R(evex(MID0, NONE, TO, NONE, R, Imm.FROM)),
    EVEX_I_RM_K_R(evex(MID0, NONE, TO, MID1, R, Imm.FROM)),
    EVEX_I_RM_V_R(evex(MID0, MID1, TO, NONE, R, Imm.FROM)),
    EVEX_I_RM_V_K_R(evex(MID0, MID1, TO, MID2, R, Imm.FROM)),
    EVEX_R_V_RM(evex(TO, MID0, FROM, NONE, R, Imm.NONE)),
    EVEX_RM_V_R(evex(FROM, MID0, TO, NONE, R, Imm.NONE)),
    EVEX_RM_K_R(evex(FROM, NONE, TO, MID0, R, Imm.NONE)),
    EVEX_R_K_RM(evex(TO, NONE, FROM, MID0, R, Imm.NONE)),
    EVEX_RM_V_K_R(evex(FROM, MID0, TO, MID1, R, Imm.NONE)),
    EVEX_R_V_K_RM(evex(TO, MID0, FROM, MID1, R, Imm.NONE));

    /** Operand placement of VEX/EVEX schemes; null for the others. */
    private final VexLayout layout;

    Emit() {
        this(null);
    }

    Emit(VexLayout layout) {
        this.layout = layout;
    }

    VexLayout layout() {
        return layout;
    }

    /** Whether rows of this scheme may carry AVX-512 suffixes. */
    boolean isEvex() {
        return layout != null && layout.evex();
    }

    static Emit bySpelling(String s) {
        return valueOf(s);
    }
}
