package goasm.obj;

/**
 * One operand of a {@link Prog}, in the uniform shape Go's assembler uses for every kind so that
 * passes and the encoder can classify operands by fields: {@code type} says what it is, the other
 * fields are read according to it.
 *
 * @param type      what the operand is
 * @param reg       the register (REG), the base register (MEM/ADDR), or a register qualifier (CONST)
 * @param index     index register of a MEM/ADDR operand, or null
 * @param scale     index scale (1, 2, 4, 8); 0 when there is no index
 * @param name      pseudo-register the operand is relative to (SB/FP/SP names)
 * @param offset    displacement, constant value, frame size (TEXTSIZE), or n in n(PC)
 * @param sym       the symbol of sym(SB), sym<>(SB), a CALL target, ...; or null
 * @param localName the variable name of name+off(FP) or name-off(SP); or null
 * @param val       TEXTSIZE: Integer argument size; FCONST: Double; SCONST: String;
 *                  BRANCH: the target {@link Prog} once labels are resolved
 */
public record Addr(AddrType type, Register reg, Register index, int scale, AddrName name, long offset,
                   Symbol sym, String localName, Object val) {

    /** Go's objabi.ArgsSizeUnknown: TEXT without "-argsize". */
    public static final int ARGS_SIZE_UNKNOWN = 0x80000000;

    public static final Addr NONE = new Addr(AddrType.NONE, null, null, 0, AddrName.NONE, 0, null, null, null);

    public static Addr reg(Register r) {
        return new Addr(AddrType.REG, r, null, 0, AddrName.NONE, 0, null, null, null);
    }

    public static Addr constant(long v) {
        return new Addr(AddrType.CONST, null, null, 0, AddrName.NONE, v, null, null, null);
    }

    public static Addr floatConstant(double v) {
        return new Addr(AddrType.FCONST, null, null, 0, AddrName.NONE, 0, null, null, v);
    }

    public static Addr stringConstant(String s) {
        return new Addr(AddrType.SCONST, null, null, 0, AddrName.NONE, 0, null, null, s);
    }

    /** offset(base): a plain memory operand (base may be null for an absolute address). */
    public static Addr mem(Register base, long offset) {
        return new Addr(AddrType.MEM, base, null, 0, AddrName.NONE, offset, null, null, null);
    }

    /** sym+offset(SB) as memory. */
    public static Addr global(Symbol sym, long offset) {
        return new Addr(AddrType.MEM, null, null, 0, AddrName.EXTERN, offset, sym, null, null);
    }

    public static Addr branchTo(Prog target) {
        return new Addr(AddrType.BRANCH, null, null, 0, AddrName.NONE, 0, null, null, target);
    }

    public static Addr branchToSymbol(Symbol sym) {
        return new Addr(AddrType.BRANCH, null, null, 0, AddrName.EXTERN, 0, sym, null, null);
    }

    public static Addr textSize(long frame, int args) {
        return new Addr(AddrType.TEXTSIZE, null, null, 0, AddrName.NONE, frame, null, null, args);
    }

    public boolean isNone() {
        return type == AddrType.NONE;
    }

    public boolean isReg(Register r) {
        return type == AddrType.REG && reg == r;
    }

    /** Whether this operand names memory (or an address of memory) relative to a symbol or pseudo-register. */
    public boolean isSymbolic() {
        return name != AddrName.NONE;
    }

    /** The resolved branch target, or null. */
    public Prog target() {
        return val instanceof Prog p ? p : null;
    }

    /** TEXTSIZE's argument size. */
    public int argsSize() {
        return (Integer) val;
    }

    public Addr withOffset(long newOffset) {
        return new Addr(type, reg, index, scale, name, newOffset, sym, localName, val);
    }

    public Addr withType(AddrType newType) {
        return new Addr(newType, reg, index, scale, name, offset, sym, localName, val);
    }

    public Addr withReg(Register newReg) {
        return new Addr(type, newReg, index, scale, name, offset, sym, localName, val);
    }

    public Addr withName(AddrName newName) {
        return new Addr(type, reg, index, scale, newName, offset, sym, localName, val);
    }

    public Addr withSym(Symbol newSym) {
        return new Addr(type, reg, index, scale, name, offset, newSym, localName, val);
    }

    public Addr withIndex(Register newIndex, int newScale) {
        return new Addr(type, reg, newIndex, newScale, name, offset, sym, localName, val);
    }

    public Addr withVal(Object newVal) {
        return new Addr(type, reg, index, scale, name, offset, sym, localName, newVal);
    }

    @Override
    public String toString() {
        return OperandFormat.format(this);
    }
}
