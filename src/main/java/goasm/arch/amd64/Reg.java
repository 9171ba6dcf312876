package goasm.arch.amd64;

import goasm.obj.Register;

/**
 * The amd64 registers under the names Go's assembler uses (Go has no 16- or 32-bit register
 * names: the instruction's size suffix picks the width). {@code number} is the hardware
 * encoding number (0-31); bit 3 goes into REX/VEX/EVEX, bit 4 into EVEX only.
 */
public enum Reg implements Register {
    AL(RegClass.GP8, 0),
    CL(RegClass.GP8, 1),
    DL(RegClass.GP8, 2),
    BL(RegClass.GP8, 3),
    SPB(RegClass.GP8, 4),
    BPB(RegClass.GP8, 5),
    SIB(RegClass.GP8, 6),
    DIB(RegClass.GP8, 7),
    R8B(RegClass.GP8, 8),
    R9B(RegClass.GP8, 9),
    R10B(RegClass.GP8, 10),
    R11B(RegClass.GP8, 11),
    R12B(RegClass.GP8, 12),
    R13B(RegClass.GP8, 13),
    R14B(RegClass.GP8, 14),
    R15B(RegClass.GP8, 15),
    AX(RegClass.GP, 0),
    CX(RegClass.GP, 1),
    DX(RegClass.GP, 2),
    BX(RegClass.GP, 3),
    SP(RegClass.GP, 4),
    BP(RegClass.GP, 5),
    SI(RegClass.GP, 6),
    DI(RegClass.GP, 7),
    R8(RegClass.GP, 8),
    R9(RegClass.GP, 9),
    R10(RegClass.GP, 10),
    R11(RegClass.GP, 11),
    R12(RegClass.GP, 12),
    R13(RegClass.GP, 13),
    R14(RegClass.GP, 14),
    R15(RegClass.GP, 15),
    AH(RegClass.GP8_HIGH, 4),
    CH(RegClass.GP8_HIGH, 5),
    DH(RegClass.GP8_HIGH, 6),
    BH(RegClass.GP8_HIGH, 7),
    F0(RegClass.X87, 0),
    F1(RegClass.X87, 1),
    F2(RegClass.X87, 2),
    F3(RegClass.X87, 3),
    F4(RegClass.X87, 4),
    F5(RegClass.X87, 5),
    F6(RegClass.X87, 6),
    F7(RegClass.X87, 7),
    M0(RegClass.MMX, 0),
    M1(RegClass.MMX, 1),
    M2(RegClass.MMX, 2),
    M3(RegClass.MMX, 3),
    M4(RegClass.MMX, 4),
    M5(RegClass.MMX, 5),
    M6(RegClass.MMX, 6),
    M7(RegClass.MMX, 7),
    K0(RegClass.MASK, 0),
    K1(RegClass.MASK, 1),
    K2(RegClass.MASK, 2),
    K3(RegClass.MASK, 3),
    K4(RegClass.MASK, 4),
    K5(RegClass.MASK, 5),
    K6(RegClass.MASK, 6),
    K7(RegClass.MASK, 7),
    X0(RegClass.XMM, 0),
    X1(RegClass.XMM, 1),
    X2(RegClass.XMM, 2),
    X3(RegClass.XMM, 3),
    X4(RegClass.XMM, 4),
    X5(RegClass.XMM, 5),
    X6(RegClass.XMM, 6),
    X7(RegClass.XMM, 7),
    X8(RegClass.XMM, 8),
    X9(RegClass.XMM, 9),
    X10(RegClass.XMM, 10),
    X11(RegClass.XMM, 11),
    X12(RegClass.XMM, 12),
    X13(RegClass.XMM, 13),
    X14(RegClass.XMM, 14),
    X15(RegClass.XMM, 15),
    X16(RegClass.XMM, 16),
    X17(RegClass.XMM, 17),
    X18(RegClass.XMM, 18),
    X19(RegClass.XMM, 19),
    X20(RegClass.XMM, 20),
    X21(RegClass.XMM, 21),
    X22(RegClass.XMM, 22),
    X23(RegClass.XMM, 23),
    X24(RegClass.XMM, 24),
    X25(RegClass.XMM, 25),
    X26(RegClass.XMM, 26),
    X27(RegClass.XMM, 27),
    X28(RegClass.XMM, 28),
    X29(RegClass.XMM, 29),
    X30(RegClass.XMM, 30),
    X31(RegClass.XMM, 31),
    Y0(RegClass.YMM, 0),
    Y1(RegClass.YMM, 1),
    Y2(RegClass.YMM, 2),
    Y3(RegClass.YMM, 3),
    Y4(RegClass.YMM, 4),
    Y5(RegClass.YMM, 5),
    Y6(RegClass.YMM, 6),
    Y7(RegClass.YMM, 7),
    Y8(RegClass.YMM, 8),
    Y9(RegClass.YMM, 9),
    Y10(RegClass.YMM, 10),
    Y11(RegClass.YMM, 11),
    Y12(RegClass.YMM, 12),
    Y13(RegClass.YMM, 13),
    Y14(RegClass.YMM, 14),
    Y15(RegClass.YMM, 15),
    Y16(RegClass.YMM, 16),
    Y17(RegClass.YMM, 17),
    Y18(RegClass.YMM, 18),
    Y19(RegClass.YMM, 19),
    Y20(RegClass.YMM, 20),
    Y21(RegClass.YMM, 21),
    Y22(RegClass.YMM, 22),
    Y23(RegClass.YMM, 23),
    Y24(RegClass.YMM, 24),
    Y25(RegClass.YMM, 25),
    Y26(RegClass.YMM, 26),
    Y27(RegClass.YMM, 27),
    Y28(RegClass.YMM, 28),
    Y29(RegClass.YMM, 29),
    Y30(RegClass.YMM, 30),
    Y31(RegClass.YMM, 31),
    Z0(RegClass.ZMM, 0),
    Z1(RegClass.ZMM, 1),
    Z2(RegClass.ZMM, 2),
    Z3(RegClass.ZMM, 3),
    Z4(RegClass.ZMM, 4),
    Z5(RegClass.ZMM, 5),
    Z6(RegClass.ZMM, 6),
    Z7(RegClass.ZMM, 7),
    Z8(RegClass.ZMM, 8),
    Z9(RegClass.ZMM, 9),
    Z10(RegClass.ZMM, 10),
    Z11(RegClass.ZMM, 11),
    Z12(RegClass.ZMM, 12),
    Z13(RegClass.ZMM, 13),
    Z14(RegClass.ZMM, 14),
    Z15(RegClass.ZMM, 15),
    Z16(RegClass.ZMM, 16),
    Z17(RegClass.ZMM, 17),
    Z18(RegClass.ZMM, 18),
    Z19(RegClass.ZMM, 19),
    Z20(RegClass.ZMM, 20),
    Z21(RegClass.ZMM, 21),
    Z22(RegClass.ZMM, 22),
    Z23(RegClass.ZMM, 23),
    Z24(RegClass.ZMM, 24),
    Z25(RegClass.ZMM, 25),
    Z26(RegClass.ZMM, 26),
    Z27(RegClass.ZMM, 27),
    Z28(RegClass.ZMM, 28),
    Z29(RegClass.ZMM, 29),
    Z30(RegClass.ZMM, 30),
    Z31(RegClass.ZMM, 31),
    CS(RegClass.SEGMENT, 1),
    SS(RegClass.SEGMENT, 2),
    DS(RegClass.SEGMENT, 3),
    ES(RegClass.SEGMENT, 0),
    FS(RegClass.SEGMENT, 4),
    GS(RegClass.SEGMENT, 5),
    GDTR(RegClass.SYSTEM, 0),
    IDTR(RegClass.SYSTEM, 1),
    LDTR(RegClass.SYSTEM, 2),
    MSW(RegClass.SYSTEM, 3),
    TASK(RegClass.SYSTEM, 4),
    CR0(RegClass.CONTROL, 0),
    CR1(RegClass.CONTROL, 1),
    CR2(RegClass.CONTROL, 2),
    CR3(RegClass.CONTROL, 3),
    CR4(RegClass.CONTROL, 4),
    CR5(RegClass.CONTROL, 5),
    CR6(RegClass.CONTROL, 6),
    CR7(RegClass.CONTROL, 7),
    CR8(RegClass.CONTROL, 8),
    CR9(RegClass.CONTROL, 9),
    CR10(RegClass.CONTROL, 10),
    CR11(RegClass.CONTROL, 11),
    CR12(RegClass.CONTROL, 12),
    CR13(RegClass.CONTROL, 13),
    CR14(RegClass.CONTROL, 14),
    CR15(RegClass.CONTROL, 15),
    DR0(RegClass.DEBUG, 0),
    DR1(RegClass.DEBUG, 1),
    DR2(RegClass.DEBUG, 2),
    DR3(RegClass.DEBUG, 3),
    DR4(RegClass.DEBUG, 4),
    DR5(RegClass.DEBUG, 5),
    DR6(RegClass.DEBUG, 6),
    DR7(RegClass.DEBUG, 7),
    TR0(RegClass.TEST, 0),
    TR1(RegClass.TEST, 1),
    TR2(RegClass.TEST, 2),
    TR3(RegClass.TEST, 3),
    TR4(RegClass.TEST, 4),
    TR5(RegClass.TEST, 5),
    TR6(RegClass.TEST, 6),
    TR7(RegClass.TEST, 7),
    TLS(RegClass.TLS, 0);

    private final RegClass regClass;
    private final int number;

    Reg(RegClass regClass, int number) {
        this.regClass = regClass;
        this.number = number;
    }

    public RegClass regClass() {
        return regClass;
    }

    /** Hardware encoding number, 0-31. */
    public int number() {
        return number;
    }

    /**
     * Go's internal number of the register (its cmd/internal/obj/x86 REG_ constant), as some
     * releases quote registers in diagnostics: Go numbers amd64 registers from 2048 in the
     * order this enum lists them.
     */
    public int goNumber() {
        return GO_REGISTER_BASE + ordinal();
    }

    /** Go's obj.RBaseAMD64. */
    private static final int GO_REGISTER_BASE = 2 * 1024;

    /** The low three bits that go into ModRM/SIB/opcode. */
    public int low3() {
        return number & 7;
    }

    /** Whether encoding needs REX.R/X/B (bit 3 of the number). */
    public boolean extended() {
        return (number & 8) != 0;
    }

    /** SPB, BPB, SIB, DIB and R8B-R15B need a REX prefix even without REX.W. */
    public boolean needsRex() {
        return regClass == RegClass.GP8 && number >= 4;
    }

    /** The general-purpose register with the same number as this byte register, or itself. */
    public boolean isGeneral() {
        return regClass == RegClass.GP;
    }

    @Override
    public String spelling() {
        return name();
    }

    /** Registers by Go's spelling; null when the name is not a register. */
    public static Reg byName(String name) {
        return BY_NAME.get(name);
    }

    /** A table rather than valueOf's exception: most names looked up are symbols, not registers. */
    private static final java.util.Map<String, Reg> BY_NAME = java.util.Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Reg::name, r -> r));
}
