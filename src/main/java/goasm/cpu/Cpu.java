package goasm.cpu;

import java.math.BigInteger;

/**
 * An x86-64 interpreter over {@link GuestMemory}. Instructions are decoded once into {@link Insn}
 * records cached by address and chained to their successors; flags are computed lazily from the
 * last flag-setting operation, since most results are only ever tested by the next branch.
 */
public final class Cpu {
    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;

    public static final long CF = 1, PF = 1 << 2, AF = 1 << 4, ZF = 1 << 6, SF = 1 << 7, DF = 1 << 10, OF = 1 << 11;
    private static final long ARITH_FLAGS = CF | PF | AF | ZF | SF | OF;

    // The operation that last set the flags; the flags derive from its operands and result.
    private static final int F_ADD = 0, F_ADC = 1, F_SUB = 2, F_SBB = 3, F_LOGIC = 4, F_INC = 5, F_DEC = 6,
            F_NEG = 7, F_EXPLICIT = 8;

    private static final Trap[] TRAPS = Trap.values();

    public final long[] regs = new long[16];
    /** xmm[2n] is the low and xmm[2n+1] the high quadword of Xn. */
    public final long[] xmm = new long[32];
    public long fsBase;
    public long gsBase;

    private final GuestMemory mem;
    private final Decoder decoder;
    private final long codeBase;
    private final Insn[] code;
    private final Hooks hooks;

    private long executed;
    /** When executed reaches this count the hooks hear that the time slice is over. */
    private long sliceEnd = Long.MAX_VALUE;

    private boolean direction;
    private Stop stop;
    /** The address of the instruction about to run while {@link Hooks#sliceExpired} runs; it may change it. */
    private long slicePc;

    private int fop = F_LOGIC;
    private int fsize = 8;
    private long fa;
    private long fb;
    private long fr;
    /** F_EXPLICIT: the flags; F_ADC/F_SBB: the carry in; F_INC/F_DEC: the preserved CF. */
    private long fx;

    /**
     * @param codeBase first address of the executable text
     * @param codeSize its length; control outside [codeBase, codeBase+codeSize) stops the CPU
     */
    public Cpu(GuestMemory mem, long codeBase, int codeSize, Hooks hooks) {
        this.mem = mem;
        this.decoder = new Decoder(mem);
        this.codeBase = codeBase;
        this.code = new Insn[codeSize];
        this.hooks = hooks;
    }

    public GuestMemory memory() {
        return mem;
    }

    /** Makes {@code addr} a native function: reaching it calls the hook with this id. */
    public void installHook(long addr, int hookId) {
        Insn in = new Insn(addr);
        in.kind = Kind.HOOK;
        in.sub = hookId;
        in.length = 1;
        in.nextAddr = addr + 1;
        code[(int) (addr - codeBase)] = in;
    }

    /** Guest instructions executed so far (a hook counts as one). */
    public long executed() {
        return executed;
    }

    /**
     * Asks for {@link Hooks#sliceExpired} when the executed count reaches {@code count}
     * (Long.MAX_VALUE: never). Instruction counts stand in for time, so runs are reproducible.
     */
    public void setSliceEnd(long count) {
        sliceEnd = count;
    }

    /** In {@link Hooks#sliceExpired}: the address of the instruction that runs next. */
    public long slicePc() {
        return slicePc;
    }

    /** In {@link Hooks#sliceExpired}: continue at pc instead (another thread of control takes over). */
    public void resumeAt(long pc) {
        slicePc = pc;
    }

    /** The registers, vector registers and flags, to give the CPU to another thread of control. */
    public CpuState save() {
        return new CpuState(regs.clone(), xmm.clone(), flags());
    }

    /** Puts back what {@link #save} took. */
    public void restore(CpuState state) {
        System.arraycopy(state.regs(), 0, regs, 0, regs.length);
        System.arraycopy(state.xmm(), 0, xmm, 0, xmm.length);
        setFlags(state.rflags());
    }

    /** Stops the run loop after the current hook returns. */
    public void stop(Stop reason) {
        stop = reason;
    }

    /** The decoded instruction at an address of the text (decoding it if needed), or null outside the text. */
    public Insn decodedAt(long addr) {
        long off = addr - codeBase;
        if (off < 0 || off >= code.length) {
            return null;
        }
        Insn in = code[(int) off];
        if (in == null) {
            in = decoder.decode(addr);
            code[(int) off] = in;
        }
        return in;
    }

    public long pop() {
        long v = mem.read64(regs[RSP]);
        regs[RSP] += 8;
        return v;
    }

    public void push(long v) {
        regs[RSP] -= 8;
        mem.write64(regs[RSP], v);
    }

    // ---- the run loop ----

    /** Runs from {@code pc} until a hook stops the CPU or the guest faults; returns why it stopped. */
    public Stop run(long pc) {
        stop = null;
        Insn in = decodedAt(pc);
        if (in == null) {
            return new Stop.BadJump(pc, pc);
        }
        long count = executed;
        try {
            while (true) {
                count++;
                if (count >= sliceEnd) {
                    executed = count;
                    slicePc = in.addr;
                    hooks.sliceExpired(this);
                    count = executed;
                    if (stop != null) {
                        return stop;
                    }
                    if (slicePc != in.addr) {
                        in = jumpTo(in, slicePc);
                    }
                }
                Insn next = in.next;
                if (next == null) {
                    next = link(in);
                }
                switch (in.kind) {
                    case ALU -> alu(in);
                    case MOV -> {
                        switch (in.form) {
                            case Insn.FORM_RM_REG -> writeRm(in, readReg(in.reg, in.size));
                            case Insn.FORM_REG_RM -> writeReg(in.reg, in.size, readRm(in));
                            default -> writeRm(in, in.imm);
                        }
                    }
                    case JCC -> {
                        if (condition(in.sub)) {
                            next = taken(in);
                        }
                    }
                    case TEST -> {
                        long b = in.form == Insn.FORM_RM_IMM ? in.imm : readReg(in.reg, in.size);
                        setLogic(in.size, readRm(in) & b);
                    }
                    case LEA -> writeReg(in.reg, in.size, ea(in));
                    case INC -> {
                        long ea = in.isMem() ? ea(in) : 0;
                        long a = readRmAt(in, ea);
                        fx = carry();
                        setArith(F_INC, in.size, a, 1, a + 1);
                        writeRmAt(in, ea, a + 1);
                    }
                    case DEC -> {
                        long ea = in.isMem() ? ea(in) : 0;
                        long a = readRmAt(in, ea);
                        fx = carry();
                        setArith(F_DEC, in.size, a, 1, a - 1);
                        writeRmAt(in, ea, a - 1);
                    }
                    case JMP -> next = taken(in);
                    case CALL -> {
                        push(in.nextAddr);
                        next = taken(in);
                    }
                    case RET -> {
                        long target = pop();
                        regs[RSP] += in.imm;
                        next = jumpTo(in, target);
                    }
                    case PUSH -> push(regs[in.reg]);
                    case POP -> {
                        long v = pop();
                        regs[in.reg] = v;
                    }
                    case HOOK -> {
                        executed = count;
                        long target = hooks.call(this, in.sub);
                        count = executed;
                        if (stop != null) {
                            executed = count;
                            return stop;
                        }
                        next = jumpTo(in, target);
                    }
                    case UNSUPPORTED -> {
                        executed = count - 1;
                        return new Stop.Unsupported(in.addr, in.problem);
                    }
                    default -> {
                        Insn redirected = executeOther(in);
                        if (redirected != null) {
                            next = redirected;
                        }
                        if (stop != null) {
                            executed = count;
                            return stop;
                        }
                    }
                }
                in = next;
            }
        } catch (GuestFault f) {
            executed = count - 1;
            return new Stop.Fault(in.addr, f.address(), f.protection());
        } catch (BadJumpSignal j) {
            executed = count;
            return new Stop.BadJump(in.addr, j.target);
        } catch (DivideSignal d) {
            executed = count - 1;
            return new Stop.DivideError(in.addr);
        }
    }

    private Insn link(Insn in) {
        Insn n = decodedAt(in.nextAddr);
        if (n == null) {
            // Falling off the end of the text: fetching the next instruction faults.
            n = new Insn(in.nextAddr);
            n.kind = Kind.UNSUPPORTED;
            n.problem = "execution past the end of the program text";
        }
        in.next = n;
        return n;
    }

    private Insn taken(Insn in) {
        Insn t = in.taken;
        if (t == null) {
            t = jumpTo(in, in.imm);
            in.taken = t;
        }
        return t;
    }

    private Insn jumpTo(Insn from, long target) {
        Insn t = decodedAt(target);
        if (t == null) {
            throw new BadJumpSignal(target);
        }
        return t;
    }

    private static final class BadJumpSignal extends RuntimeException {
        final long target;

        BadJumpSignal(long target) {
            super(null, null, false, false);
            this.target = target;
        }
    }

    private static final class DivideSignal extends RuntimeException {
        DivideSignal() {
            super(null, null, false, false);
        }
    }

    // ---- operands ----

    private static long mask(int size) {
        return size == 8 ? -1L : (1L << (size << 3)) - 1;
    }

    private static long signExtend(long v, int size) {
        int shift = 64 - (size << 3);
        return v << shift >> shift;
    }

    public long readReg(int r, int size) {
        if (size == 8) {
            return regs[r];
        }
        if (r >= Insn.HIGH_BYTE) {
            return (regs[r - Insn.HIGH_BYTE] >>> 8) & 0xff;
        }
        return regs[r] & mask(size);
    }

    public void writeReg(int r, int size, long v) {
        switch (size) {
            case 8 -> regs[r] = v;
            case 4 -> regs[r] = v & 0xffffffffL;
            case 2 -> regs[r] = (regs[r] & ~0xffffL) | (v & 0xffff);
            default -> {
                if (r >= Insn.HIGH_BYTE) {
                    int x = r - Insn.HIGH_BYTE;
                    regs[x] = (regs[x] & ~0xff00L) | ((v & 0xff) << 8);
                } else {
                    regs[r] = (regs[r] & ~0xffL) | (v & 0xff);
                }
            }
        }
    }

    /** The effective address of the memory operand (segment base included). */
    public long ea(Insn in) {
        long a = in.disp;
        if (in.base >= 0) {
            a += regs[in.base];
        }
        if (in.index >= 0) {
            a += regs[in.index] << in.scaleShift;
        }
        if (in.seg != Insn.SEG_NONE) {
            a += in.seg == Insn.SEG_FS ? fsBase : gsBase;
        }
        return a;
    }

    public long load(long addr, int size) {
        return switch (size) {
            case 8 -> mem.read64(addr);
            case 4 -> mem.read32(addr) & 0xffffffffL;
            case 2 -> mem.read16(addr) & 0xffffL;
            default -> mem.read8(addr) & 0xffL;
        };
    }

    public void store(long addr, int size, long v) {
        switch (size) {
            case 8 -> mem.write64(addr, v);
            case 4 -> mem.write32(addr, (int) v);
            case 2 -> mem.write16(addr, (short) v);
            default -> mem.write8(addr, (byte) v);
        }
    }

    private long readRm(Insn in) {
        return in.rm >= 0 ? readReg(in.rm, in.size) : load(ea(in), in.size);
    }

    private void writeRm(Insn in, long v) {
        if (in.rm >= 0) {
            writeReg(in.rm, in.size, v);
        } else {
            store(ea(in), in.size, v);
        }
    }

    private long readRmAt(Insn in, long ea) {
        return in.rm >= 0 ? readReg(in.rm, in.size) : load(ea, in.size);
    }

    private void writeRmAt(Insn in, long ea, long v) {
        if (in.rm >= 0) {
            writeReg(in.rm, in.size, v);
        } else {
            store(ea, in.size, v);
        }
    }

    // ---- flags ----

    private void setArith(int op, int size, long a, long b, long r) {
        long m = mask(size);
        fop = op;
        fsize = size;
        fa = a & m;
        fb = b & m;
        fr = r & m;
    }

    private void setLogic(int size, long r) {
        fop = F_LOGIC;
        fsize = size;
        fr = r & mask(size);
    }

    private void setExplicit(long flags) {
        fop = F_EXPLICIT;
        fx = flags & ARITH_FLAGS;
    }

    private long carry() {
        return switch (fop) {
            case F_ADD -> Long.compareUnsigned(fr, fa) < 0 ? 1 : 0;
            case F_ADC -> (fx != 0 ? Long.compareUnsigned(fr, fa) <= 0 : Long.compareUnsigned(fr, fa) < 0) ? 1 : 0;
            case F_SUB -> Long.compareUnsigned(fa, fb) < 0 ? 1 : 0;
            case F_SBB -> (fx != 0 ? Long.compareUnsigned(fa, fb) <= 0 : Long.compareUnsigned(fa, fb) < 0) ? 1 : 0;
            case F_LOGIC -> 0;
            case F_INC, F_DEC -> fx & 1;
            case F_NEG -> fa != 0 ? 1 : 0;
            default -> fx & CF;
        };
    }

    private boolean zero() {
        return fop == F_EXPLICIT ? (fx & ZF) != 0 : fr == 0;
    }

    private boolean sign() {
        return fop == F_EXPLICIT ? (fx & SF) != 0 : ((fr >>> ((fsize << 3) - 1)) & 1) != 0;
    }

    private boolean overflow() {
        int top = (fsize << 3) - 1;
        return switch (fop) {
            case F_ADD, F_ADC, F_INC -> (((fa ^ fr) & (fb ^ fr)) >>> top & 1) != 0;
            case F_SUB, F_SBB, F_DEC -> (((fa ^ fb) & (fa ^ fr)) >>> top & 1) != 0;
            case F_NEG -> fa == 1L << top;
            case F_LOGIC -> false;
            default -> (fx & OF) != 0;
        };
    }

    private boolean parity() {
        return fop == F_EXPLICIT ? (fx & PF) != 0 : (Integer.bitCount((int) fr & 0xff) & 1) == 0;
    }

    private boolean adjust() {
        return switch (fop) {
            case F_ADD, F_ADC, F_SUB, F_SBB, F_INC, F_DEC -> ((fa ^ fb ^ fr) & 0x10) != 0;
            case F_NEG -> ((fa ^ fr) & 0x10) != 0;
            case F_LOGIC -> false;
            default -> (fx & AF) != 0;
        };
    }

    /** The arithmetic flags as RFLAGS bits (plus DF). */
    public long flags() {
        long f = 2;
        if (carry() != 0) {
            f |= CF;
        }
        if (parity()) {
            f |= PF;
        }
        if (adjust()) {
            f |= AF;
        }
        if (zero()) {
            f |= ZF;
        }
        if (sign()) {
            f |= SF;
        }
        if (overflow()) {
            f |= OF;
        }
        if (direction) {
            f |= DF;
        }
        return f;
    }

    /** Sets the arithmetic flags and DF from RFLAGS bits. */
    public void setFlags(long f) {
        setExplicit(f);
        direction = (f & DF) != 0;
    }

    /** Evaluates condition code cc (0 O, 1 NO, 2 B, ... 15 G). */
    public boolean condition(int cc) {
        boolean r;
        if (fop == F_SUB) {
            // After CMP/SUB the conditions are plain comparisons of the operands.
            long a = fa;
            long b = fb;
            r = switch (cc >> 1) {
                case 1 -> Long.compareUnsigned(a, b) < 0;
                case 2 -> a == b;
                case 3 -> Long.compareUnsigned(a, b) <= 0;
                case 6 -> signExtend(a, fsize) < signExtend(b, fsize);
                case 7 -> signExtend(a, fsize) <= signExtend(b, fsize);
                default -> slowCondition(cc >> 1);
            };
        } else {
            r = slowCondition(cc >> 1);
        }
        return r ^ ((cc & 1) != 0);
    }

    private boolean slowCondition(int c) {
        return switch (c) {
            case 0 -> overflow();
            case 1 -> carry() != 0;
            case 2 -> zero();
            case 3 -> carry() != 0 || zero();
            case 4 -> sign();
            case 5 -> parity();
            case 6 -> sign() != overflow();
            default -> zero() || sign() != overflow();
        };
    }

    /** Flags for a result whose CF and OF are given; SF, ZF, PF from the result; AF clear. */
    private void setResultFlags(int size, long r, boolean cf, boolean of) {
        long m = r & mask(size);
        long f = 0;
        if (cf) {
            f |= CF;
        }
        if (of) {
            f |= OF;
        }
        if (m == 0) {
            f |= ZF;
        }
        if (((m >>> ((size << 3) - 1)) & 1) != 0) {
            f |= SF;
        }
        if ((Integer.bitCount((int) m & 0xff) & 1) == 0) {
            f |= PF;
        }
        setExplicit(f);
    }

    /** Replaces only some flags (rotates, BT, ...), keeping the others. */
    private void updateFlags(long which, long values) {
        long f = flags();
        setExplicit((f & ~which) | (values & which));
    }

    // ---- instructions ----

    private void alu(Insn in) {
        int size = in.size;
        long ea = in.isMem() ? ea(in) : 0;
        long a;
        long b;
        switch (in.form) {
            case Insn.FORM_RM_REG -> {
                a = readRmAt(in, ea);
                b = readReg(in.reg, size);
            }
            case Insn.FORM_REG_RM -> {
                a = readReg(in.reg, size);
                b = readRmAt(in, ea);
            }
            default -> {
                a = readRmAt(in, ea);
                b = in.imm;
            }
        }
        long r;
        switch (in.sub) {
            case 0 -> { r = a + b; setArith(F_ADD, size, a, b, r); }
            case 1 -> { r = a | b; setLogic(size, r); }
            case 2 -> { long c = carry(); r = a + b + c; setArith(F_ADC, size, a, b, r); fx = c; }
            case 3 -> { long c = carry(); r = a - b - c; setArith(F_SBB, size, a, b, r); fx = c; }
            case 4 -> { r = a & b; setLogic(size, r); }
            case 5 -> { r = a - b; setArith(F_SUB, size, a, b, r); }
            case 6 -> { r = a ^ b; setLogic(size, r); }
            default -> {
                setArith(F_SUB, size, a, b, a - b);
                return;
            }
        }
        if (in.form == Insn.FORM_REG_RM) {
            writeReg(in.reg, size, r);
        } else {
            writeRmAt(in, ea, r);
        }
    }

    /** Everything off the hot path. Returns the next instruction when control moves, else null. */
    private Insn executeOther(Insn in) {
        int size = in.size;
        switch (in.kind) {
            case MOVX -> {
                long v = in.rm >= 0 ? readReg(in.rm, in.srcSize) : load(ea(in), in.srcSize);
                writeReg(in.reg, size, in.sub == 1 ? signExtend(v, in.srcSize) : v);
            }
            case PUSH_IMM -> push(in.imm);
            case PUSH_RM -> push(readRm(in));
            case POP_RM -> {
                long v = pop();
                writeRm(in, v);
            }
            case JMP_RM -> {
                return jumpTo(in, readRm(in));
            }
            case CALL_RM -> {
                long target = readRm(in);
                push(in.nextAddr);
                return jumpTo(in, target);
            }
            case JRCXZ -> {
                if (regs[RCX] == 0) {
                    return taken(in);
                }
            }
            case LOOP -> {
                regs[RCX]--;
                boolean go = regs[RCX] != 0 && switch (in.sub) {
                    case 0 -> !zero();
                    case 1 -> zero();
                    default -> true;
                };
                if (go) {
                    return taken(in);
                }
            }
            case SETCC -> writeRm(in, condition(in.sub) ? 1 : 0);
            case CMOVCC -> {
                long v = readRm(in);
                if (condition(in.sub)) {
                    writeReg(in.reg, size, v);
                } else if (size == 4) {
                    writeReg(in.reg, 4, regs[in.reg]);
                }
            }
            case SHIFT -> shift(in);
            case SHIFT_DOUBLE -> shiftDouble(in);
            case NOT -> {
                long ea = in.isMem() ? ea(in) : 0;
                writeRmAt(in, ea, ~readRmAt(in, ea));
            }
            case NEG -> {
                long ea = in.isMem() ? ea(in) : 0;
                long a = readRmAt(in, ea);
                setArith(F_NEG, size, a, 0, -a);
                writeRmAt(in, ea, -a);
            }
            case MULDIV -> mulDiv(in);
            case IMUL2 -> {
                long a = readRm(in);
                long b = in.form == Insn.FORM_RM_IMM ? in.imm : readReg(in.reg, size);
                long sa = signExtend(a, size);
                long sb = signExtend(b, size);
                long r = sa * sb;
                boolean overflow = size == 8 ? Math.multiplyHigh(sa, sb) != (r >> 63) : signExtend(r, size) != r;
                writeReg(in.reg, size, r);
                setResultFlags(size, r, overflow, overflow);
            }
            case XCHG -> {
                long ea = in.isMem() ? ea(in) : 0;
                long a = readRmAt(in, ea);
                long b = readReg(in.reg, size);
                writeRmAt(in, ea, b);
                writeReg(in.reg, size, a);
            }
            case XADD -> {
                long ea = in.isMem() ? ea(in) : 0;
                long a = readRmAt(in, ea);
                long b = readReg(in.reg, size);
                setArith(F_ADD, size, a, b, a + b);
                writeReg(in.reg, size, a);
                writeRmAt(in, ea, a + b);
            }
            case CMPXCHG -> {
                long ea = in.isMem() ? ea(in) : 0;
                long d = readRmAt(in, ea);
                long acc = readReg(RAX, size);
                setArith(F_SUB, size, acc, d, acc - d);
                if (acc == d) {
                    writeRmAt(in, ea, readReg(in.reg, size));
                } else {
                    writeReg(RAX, size, d);
                }
            }
            case BSWAP -> regs[in.rm] = size == 8 ? Long.reverseBytes(regs[in.rm])
                    : Integer.reverseBytes((int) regs[in.rm]) & 0xffffffffL;
            case BT -> bitTest(in);
            case BSF, BSR -> {
                long v = readRm(in);
                if (v == 0) {
                    updateFlags(ZF, ZF);
                } else {
                    writeReg(in.reg, size, in.kind == Kind.BSF ? Long.numberOfTrailingZeros(v)
                            : 63 - Long.numberOfLeadingZeros(v));
                    updateFlags(ZF, 0);
                }
            }
            case TZCNT, LZCNT, POPCNT -> {
                long v = readRm(in);
                int bits = size << 3;
                long r = switch (in.kind) {
                    case TZCNT -> v == 0 ? bits : Long.numberOfTrailingZeros(v);
                    case LZCNT -> Long.numberOfLeadingZeros(v) - (64 - bits);
                    default -> Long.bitCount(v);
                };
                writeReg(in.reg, size, r);
                if (in.kind == Kind.POPCNT) {
                    setExplicit(v == 0 ? ZF : 0);
                } else {
                    updateFlags(CF | ZF, (v == 0 ? CF : 0) | (r == 0 ? ZF : 0));
                }
            }
            case EXTEND_A -> {
                int half = size >> 1;
                writeReg(RAX, size, signExtend(readReg(RAX, half), half));
            }
            case EXTEND_D -> writeReg(RDX, size, signExtend(readReg(RAX, size), size) < 0 ? -1 : 0);
            case STRING -> stringOp(in);
            // Rare instructions live here, out of the run loop's own switch, which stays small for the JIT.
            case TRAP -> stop(new Stop.Trapped(in.addr, in.nextAddr, TRAPS[in.sub]));
            case CPUID -> {
                CpuModel.Leaf leaf = CpuModel.cpuid((int) regs[RAX], (int) regs[RCX]);
                regs[RAX] = leaf.outEax() & 0xffffffffL;
                regs[RBX] = leaf.outEbx() & 0xffffffffL;
                regs[RCX] = leaf.outEcx() & 0xffffffffL;
                regs[RDX] = leaf.outEdx() & 0xffffffffL;
            }
            case NOP -> {
            }
            case LEAVE -> {
                regs[RSP] = regs[RBP];
                regs[RBP] = pop();
            }
            case FLAG_OP -> {
                switch (in.sub) {
                    case 0 -> updateFlags(CF, 0);
                    case 1 -> updateFlags(CF, CF);
                    case 2 -> updateFlags(CF, carry() ^ 1);
                    case 3 -> direction = false;
                    default -> direction = true;
                }
            }
            case PUSHF -> push(flags() | 0x200);
            case POPF -> setFlags(pop());
            case LAHF -> writeReg(Insn.HIGH_BYTE, 1, (flags() & (SF | ZF | AF | PF | CF)) | 2);
            case SAHF -> updateFlags(SF | ZF | AF | PF | CF, readReg(Insn.HIGH_BYTE, 1));
            case MOVDQ -> {
                if (in.form == Insn.FORM_REG_RM) {
                    long lo;
                    long hi;
                    if (in.rm >= 0) {
                        lo = xmm[2 * in.rm];
                        hi = xmm[2 * in.rm + 1];
                    } else {
                        long a = ea(in);
                        lo = mem.read64(a);
                        hi = mem.read64(a + 8);
                    }
                    xmm[2 * in.reg] = lo;
                    xmm[2 * in.reg + 1] = hi;
                } else if (in.rm >= 0) {
                    xmm[2 * in.rm] = xmm[2 * in.reg];
                    xmm[2 * in.rm + 1] = xmm[2 * in.reg + 1];
                } else {
                    long a = ea(in);
                    mem.write64(a, xmm[2 * in.reg]);
                    mem.write64(a + 8, xmm[2 * in.reg + 1]);
                }
            }
            case MOVQ_TO_X -> {
                long v;
                if (in.form == 1 && in.rm >= 0) {
                    v = xmm[2 * in.rm];
                } else {
                    v = in.rm >= 0 ? readReg(in.rm, size) : load(ea(in), size);
                }
                xmm[2 * in.reg] = v;
                xmm[2 * in.reg + 1] = 0;
            }
            case MOVQ_FROM_X -> {
                long v = xmm[2 * in.reg] & mask(size);
                if (in.form == 1 && in.rm >= 0) {
                    xmm[2 * in.rm] = v;
                    xmm[2 * in.rm + 1] = 0;
                } else {
                    writeRm(in, v);
                }
            }
            case PACKED -> packed(in);
            case PMOVMSKB -> {
                long lo = xmm[2 * in.rm];
                long hi = xmm[2 * in.rm + 1];
                long bits = 0;
                for (int i = 0; i < 8; i++) {
                    bits |= ((lo >>> (8 * i + 7)) & 1) << i;
                    bits |= ((hi >>> (8 * i + 7)) & 1) << (i + 8);
                }
                regs[in.reg] = bits;
            }
            default -> stop(new Stop.Unsupported(in.addr, "instruction kind " + in.kind));
        }
        return null;
    }

    private void shift(Insn in) {
        int size = in.size;
        int bits = size << 3;
        int count = (int) (switch (in.form) {
            case Insn.FORM_ONE -> 1;
            case Insn.FORM_CL -> regs[RCX];
            default -> in.imm;
        } & (size == 8 ? 63 : 31));
        if (count == 0) {
            return;
        }
        long ea = in.isMem() ? ea(in) : 0;
        long m = mask(size);
        long a = readRmAt(in, ea) & m;
        long top = 1L << (bits - 1);
        long r;
        switch (in.sub) {
            case 0, 1 -> { // ROL, ROR: only CF and OF change
                int c = count % bits;
                r = in.sub == 0 ? rotateLeft(a, c, bits) : rotateLeft(a, (bits - c) % bits, bits);
                boolean cf = in.sub == 0 ? (r & 1) != 0 : (r & top) != 0;
                boolean of = in.sub == 0 ? ((r & top) != 0) != cf : ((r & top) != 0) != ((r & (top >>> 1)) != 0);
                updateFlags(CF | OF, (cf ? CF : 0) | (of ? OF : 0));
            }
            case 2, 3 -> { // RCL, RCR through the carry, one bit at a time
                int c = count % (bits + 1);
                boolean cf = carry() != 0;
                r = a;
                for (int i = 0; i < c; i++) {
                    if (in.sub == 2) {
                        boolean out = (r & top) != 0;
                        r = ((r << 1) | (cf ? 1 : 0)) & m;
                        cf = out;
                    } else {
                        boolean out = (r & 1) != 0;
                        r = (r >>> 1) | (cf ? top : 0);
                        cf = out;
                    }
                }
                boolean of = in.sub == 2 ? ((r & top) != 0) != cf : ((r & top) != 0) != ((r & (top >>> 1)) != 0);
                updateFlags(CF | OF, (cf ? CF : 0) | (of ? OF : 0));
            }
            case 4, 6 -> { // SHL/SAL
                r = count < 64 ? a << count : 0;
                boolean cf = count <= bits && ((a >>> (bits - count)) & 1) != 0;
                setResultFlags(size, r, cf, ((r & top) != 0) != cf);
            }
            case 5 -> { // SHR
                r = a >>> count;
                boolean cf = ((a >>> (count - 1)) & 1) != 0;
                setResultFlags(size, r, cf, (a & top) != 0);
            }
            default -> { // SAR
                long s = signExtend(a, size);
                r = s >> count;
                boolean cf = ((s >> (count - 1)) & 1) != 0;
                setResultFlags(size, r, cf, false);
            }
        }
        writeRmAt(in, ea, r);
    }

    private static long rotateLeft(long a, int c, int bits) {
        if (c == 0) {
            return a;
        }
        if (bits == 64) {
            return Long.rotateLeft(a, c);
        }
        long m = (1L << bits) - 1;
        return ((a << c) | (a >>> (bits - c))) & m;
    }

    private void shiftDouble(Insn in) {
        int size = in.size;
        int bits = size << 3;
        int count = (int) ((in.form == Insn.FORM_CL ? regs[RCX] : in.imm) & (size == 8 ? 63 : 31));
        if (count == 0) {
            return;
        }
        long ea = in.isMem() ? ea(in) : 0;
        long m = mask(size);
        long a = readRmAt(in, ea) & m;
        long b = readReg(in.reg, size) & m;
        long top = 1L << (bits - 1);
        long r;
        boolean cf;
        if (count > bits) {
            // Undefined for 16-bit operands; computed as a rotate through the pair.
            count %= bits;
        }
        if (in.sub == 0) {
            r = ((a << count) | (count == bits ? b : b >>> (bits - count))) & m;
            cf = ((a >>> (bits - count)) & 1) != 0;
        } else {
            r = ((a >>> count) | (count == bits ? b : b << (bits - count))) & m;
            cf = ((a >>> (count - 1)) & 1) != 0;
        }
        setResultFlags(size, r, cf, ((r ^ a) & top) != 0);
        writeRmAt(in, ea, r);
    }

    private void mulDiv(Insn in) {
        int size = in.size;
        long src = readRm(in) & mask(size);
        switch (in.sub) {
            case 0, 1 -> {
                boolean signed = in.sub == 1;
                long lo;
                long hi;
                if (size == 8) {
                    long a = regs[RAX];
                    lo = a * src;
                    hi = signed ? Math.multiplyHigh(a, src) : Math.unsignedMultiplyHigh(a, src);
                } else {
                    long a = readReg(RAX, size);
                    long p = signed ? signExtend(a, size) * signExtend(src, size) : a * src;
                    lo = p & mask(size);
                    hi = (p >> (size << 3)) & mask(size);
                }
                boolean upper = signed ? hi != (signExtend(lo, size) < 0 ? mask(size) : 0) && size < 8
                        || size == 8 && hi != (lo >> 63) : hi != 0;
                if (size == 1) {
                    writeReg(RAX, 2, (hi << 8) | lo);
                } else {
                    writeReg(RAX, size, lo);
                    writeReg(RDX, size, hi);
                }
                setResultFlags(size, lo, upper, upper);
            }
            default -> {
                boolean signed = in.sub == 3;
                if (src == 0) {
                    throw new DivideSignal();
                }
                int bits = size << 3;
                BigInteger dividend;
                BigInteger divisor;
                long hiPart = size == 1 ? (regs[RAX] >>> 8) & 0xff : readReg(RDX, size);
                long loPart = size == 1 ? regs[RAX] & 0xff : readReg(RAX, size);
                if (size == 8 && !signed && hiPart == 0) {
                    regs[RAX] = Long.divideUnsigned(loPart, src);
                    regs[RDX] = Long.remainderUnsigned(loPart, src);
                    return;
                }
                if (size == 8 && signed && hiPart == (loPart >> 63) && !(loPart == Long.MIN_VALUE && src == -1)) {
                    regs[RAX] = loPart / src;
                    regs[RDX] = loPart % src;
                    return;
                }
                BigInteger unsignedValue = new BigInteger(1, toBytes(hiPart, loPart, bits));
                dividend = signed && ((hiPart >>> (bits - 1)) & 1) != 0
                        ? unsignedValue.subtract(BigInteger.ONE.shiftLeft(2 * bits)) : unsignedValue;
                divisor = signed ? BigInteger.valueOf(signExtend(src, size)) : new BigInteger(Long.toUnsignedString(src));
                BigInteger[] qr = dividend.divideAndRemainder(divisor);
                BigInteger q = qr[0];
                boolean fits = signed ? q.bitLength() < bits : q.signum() >= 0 && q.bitLength() <= bits;
                if (!fits) {
                    throw new DivideSignal();
                }
                long quotient = q.longValue();
                long remainder = qr[1].longValue();
                if (size == 1) {
                    writeReg(RAX, 2, ((remainder & 0xff) << 8) | (quotient & 0xff));
                } else {
                    writeReg(RAX, size, quotient);
                    writeReg(RDX, size, remainder);
                }
            }
        }
    }

    private static byte[] toBytes(long hi, long lo, int bits) {
        byte[] b = new byte[2 * bits / 8];
        int n = bits / 8;
        for (int i = 0; i < n; i++) {
            b[n - 1 - i] = (byte) (hi >>> (8 * i));
            b[2 * n - 1 - i] = (byte) (lo >>> (8 * i));
        }
        return b;
    }

    private void bitTest(Insn in) {
        int size = in.size;
        int bits = size << 3;
        long offset = in.form == Insn.FORM_RM_IMM ? in.imm : signExtend(readReg(in.reg, size), size);
        long addr = 0;
        long v;
        int bit;
        if (in.rm >= 0) {
            bit = (int) (offset & (bits - 1));
            v = readReg(in.rm, size);
        } else {
            if (in.form == Insn.FORM_RM_IMM) {
                bit = (int) (offset & (bits - 1));
                addr = ea(in);
            } else {
                // A register bit offset reaches beyond the operand: whole operands away, signed.
                addr = ea(in) + (Math.floorDiv(offset, bits) * size);
                bit = (int) Math.floorMod(offset, bits);
            }
            v = load(addr, size);
        }
        boolean was = ((v >>> bit) & 1) != 0;
        long r = switch (in.sub) {
            case 1 -> v | (1L << bit);
            case 2 -> v & ~(1L << bit);
            case 3 -> v ^ (1L << bit);
            default -> v;
        };
        updateFlags(CF, was ? CF : 0);
        if (in.sub != 0) {
            if (in.rm >= 0) {
                writeReg(in.rm, size, r);
            } else {
                store(addr, size, r);
            }
        }
    }

    private void stringOp(Insn in) {
        int size = in.size;
        long step = direction ? -size : size;
        boolean rep = in.rep != 0;
        while (!rep || regs[RCX] != 0) {
            switch (in.sub) {
                case 0 -> {
                    store(regs[RDI], size, load(regs[RSI], size));
                    regs[RSI] += step;
                    regs[RDI] += step;
                }
                case 1 -> {
                    store(regs[RDI], size, regs[RAX]);
                    regs[RDI] += step;
                }
                case 2 -> {
                    writeReg(RAX, size, load(regs[RSI], size));
                    regs[RSI] += step;
                }
                case 3 -> {
                    long a = load(regs[RSI], size);
                    long b = load(regs[RDI], size);
                    setArith(F_SUB, size, a, b, a - b);
                    regs[RSI] += step;
                    regs[RDI] += step;
                }
                default -> {
                    long a = readReg(RAX, size);
                    long b = load(regs[RDI], size);
                    setArith(F_SUB, size, a, b, a - b);
                    regs[RDI] += step;
                }
            }
            if (!rep) {
                return;
            }
            regs[RCX]--;
            if (in.sub >= 3 && (in.rep == 1 ? !zero() : zero())) {
                return;
            }
        }
    }

    private void packed(Insn in) {
        long lo;
        long hi;
        if (in.rm >= 0) {
            lo = xmm[2 * in.rm];
            hi = xmm[2 * in.rm + 1];
        } else {
            long a = ea(in);
            lo = mem.read64(a);
            hi = mem.read64(a + 8);
        }
        int d = 2 * in.reg;
        xmm[d] = lanes(in.sub, xmm[d], lo);
        xmm[d + 1] = lanes(in.sub, xmm[d + 1], hi);
    }

    /** One 64-bit half of a packed operation (opcode byte after 0x66 0x0f). */
    private static long lanes(int opcode, long a, long b) {
        return switch (opcode) {
            case 0xef -> a ^ b;
            case 0xdb -> a & b;
            case 0xeb -> a | b;
            case 0xdf -> ~a & b;
            case 0xd4 -> a + b;
            case 0xfb -> a - b;
            case 0x74 -> laneWise(a, b, 8, 0);
            case 0x75 -> laneWise(a, b, 16, 0);
            case 0x76 -> laneWise(a, b, 32, 0);
            case 0xfc -> laneWise(a, b, 8, 1);
            case 0xfd -> laneWise(a, b, 16, 1);
            case 0xfe -> laneWise(a, b, 32, 1);
            case 0xf8 -> laneWise(a, b, 8, 2);
            case 0xf9 -> laneWise(a, b, 16, 2);
            default -> laneWise(a, b, 32, 2);
        };
    }

    /** op 0: compare equal (all ones/zeros), 1: add, 2: subtract, per lane of {@code width} bits. */
    private static long laneWise(long a, long b, int width, int op) {
        long m = (1L << width) - 1;
        long r = 0;
        for (int shift = 0; shift < 64; shift += width) {
            long x = (a >>> shift) & m;
            long y = (b >>> shift) & m;
            long v = switch (op) {
                case 0 -> x == y ? m : 0;
                case 1 -> (x + y) & m;
                default -> (x - y) & m;
            };
            r |= v << shift;
        }
        return r;
    }
}
