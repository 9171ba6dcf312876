package goasm.encode;

import goasm.arch.amd64.Reg;
import goasm.arch.amd64.RegClass;

/** The bits a register contributes to ModRM/SIB and to the REX prefix. */
final class RegisterBits {
    static final int REX = 0x40;
    static final int REX_W = 1 << 3;
    static final int REX_R = 1 << 2;
    static final int REX_X = 1 << 1;
    static final int REX_B = 1;
    /** The fifth register-number bit, which only EVEX can carry. */
    static final int REX_EVEX_R = 1 << 4;

    private RegisterBits() {
    }

    /** The low three bits of the register number (AH..BH are 4..7). */
    static int low3(Reg r) {
        return r == null ? 0 : r.number() & 7;
    }

    /**
     * REX bits the register needs wherever it sits: all of R/X/B for registers 8-15 (the caller
     * masks the one that applies), a bare REX for SPB..DIB, the EVEX bit for registers 16-31.
     */
    static int rex(Reg r) {
        if (r == null) {
            return 0;
        }
        int n = r.number();
        return switch (r.regClass()) {
            case GP8 -> n >= 8 ? REX_R | REX_X | REX_B : n >= 4 ? REX : 0;
            case GP -> n >= 8 ? REX_R | REX_X | REX_B : 0;
            case XMM, YMM, ZMM -> ((n & 8) != 0 ? REX_R | REX_X | REX_B : 0) | (n >= 16 ? REX_EVEX_R : 0);
            case CONTROL -> n >= 8 ? REX_R : 0;
            default -> 0;
        };
    }

    /** Registers that can be a ModRM.rm register operand. */
    static boolean isModRmRegister(Reg r) {
        return switch (r.regClass()) {
            case GP8, GP8_HIGH, GP, X87, MMX, MASK, XMM, YMM, ZMM -> true;
            default -> false;
        };
    }

    static boolean isGeneral(Reg r) {
        return r != null && r.regClass() == RegClass.GP;
    }
}
