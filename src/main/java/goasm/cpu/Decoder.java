package goasm.cpu;

/**
 * Decodes one x86-64 instruction from guest memory into an {@link Insn}. Covers the general
 * purpose integer set and the SSE2 moves, logic and compares Go assembly uses; anything else
 * becomes {@link Kind#UNSUPPORTED} with a reason, so the program stops only if it executes it.
 */
public final class Decoder {
    private final GuestMemory mem;

    // State of the instruction being decoded.
    private long pc;
    private int rex;
    private boolean opSize16;
    private boolean addrSize32;
    private int repPrefix;
    private int segment;
    private boolean ripRelative;

    public Decoder(GuestMemory mem) {
        this.mem = mem;
    }

    private int u8() {
        return mem.read8(pc++) & 0xff;
    }

    private long s8() {
        return mem.read8(pc++);
    }

    private long s16() {
        long v = mem.read16(pc);
        pc += 2;
        return v;
    }

    private long s32() {
        long v = mem.read32(pc);
        pc += 4;
        return v;
    }

    private long s64() {
        long v = mem.read64(pc);
        pc += 8;
        return v;
    }

    private boolean rexW() {
        return (rex & 8) != 0;
    }

    private int opSize() {
        return rexW() ? 8 : opSize16 ? 2 : 4;
    }

    /** Immediate of the operand size (imm32 sign-extended for 64-bit operands). */
    private long immOfSize(int size) {
        return switch (size) {
            case 1 -> s8();
            case 2 -> s16();
            default -> s32();
        };
    }

    private int byteReg(int r) {
        return rex == 0 && r >= 4 && r < 8 ? Insn.HIGH_BYTE + r - 4 : r;
    }

    /** Reads ModRM (and SIB, displacement); fills reg and the rm operand. Byte operands map AH..BH. */
    private void modrm(Insn in, boolean byteOps) {
        int m = u8();
        int mod = m >> 6;
        int reg = ((m >> 3) & 7) | ((rex & 4) << 1);
        int rm = m & 7;
        in.reg = byteOps ? byteReg(reg) : reg;
        in.digit = (m >> 3) & 7;
        if (mod == 3) {
            int r = rm | ((rex & 1) << 3);
            in.rm = byteOps ? byteReg(r) : r;
            return;
        }
        in.rm = -1;
        in.seg = segment;
        if (rm == 4) {
            int sib = u8();
            int index = ((sib >> 3) & 7) | ((rex & 2) << 2);
            int base = sib & 7;
            in.scaleShift = sib >> 6;
            in.index = index == 4 ? -1 : index;
            if (base == 5 && mod == 0) {
                in.base = -1;
                in.disp = s32();
            } else {
                in.base = base | ((rex & 1) << 3);
            }
        } else if (rm == 5 && mod == 0) {
            in.base = -1;
            in.disp = s32();
            ripRelative = true;
        } else {
            in.base = rm | ((rex & 1) << 3);
        }
        if (mod == 1) {
            in.disp += s8();
        } else if (mod == 2) {
            in.disp += s32();
        }
    }

    public Insn decode(long addr) {
        Insn in = new Insn(addr);
        pc = addr;
        rex = 0;
        opSize16 = false;
        addrSize32 = false;
        repPrefix = 0;
        segment = Insn.SEG_NONE;
        ripRelative = false;
        int b;
        prefixes:
        while (true) {
            b = u8();
            switch (b) {
                case 0x66 -> opSize16 = true;
                case 0x67 -> addrSize32 = true;
                case 0xf2 -> repPrefix = 2;
                case 0xf3 -> repPrefix = 1;
                case 0xf0, 0x2e, 0x3e, 0x26, 0x36 -> {
                    // LOCK is implicit (one thread runs at a time); these segments are flat.
                }
                case 0x64 -> segment = Insn.SEG_FS;
                case 0x65 -> segment = Insn.SEG_GS;
                default -> {
                    break prefixes;
                }
            }
        }
        if ((b & 0xf0) == 0x40) {
            rex = b;
            b = u8();
        }
        in.size = opSize();
        if (b == 0x0f) {
            twoByte(in, u8());
        } else {
            oneByte(in, b);
        }
        if (addrSize32 && in.kind != Kind.UNSUPPORTED) {
            unsupported(in, "32-bit addressing (0x67 prefix)");
        }
        in.length = (int) (pc - addr);
        in.nextAddr = pc;
        if (ripRelative) {
            in.disp += pc;
        }
        return in;
    }

    private static void trap(Insn in, Trap trap) {
        in.kind = Kind.TRAP;
        in.sub = trap.ordinal();
    }

    private static void unsupported(Insn in, String what) {
        in.kind = Kind.UNSUPPORTED;
        in.problem = what;
    }

    private void oneByte(Insn in, int b) {
        if (b < 0x40 && (b & 7) < 6) {
            in.kind = Kind.ALU;
            in.sub = b >> 3;
            switch (b & 7) {
                case 0 -> { in.size = 1; in.form = Insn.FORM_RM_REG; modrm(in, true); }
                case 1 -> { in.form = Insn.FORM_RM_REG; modrm(in, false); }
                case 2 -> { in.size = 1; in.form = Insn.FORM_REG_RM; modrm(in, true); }
                case 3 -> { in.form = Insn.FORM_REG_RM; modrm(in, false); }
                case 4 -> { in.size = 1; in.form = Insn.FORM_RM_IMM; in.rm = 0; in.imm = s8(); }
                default -> { in.form = Insn.FORM_RM_IMM; in.rm = 0; in.imm = immOfSize(in.size); }
            }
            return;
        }
        switch (b) {
            case 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57 -> {
                in.kind = Kind.PUSH;
                in.reg = (b & 7) | ((rex & 1) << 3);
                in.size = opSize16 ? 2 : 8;
            }
            case 0x58, 0x59, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f -> {
                in.kind = Kind.POP;
                in.reg = (b & 7) | ((rex & 1) << 3);
                in.size = opSize16 ? 2 : 8;
            }
            case 0x63 -> {
                in.kind = Kind.MOVX;
                in.sub = 1;
                in.srcSize = 4;
                modrm(in, false);
            }
            case 0x68 -> { in.kind = Kind.PUSH_IMM; in.size = opSize16 ? 2 : 8; in.imm = opSize16 ? s16() : s32(); }
            case 0x6a -> { in.kind = Kind.PUSH_IMM; in.size = opSize16 ? 2 : 8; in.imm = s8(); }
            case 0x69, 0x6b -> {
                in.kind = Kind.IMUL2;
                in.form = Insn.FORM_RM_IMM;
                modrm(in, false);
                in.imm = b == 0x6b ? s8() : immOfSize(in.size);
            }
            case 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f -> {
                in.kind = Kind.JCC;
                in.sub = b & 15;
                long rel = s8();
                in.imm = pc + rel;
            }
            case 0x80, 0x81, 0x83 -> {
                in.kind = Kind.ALU;
                in.form = Insn.FORM_RM_IMM;
                if (b == 0x80) {
                    in.size = 1;
                }
                modrm(in, b == 0x80);
                in.sub = in.digit;
                in.imm = b == 0x81 ? immOfSize(in.size) : s8();
            }
            case 0x84, 0x85 -> {
                in.kind = Kind.TEST;
                in.form = Insn.FORM_RM_REG;
                if (b == 0x84) {
                    in.size = 1;
                }
                modrm(in, b == 0x84);
            }
            case 0x86, 0x87 -> {
                in.kind = Kind.XCHG;
                if (b == 0x86) {
                    in.size = 1;
                }
                modrm(in, b == 0x86);
            }
            case 0x88, 0x89, 0x8a, 0x8b -> {
                in.kind = Kind.MOV;
                in.form = (b & 2) == 0 ? Insn.FORM_RM_REG : Insn.FORM_REG_RM;
                boolean bytes = (b & 1) == 0;
                if (bytes) {
                    in.size = 1;
                }
                modrm(in, bytes);
            }
            case 0x8d -> {
                in.kind = Kind.LEA;
                modrm(in, false);
                if (!in.isMem()) {
                    unsupported(in, "LEA with a register operand");
                }
            }
            case 0x8f -> {
                in.kind = Kind.POP_RM;
                modrm(in, false);
                in.size = opSize16 ? 2 : 8;
            }
            case 0x90 -> in.kind = Kind.NOP;
            case 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97 -> {
                in.kind = Kind.XCHG;
                in.reg = 0;
                in.rm = (b & 7) | ((rex & 1) << 3);
            }
            case 0x98 -> in.kind = Kind.EXTEND_A;
            case 0x99 -> in.kind = Kind.EXTEND_D;
            case 0x9c -> in.kind = Kind.PUSHF;
            case 0x9d -> in.kind = Kind.POPF;
            case 0x9e -> in.kind = Kind.SAHF;
            case 0x9f -> in.kind = Kind.LAHF;
            case 0xa8, 0xa9 -> {
                in.kind = Kind.TEST;
                in.form = Insn.FORM_RM_IMM;
                in.rm = 0;
                if (b == 0xa8) {
                    in.size = 1;
                }
                in.imm = immOfSize(in.size);
            }
            case 0xa4, 0xa5, 0xaa, 0xab, 0xac, 0xad, 0xa6, 0xa7, 0xae, 0xaf -> {
                in.kind = Kind.STRING;
                in.sub = switch (b & 0xfe) {
                    case 0xa4 -> 0;
                    case 0xaa -> 1;
                    case 0xac -> 2;
                    case 0xa6 -> 3;
                    default -> 4;
                };
                if ((b & 1) == 0) {
                    in.size = 1;
                }
                in.rep = repPrefix;
            }
            case 0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7 -> {
                in.kind = Kind.MOV;
                in.form = Insn.FORM_RM_IMM;
                in.size = 1;
                in.rm = byteReg((b & 7) | ((rex & 1) << 3));
                in.imm = s8();
            }
            case 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf -> {
                in.kind = Kind.MOV;
                in.form = Insn.FORM_RM_IMM;
                in.rm = (b & 7) | ((rex & 1) << 3);
                in.imm = rexW() ? s64() : opSize16 ? s16() : s32();
            }
            case 0xc0, 0xc1, 0xd0, 0xd1, 0xd2, 0xd3 -> {
                in.kind = Kind.SHIFT;
                boolean bytes = (b & 1) == 0;
                if (bytes) {
                    in.size = 1;
                }
                modrm(in, bytes);
                in.sub = in.digit;
                if (b <= 0xc1) {
                    in.form = Insn.FORM_RM_IMM;
                    in.imm = u8();
                } else {
                    in.form = b <= 0xd1 ? Insn.FORM_ONE : Insn.FORM_CL;
                }
            }
            case 0xc2 -> { in.kind = Kind.RET; in.imm = s16() & 0xffff; }
            case 0xc3 -> in.kind = Kind.RET;
            case 0xc6, 0xc7 -> {
                in.kind = Kind.MOV;
                in.form = Insn.FORM_RM_IMM;
                if (b == 0xc6) {
                    in.size = 1;
                }
                modrm(in, b == 0xc6);
                if ((in.digit) != 0) {
                    unsupported(in, "opcode 0x" + Integer.toHexString(b) + " /" + (in.digit));
                }
                in.imm = immOfSize(in.size);
            }
            case 0xc9 -> in.kind = Kind.LEAVE;
            case 0xcc -> trap(in, Trap.BREAKPOINT);
            case 0xcd -> {
                int vector = u8();
                if (vector == 0x80) {
                    unsupported(in, "system calls are not emulated");
                } else {
                    // Linux lets user code raise only vector 3 (and 4, and 0x80) with INT n.
                    trap(in, vector == 3 ? Trap.BREAKPOINT : Trap.GENERAL_PROTECTION);
                }
            }
            case 0xe0, 0xe1, 0xe2 -> {
                in.kind = Kind.LOOP;
                in.sub = b - 0xe0;
                long rel = s8();
                in.imm = pc + rel;
            }
            case 0xe3 -> { in.kind = Kind.JRCXZ; long rel = s8(); in.imm = pc + rel; }
            case 0xe8 -> { in.kind = Kind.CALL; long rel = s32(); in.imm = pc + rel; }
            case 0xe9 -> { in.kind = Kind.JMP; long rel = s32(); in.imm = pc + rel; }
            case 0xeb -> { in.kind = Kind.JMP; long rel = s8(); in.imm = pc + rel; }
            case 0xf4 -> trap(in, Trap.GENERAL_PROTECTION); // privileged: #GP in user mode
            case 0xf5 -> { in.kind = Kind.FLAG_OP; in.sub = 2; }
            case 0xf8 -> { in.kind = Kind.FLAG_OP; in.sub = 0; }
            case 0xf9 -> { in.kind = Kind.FLAG_OP; in.sub = 1; }
            case 0xfc -> { in.kind = Kind.FLAG_OP; in.sub = 3; }
            case 0xfd -> { in.kind = Kind.FLAG_OP; in.sub = 4; }
            case 0xf6, 0xf7 -> {
                boolean bytes = b == 0xf6;
                if (bytes) {
                    in.size = 1;
                }
                modrm(in, bytes);
                int op = in.digit;
                switch (op) {
                    case 0, 1 -> { in.kind = Kind.TEST; in.form = Insn.FORM_RM_IMM; in.imm = immOfSize(in.size); }
                    case 2 -> in.kind = Kind.NOT;
                    case 3 -> in.kind = Kind.NEG;
                    default -> { in.kind = Kind.MULDIV; in.sub = op - 4; }
                }
            }
            case 0xfe, 0xff -> {
                boolean bytes = b == 0xfe;
                if (bytes) {
                    in.size = 1;
                }
                modrm(in, bytes);
                int op = in.digit;
                switch (op) {
                    case 0 -> in.kind = Kind.INC;
                    case 1 -> in.kind = Kind.DEC;
                    case 2 -> { in.kind = Kind.CALL_RM; in.size = 8; }
                    case 4 -> { in.kind = Kind.JMP_RM; in.size = 8; }
                    case 6 -> { in.kind = Kind.PUSH_RM; in.size = opSize16 ? 2 : 8; }
                    default -> unsupported(in, "opcode 0x" + Integer.toHexString(b) + " /" + op);
                }
                if (bytes && op > 1) {
                    unsupported(in, "opcode 0xfe /" + op);
                }
            }
            default -> unsupported(in, "opcode 0x" + Integer.toHexString(b));
        }
    }

    private void twoByte(Insn in, int b) {
        switch (b) {
            case 0x05 -> unsupported(in, "system calls are not emulated");
            case 0x0b -> trap(in, Trap.INVALID_OPCODE);
            case 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f -> {
                // Prefetch hints and multi-byte NOPs.
                in.kind = Kind.NOP;
                modrm(in, false);
            }
            case 0x10, 0x11 -> {
                if (repPrefix != 0) {
                    unsupported(in, repPrefix == 1 ? "MOVSS" : "MOVSD");
                    modrm(in, false);
                    return;
                }
                sse128Move(in, b == 0x10);
            }
            case 0x28, 0x29 -> sse128Move(in, b == 0x28);
            case 0x6f, 0x7f -> {
                if (!opSize16 && repPrefix == 0) {
                    unsupported(in, "MMX register move");
                    modrm(in, false);
                    return;
                }
                sse128Move(in, b == 0x6f);
            }
            case 0x6e -> {
                in.kind = Kind.MOVQ_TO_X;
                in.size = rexW() ? 8 : 4;
                modrm(in, false);
                if (!opSize16) {
                    unsupported(in, "MMX MOVD/MOVQ");
                }
            }
            case 0x7e -> {
                modrm(in, false);
                if (repPrefix == 1) {
                    // MOVQ xmm, xmm/m64: zero-extends.
                    in.kind = Kind.MOVQ_TO_X;
                    in.size = 8;
                    in.form = 1;
                } else if (opSize16) {
                    in.kind = Kind.MOVQ_FROM_X;
                    in.size = rexW() ? 8 : 4;
                } else {
                    unsupported(in, "MMX MOVD/MOVQ");
                }
            }
            case 0xd6 -> {
                modrm(in, false);
                in.kind = Kind.MOVQ_FROM_X;
                in.size = 8;
                in.form = 1;
                if (!opSize16) {
                    unsupported(in, "MMX MOVQ");
                }
            }
            case 0xef, 0xdb, 0xeb, 0xdf, 0x74, 0x75, 0x76, 0xd4, 0xfb, 0xfc, 0xfd, 0xfe, 0xf8, 0xf9, 0xfa, 0xd7 -> {
                modrm(in, false);
                if (!opSize16) {
                    unsupported(in, "MMX instruction 0x0f 0x" + Integer.toHexString(b));
                    return;
                }
                in.size = 16;
                if (b == 0xd7) {
                    in.kind = Kind.PMOVMSKB;
                    if (in.isMem()) {
                        unsupported(in, "PMOVMSKB with memory");
                    }
                    return;
                }
                in.kind = Kind.PACKED;
                in.sub = b;
            }
            case 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f -> {
                in.kind = Kind.CMOVCC;
                in.sub = b & 15;
                modrm(in, false);
            }
            case 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f -> {
                in.kind = Kind.JCC;
                in.sub = b & 15;
                long rel = s32();
                in.imm = pc + rel;
            }
            case 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f -> {
                in.kind = Kind.SETCC;
                in.sub = b & 15;
                in.size = 1;
                modrm(in, true);
            }
            case 0xa3, 0xab, 0xb3, 0xbb -> {
                in.kind = Kind.BT;
                in.sub = (b >> 3) & 3;
                in.form = Insn.FORM_RM_REG;
                modrm(in, false);
            }
            case 0xba -> {
                modrm(in, false);
                int op = in.digit;
                in.imm = u8();
                if (op < 4) {
                    unsupported(in, "opcode 0x0f 0xba /" + op);
                    return;
                }
                in.kind = Kind.BT;
                in.sub = op - 4;
                in.form = Insn.FORM_RM_IMM;
            }
            case 0xa4, 0xa5, 0xac, 0xad -> {
                in.kind = Kind.SHIFT_DOUBLE;
                in.sub = b >= 0xac ? 1 : 0;
                modrm(in, false);
                if ((b & 1) == 0) {
                    in.form = Insn.FORM_RM_IMM;
                    in.imm = u8();
                } else {
                    in.form = Insn.FORM_CL;
                }
            }
            case 0xaf -> {
                in.kind = Kind.IMUL2;
                in.form = Insn.FORM_REG_RM;
                modrm(in, false);
            }
            case 0xb0, 0xb1 -> {
                in.kind = Kind.CMPXCHG;
                if (b == 0xb0) {
                    in.size = 1;
                }
                modrm(in, b == 0xb0);
            }
            case 0xc0, 0xc1 -> {
                in.kind = Kind.XADD;
                if (b == 0xc0) {
                    in.size = 1;
                }
                modrm(in, b == 0xc0);
            }
            case 0xb6, 0xb7, 0xbe, 0xbf -> {
                in.kind = Kind.MOVX;
                in.sub = b >= 0xbe ? 1 : 0;
                in.srcSize = (b & 1) == 0 ? 1 : 2;
                modrm(in, false);
                if (in.srcSize == 1 && !in.isMem()) {
                    in.rm = byteReg(in.rm);
                }
            }
            case 0xb8 -> {
                modrm(in, false);
                in.kind = Kind.POPCNT;
                if (repPrefix != 1) {
                    unsupported(in, "JMPE");
                }
            }
            case 0xbc -> { modrm(in, false); in.kind = repPrefix == 1 ? Kind.TZCNT : Kind.BSF; }
            case 0xbd -> { modrm(in, false); in.kind = repPrefix == 1 ? Kind.LZCNT : Kind.BSR; }
            case 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf -> {
                in.kind = Kind.BSWAP;
                in.rm = (b & 7) | ((rex & 1) << 3);
            }
            case 0xae -> {
                int m = mem.read8(pc) & 0xff;
                if (m == 0xe8 || m == 0xf0 || m == 0xf8) {
                    pc++;
                    in.kind = Kind.NOP; // LFENCE, MFENCE, SFENCE: one thread, nothing to order.
                } else {
                    modrm(in, false);
                    unsupported(in, "opcode 0x0f 0xae /" + (in.digit));
                }
            }
            case 0xa2 -> in.kind = Kind.CPUID;
            case 0x31 -> unsupported(in, "RDTSC");
            default -> unsupported(in, "opcode 0x0f 0x" + Integer.toHexString(b));
        }
    }

    private void sse128Move(Insn in, boolean load) {
        in.kind = Kind.MOVDQ;
        in.size = 16;
        in.form = load ? Insn.FORM_REG_RM : Insn.FORM_RM_REG;
        modrm(in, false);
    }
}
