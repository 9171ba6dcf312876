package goasm.cpu;

/**
 * One decoded instruction, decoded once and cached by address. Fields are read according to
 * {@link #kind}; the interpreter follows {@link #next}/{@link #taken} links so the hot path never
 * looks an address up.
 */
public final class Insn {
    public static final int FORM_RM_REG = 0;
    public static final int FORM_REG_RM = 1;
    public static final int FORM_RM_IMM = 2;
    /** Shift counts: by 1 or by CL. */
    public static final int FORM_ONE = 3;
    public static final int FORM_CL = 4;

    public static final int SEG_NONE = 0;
    public static final int SEG_FS = 1;
    public static final int SEG_GS = 2;

    /** Registers 16..19 stand for AH, CH, DH, BH in byte operations. */
    public static final int HIGH_BYTE = 16;

    public final long addr;
    public int length;
    public Kind kind;
    public int sub;
    public int form;
    /** Operand size in bytes (1, 2, 4, 8; 16 for xmm). */
    public int size;
    /** Source size of MOVX. */
    public int srcSize;
    /** The ModRM reg field as an opcode extension (the /digit of group opcodes). */
    public int digit;
    /** The ModRM reg operand. */
    public int reg;
    /** The ModRM rm operand as a register, or -1 when it is memory. */
    public int rm = -1;
    public int base = -1;
    public int index = -1;
    public int scaleShift;
    public long disp;
    public int seg;
    public long imm;
    /** 0: none, 1: REP/REPE, 2: REPNE. */
    public int rep;
    public String problem;

    public long nextAddr;
    public Insn next;
    public Insn taken;

    public Insn(long addr) {
        this.addr = addr;
    }

    public boolean isMem() {
        return rm < 0;
    }
}
