package goasm.encode;

/**
 * Where the operands of a VEX/EVEX form go: which one is ModRM.rm, which the extra source in
 * VEX.vvvv, which ModRM.reg (or an opcode extension there), which the opmask in EVEX.aaa, and
 * what the trailing immediate byte is.
 */
record VexLayout(boolean evex, Slot rm, Slot v, Slot r, Slot k, Reg modRmReg, Imm imm) {
    /** An operand by its place in the instruction: From, the middle operands, To. */
    enum Slot {
        NONE, FROM, MID0, MID1, MID2, TO
    }

    /** What ModRM.reg holds. */
    enum Reg {
        /** The operand in slot r. */
        R,
        /** The opcode extension after the opcode byte (the operand in slot r, if any, still sets the R bit). */
        DIGIT,
        /** No ModRM at all (VZEROUPPER). */
        NO_MODRM
    }

    enum Imm {
        NONE,
        /** The From constant as a byte. */
        FROM,
        /** The number of the From register in the high nibble (VBLENDVPD's fourth register). */
        FROM_REGISTER_HIGH
    }

    static VexLayout vex(Slot rm, Slot v, Slot r, Reg modRmReg, Imm imm) {
        return new VexLayout(false, rm, v, r, Slot.NONE, modRmReg, imm);
    }

    static VexLayout evex(Slot rm, Slot v, Slot r, Slot k, Reg modRmReg, Imm imm) {
        return new VexLayout(true, rm, v, r, k, modRmReg, imm);
    }
}
