package goasm.encode;

import goasm.arch.amd64.Op;
import goasm.arch.amd64.Reg;
import goasm.arch.amd64.RegClass;
import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Prog;
import goasm.obj.RelocType;
import goasm.obj.Symbol;
import goasm.obj.TargetOs;
import goasm.obj.TlsModel;
import goasm.release.EncoderRules;
import goasm.release.EncoderRules.OperandCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static goasm.encode.RegisterBits.REX;
import static goasm.encode.RegisterBits.REX_B;
import static goasm.encode.RegisterBits.REX_R;
import static goasm.encode.RegisterBits.REX_W;
import static goasm.encode.RegisterBits.REX_X;
import static goasm.encode.RegisterBits.low3;
import static goasm.encode.RegisterBits.rex;

/**
 * Encodes one instruction at a time into a scratch buffer: picks the form row, lays down
 * prefixes, opcode, ModRM/SIB, displacement and immediates, records relocations, and finally
 * places the REX prefix.
 */
final class InstructionAssembler {
    /** MOVQ BP, -16(SP); LEAQ -16(SP), BP: keeps the frame pointer valid across a Duff's device call. */
    private static final byte[] SAVE_BP_FOR_DUFF = {0x48, (byte) 0x89, 0x6c, 0x24, (byte) 0xf0, 0x48, (byte) 0x8d,
            0x6c, 0x24, (byte) 0xf0};
    /** MOVQ 0(BP), BP. */
    private static final byte[] RESTORE_BP_AFTER_DUFF = {0x48, (byte) 0x8b, 0x6d, 0x00};

    private final Link link;
    private final Symbol fn;
    private final EncodingTables tables;
    private final Function<Prog, BranchMarks> marks;
    /** The function's relocations, in emission order. */
    final List<RelocDraft> relocs = new ArrayList<>();

    private final byte[] buf = new byte[100];
    private int len;
    private int rexBits;
    /** Set once a VEX prefix is written: REX bits then live in the prefix and no REX byte is added. */
    private boolean vex;
    /** The EVEX form being written, or null: it also decides disp8 compression. */
    private EvexForm evex;
    private Prog p;

    InstructionAssembler(Link link, Symbol fn, EncodingTables tables, Function<Prog, BranchMarks> marks) {
        this.link = link;
        this.fn = fn;
        this.tables = tables;
        this.marks = marks;
    }

    int length() {
        return len;
    }

    byte[] bytes() {
        return java.util.Arrays.copyOf(buf, len);
    }

    /** Encodes {@code prog} (whose pc is set); the result is {@link #bytes()}. */
    void assemble(Prog prog) {
        p = prog;
        len = 0;
        rexBits = 0;
        vex = false;
        evex = null;
        encode();
        boolean rexByte = rexBits != 0 && !vex && evex == null;
        if (rexByte) {
            // REX goes after the legacy prefixes (66, f2, f3, segment, 67) and before any 0f escape.
            int at = 0;
            while (at < len && isLegacyPrefix(buf[at] & 0xff)) {
                at++;
            }
            System.arraycopy(buf, at, buf, at + 1, len - at);
            buf[at] = (byte) (REX | rexBits);
            len++;
        }
        for (int i = relocs.size() - 1; i >= 0; i--) {
            RelocDraft r = relocs.get(i);
            if (r.offset < p.pc) {
                break;
            }
            if (rexByte) {
                r.offset++;
            }
            if (r.type == RelocType.PCREL) {
                // The linker resolves relative to the end of the field; the CPU to the end of
                // the instruction, which is later when an immediate follows.
                r.add -= p.pc + len - (r.offset + r.size);
            }
        }
    }

    private static boolean isLegacyPrefix(int b) {
        return b == 0xf2 || b == 0xf3 || (b >= 0x64 && b <= 0x67) || b == 0x2e || b == 0x3e || b == 0x26;
    }

    // ---- instruction selection ----

    private void encode() {
        OpEntry o = tables.lookup(p.op.mnemonic());
        if (o == null) {
            diag("asmins: missing op " + OperandFormat.withPosition(p));
            return;
        }
        putPrefix(segmentPrefix(p.from));
        putPrefix(segmentPrefix(p.to));
        if (!gatherOperandsValid()) {
            return;
        }

        OperandClass ft = classify(p.from);
        OperandClass tt = classify(p.to);
        List<OperandClass> args = new ArrayList<>(FormRow.MAX_ARGS);
        if (ft != OperandClass.NONE) {
            args.add(ft);
        }
        for (Addr a : p.restArgs) {
            args.add(classify(a));
        }
        if (tt != OperandClass.NONE) {
            args.add(tt);
        }

        // A leading 0f escape is shared by all rows, so every skipped row also skips one escape byte.
        int escape = o.at(0) == 0x0f ? 1 : 0;
        int z = 0;
        for (FormRow row : o.rows()) {
            if (!row.matches(args)) {
                z += row.step() + escape;
                continue;
            }
            if (p.suffix != 0 && !row.emit().isEvex()) {
                // Suffixes (.Z, .BCST, rounding) ask for an EVEX form: keep looking past VEX rows.
                z += row.step();
                continue;
            }
            if (o.prefix() == PrefixRule.X1 && z == 0) {
                z += row.step() + escape;
                continue;
            }
            putTablePrefix(o.prefix(), z);
            int op = o.at(z);
            if (op == 0x0f) {
                put(op);
                z++;
                op = o.at(z);
            }
            emit(o, row, z, op);
            return;
        }
        if (special(ft, tt)) {
            return;
        }
        invalid();
    }

    private void invalid() {
        String message = "invalid instruction: " + OperandFormat.withPosition(p);
        diag(switch (rules().invalidInstruction()) {
            case INSTRUCTION_ONLY -> message;
            case NAMING_FUNCTION -> fn.name() + ": " + message;
        });
    }

    private EncoderRules rules() {
        return link.release().encoderRules();
    }

    private OperandClass classify(Addr a) {
        return OperandClassifier.classify(a, os(), this::diag);
    }

    private void putTablePrefix(PrefixRule rule, int z) {
        switch (rule) {
            case Q -> put(0x66, 0x0f);
            case Q3 -> {
                rexBits |= REX_W;
                put(0x66, 0x0f);
            }
            case Q4 -> put(0x66, 0x0f, 0x38);
            case Q4W -> {
                rexBits |= REX_W;
                put(0x66, 0x0f, 0x38);
            }
            case Q5 -> put(0xf3, 0x0f, 0x38);
            case Q5W -> {
                rexBits |= REX_W;
                put(0xf3, 0x0f, 0x38);
            }
            case F2 -> put(0xf2, 0x0f);
            case F3 -> put(0xf3, 0x0f);
            case EF3 -> put(0x66, 0xf3, 0x0f);
            case FW -> {
                rexBits |= REX_W;
                put(0xf3, 0x0f);
            }
            case M -> put(0x0f);
            case E -> put(0x66);
            case W -> rexBits |= REX_W;
            case W8 -> {
                if (z >= 8) {
                    rexBits |= REX_W;
                }
            }
            case B -> {
                // Byte instructions name full registers for their low bytes: MOVB AX, BX is MOVB AL, BL.
                p.from = byteRegister(p.from);
                p.to = byteRegister(p.to);
            }
            case ONLY32 -> diag("asmins: illegal in 64-bit mode: " + OperandFormat.withPosition(p));
            case X, X1, Y, Y1, Y3, AVX -> {
            }
        }
    }

    private static Addr byteRegister(Addr a) {
        Reg r = OperandClassifier.asReg(a.reg());
        if (a.type() == AddrType.REG && a.index() == null && r != null && r.regClass() == RegClass.GP) {
            return a.withReg(lowByteOf(r));
        }
        return a;
    }

    private static Reg lowByteOf(Reg r) {
        for (Reg b : Reg.values()) {
            if (b.regClass() == RegClass.GP8 && b.number() == r.number()) {
                return b;
            }
        }
        throw new IllegalArgumentException(r.name());
    }

    // ---- emission per scheme ----

    private void emit(OpEntry o, FormRow row, int z, int op) {
        if (row.emit().layout() != null) {
            vexForm(o, row.emit().layout(), z);
            return;
        }
        switch (row.emit()) {
            case PSEUDO -> {
            }
            case LITERAL -> putLiteral(o, z);
            case LITERAL_REG_RM -> {
                putLiteral(o, z);
                modRm(p.to, p.from);
            }
            case LITERAL_RM_REG -> {
                putLiteral(o, z);
                modRm(p.from, p.to);
            }
            case LITERAL_FROM3_REG -> {
                putLiteral(o, z);
                modRm(from3(), p.to);
            }
            case RMBYTE_REG -> {
                p.from = byteRegister(p.from);
                put(op);
                modRm(p.from, p.to);
            }
            case RM_REG -> {
                put(op);
                modRm(p.from, p.to);
            }
            case FROM3_REG -> {
                put(op);
                modRm(from3(), p.to);
            }
            case REG_RM -> {
                put(op);
                modRm(p.to, p.from);
            }
            case RM_REG_2BYTE -> {
                put(op, o.at(z + 1));
                modRm(p.from, p.to);
            }
            case MEDIA_RM_REG -> {
                mediaOp(o, op, row.step(), z);
                modRm(p.from, p.to);
            }
            case MEDIA_RM_REG_NOREX -> {
                rexBits = 0;
                mediaOp(o, op, row.step(), z);
                modRm(p.from, p.to);
            }
            case MEDIA_REG_RM -> {
                mediaOp(o, op, row.step(), z);
                modRm(p.to, p.from);
            }
            case MEDIA_REG_RM_NOREX -> {
                rexBits = 0;
                mediaOp(o, op, row.step(), z);
                modRm(p.to, p.from);
            }
            case MEDIA_RM_REG_IMM8 -> {
                mediaOp(o, op, row.step(), z);
                modRm(p.from, from3());
                put((int) p.to.offset());
            }
            case MEDIA_IMM8_TO_DIGIT -> {
                int zz = mediaOp(o, op, row.step(), z);
                modRmDigit(p.to, o.at(zz + 1));
                put((int) value(p.from));
            }
            case IMM_RM_REG, IMM_REG_RM -> {
                putLiteral(o, z);
                if (row.emit() == Emit.IMM_REG_RM) {
                    modRm(p.to, from3());
                } else {
                    modRm(from3(), p.to);
                }
                if (row.arg(0) == OperandClass.I32 && o.prefix() == PrefixRule.E) {
                    putInt16(p.from.offset());
                } else if (row.arg(0) == OperandClass.I32) {
                    putInt32(p.from.offset());
                } else {
                    put((int) p.from.offset());
                }
            }
            case LEA_ADDR -> {
                put(0x8d);
                if (p.from.type() != AddrType.ADDR) {
                    diag("asmins: Zaut sb type ADDR");
                }
                modRm(p.from.withType(AddrType.MEM), p.to);
            }
            case FROM_DIGIT -> {
                put(op);
                modRmDigit(p.from, o.at(z + 1));
            }
            case TO_DIGIT -> {
                put(op);
                modRmDigit(p.to, o.at(z + 1));
            }
            case CALL_REGISTER -> {
                // Marks an indirect call site for the linker; covers no bytes.
                relocs.add(new RelocDraft((int) p.pc, 0, RelocType.CALLIND, null, 0));
                put(op);
                modRmDigit(p.to, o.at(z + 1));
            }
            case TO_DIGIT64 -> {
                put(op);
                modRmDigit(p.to, o.at(z + 1));
            }
            case FROM_DIGIT_IMM8 -> {
                put(op);
                modRmDigit(p.from, o.at(z + 1));
                put((int) value(p.to));
            }
            case IMM8_TO_DIGIT -> {
                put(op);
                modRmDigit(p.to, o.at(z + 1));
                put((int) value(p.from));
            }
            case IMM8, IMM8_TO -> {
                Addr a = row.emit() == Emit.IMM8 ? p.from : p.to;
                put(op);
                if (p.op == Op.XABORT) {
                    put(o.at(z + 1));
                }
                put((int) value(a));
            }
            case IMM8_PLUS_REG -> {
                rexBits |= rex(reg(p.to)) & (REX_B | REX);
                put(op + low3(reg(p.to)), (int) value(p.from));
            }
            case IMM32_PLUS_REG -> {
                rexBits |= rex(reg(p.to)) & REX_B;
                put(op + low3(reg(p.to)));
                putImmediate32(o, p.from);
            }
            case IMM16 -> {
                put(op);
                if (p.from.type() != AddrType.NONE) {
                    putInt16(value(p.from));
                }
            }
            case IMM64_PLUS_REG -> moveImmediate64(op);
            case IMM8_TO_SELF -> {
                put(op);
                modRm(p.to, p.to);
                put((int) value(p.from));
            }
            case IMM32_TO_SELF -> {
                put(op);
                modRm(p.to, p.to);
                putImmediate32(o, p.from);
            }
            case IMM32, IMM32_TO -> {
                put(op);
                putImmediate32(o, row.emit() == Emit.IMM32 ? p.from : p.to);
            }
            case FROM_DIGIT_IMM32 -> {
                put(op);
                modRmDigit(p.from, o.at(z + 1));
                putImmediate32(o, p.to);
            }
            case IMM32_TO_DIGIT -> {
                put(op);
                modRmDigit(p.to, o.at(z + 1));
                putImmediate32(o, p.from);
            }
            case PLUS_REG_TO -> {
                rexBits |= rex(reg(p.to)) & (REX_B | REX);
                put(op + low3(reg(p.to)));
            }
            case PLUS_REG_FROM -> {
                rexBits |= rex(reg(p.from)) & (REX_B | REX);
                put(op + low3(reg(p.from)));
            }
            case CALL_ABSOLUTE, JUMP_ABSOLUTE -> {
                put(row.emit() == Emit.CALL_ABSOLUTE ? op : o.at(z + 1));
                relocs.add(new RelocDraft((int) p.pc + len, 4, RelocType.PCREL, null, p.to.offset()));
                putInt32(0);
            }
            case CALL_INDIRECT -> {
                put(op, o.at(z + 1));
                relocs.add(new RelocDraft((int) p.pc + len, 4, RelocType.PCREL, p.to.sym(), p.to.offset()));
                putInt32(0);
            }
            case CALL_SYMBOL, CALL_DUFF -> callSymbol(row.emit() == Emit.CALL_DUFF, op);
            case BRANCH_COND, JUMP, LOOP -> branch(o, row.emit(), z, op);
            case DATA -> data(op);
        }
    }

    // ---- VEX and EVEX ----

    /** A VEX/EVEX row: prefix and opcode from the table at {@code z}, then ModRM and the imm8. */
    private void vexForm(OpEntry o, VexLayout layout, int z) {
        Addr rm = slot(layout.rm());
        Addr v = slot(layout.v());
        Addr r = slot(layout.r());
        int extension;
        if (layout.evex()) {
            evex = new EvexForm(o.at(z), o.at(z + 1), o.at(z + 2));
            putEvex(rm, v, r, slot(layout.k()));
            extension = o.at(z + 3);
        } else {
            putVex(rm, v, r, o.at(z), o.at(z + 1));
            extension = o.at(z + 2);
        }
        switch (layout.modRmReg()) {
            case R -> modRm(rm, r);
            case DIGIT -> modRmDigit(rm, extension);
            case NO_MODRM -> {
            }
        }
        switch (layout.imm()) {
            case NONE -> {
            }
            case FROM -> put((int) p.from.offset());
            case FROM_REGISTER_HIGH -> put(registerIndex(p.from.reg()) << 4);
        }
    }

    /** The operand in a layout slot; null where the layout or the instruction has none. */
    private Addr slot(VexLayout.Slot s) {
        return switch (s) {
            case NONE -> null;
            case FROM -> p.from;
            case MID0 -> p.restArgs.isEmpty() ? null : p.restArgs.get(0);
            case MID1 -> p.restArgs.size() < 2 ? null : p.restArgs.get(1);
            case MID2 -> p.restArgs.size() < 3 ? null : p.restArgs.get(2);
            case TO -> p.to;
        };
    }

    /** All five bits of a register's number (low three, REX bit, EVEX bit); -1 for no register. */
    private static int registerIndex(goasm.obj.Register register) {
        Reg r = OperandClassifier.asReg(register);
        return r == null ? -1 : r.number() & 31;
    }

    /** VEX.vvvv before inversion: the low four bits of the register (all ones for no register). */
    private static int vvvv(Addr v) {
        if (v == null) {
            return 0;
        }
        Reg r = reg(v);
        if (r == null) {
            return 0xf;
        }
        return (low3(r) | (rex(r) & REX_R) << 1) & 0xf;
    }

    /** The two- or three-byte VEX prefix and the opcode; {@code form} is the table's VEX byte. */
    private void putVex(Addr rm, Addr v, Addr r, int form, int opcode) {
        vex = true;
        int rexR = r == null ? 0 : rex(reg(r)) & REX_R;
        int rexB = rm == null ? 0 : rex(reg(rm)) & REX_B;
        int rexX = rm == null ? 0 : rex(OperandClassifier.asReg(rm.index())) & REX_X;
        int map = (form >> 3) & 7;
        int wLengthPp = form & 0x87;
        int vBits = vvvv(v) ^ 0xf;
        if (map == 1 && (rexX | rexB) == 0 && (form & 0x80) == 0) {
            // The short form: only R, vvvv, L and pp; implies the 0f map and W0.
            put(0xc5, (rexR << 5) ^ 0x80 | vBits << 3 | wLengthPp);
        } else {
            put(0xc4, ((rexR | rexX | rexB) << 5) ^ 0xe0 | map, vBits << 3 | wLengthPp);
        }
        put(opcode);
    }

    /** The four-byte EVEX prefix and the opcode of {@link #evex}, checking the suffix against the form. */
    private void putEvex(Addr rm, Addr v, Addr r, Addr k) {
        EvexForm form = evex;
        Reg rReg = r == null ? null : reg(r);
        Reg rmIndex = rm == null ? null : OperandClassifier.asReg(rm.index());
        // Register-number bits are stored inverted.
        int notR = (rex(rReg) & REX_R) != 0 ? 0 : 1;
        int notR2 = (rex(rReg) & RegisterBits.REX_EVEX_R) != 0 ? 0 : 1;
        int notX = 1;
        int notB = 1;
        if (rm != null) {
            // A register operand's fifth bit travels in X; a memory operand's X extends the index.
            if (rm.index() == null && (rex(reg(rm)) & RegisterBits.REX_EVEX_R) != 0) {
                notX = 0;
            } else if ((rex(rmIndex) & REX_X) != 0) {
                notX = 0;
            }
            if ((rex(reg(rm)) & REX_B) != 0) {
                notB = 0;
            }
        }
        int p0 = notR << 7 | notX << 6 | notB << 5 | notR2 << 4 | form.map();
        int p1 = form.w() << 7 | (vvvv(v) ^ 0xf) << 3 | 1 << 2 | form.pp();

        EvexSuffix suffix = EvexSuffix.of(p.suffix);
        boolean memory = rm != null && rm.type() == AddrType.MEM;
        int zeroing = 0;
        int lengthOrRounding = form.length();
        int b = 0;
        if (suffix.zeroing()) {
            if (!form.zeroingAllowed()) {
                diag("unsupported zeroing: " + OperandFormat.withPosition(p));
            }
            if (k == null && rules().checks(OperandCheck.ZEROING_NEEDS_MASK)) {
                // Zeroing with no opmask named would clear every element (Go issue 57952).
                diag("mask register must be specified for .Z instructions: " + OperandFormat.withPosition(p));
            }
            zeroing = 1;
        }
        if (suffix.rounding() != EvexSuffix.NO_ROUNDING) {
            if (memory) {
                diag("illegal rounding with memory argument: " + OperandFormat.withPosition(p));
            } else if (!form.roundingAllowed()) {
                diag("unsupported rounding: " + OperandFormat.withPosition(p));
            }
            b = 1;
            lengthOrRounding = suffix.rounding();
        } else if (suffix.broadcast()) {
            if (!memory) {
                diag("illegal broadcast without memory argument: " + OperandFormat.withPosition(p));
            } else if (!form.broadcastAllowed()) {
                diag("unsupported broadcast: " + OperandFormat.withPosition(p));
            }
            b = 1;
        } else if (suffix.sae()) {
            if (memory) {
                diag("illegal SAE with memory argument: " + OperandFormat.withPosition(p));
            } else if (!form.saeAllowed()) {
                diag("unsupported SAE: " + OperandFormat.withPosition(p));
            }
            b = 1;
        }
        // V' extends vvvv, or a VSIB index register.
        int notV2 = 1;
        if ((rex(rmIndex) & RegisterBits.REX_EVEX_R) != 0) {
            notV2 = 0;
        } else if (v != null && (rex(reg(v)) & RegisterBits.REX_EVEX_R) != 0) {
            notV2 = 0;
        }
        int mask = k == null ? 0 : low3(reg(k));
        int p2 = zeroing << 7 | lengthOrRounding << 5 | b << 4 | notV2 << 3 | mask;
        put(0x62, p0, p1, p2);
        put(form.opcode());
    }

    /**
     * Whether an 8-bit displacement can encode {@code v}; EVEX forms scale it by the operand
     * (or broadcast element) size.
     */
    private boolean fitsDisp8(int v) {
        if (evex == null) {
            return v >= -128 && v < 128;
        }
        int scale = evex.dispScale(EvexSuffix.of(p.suffix).broadcast());
        return v % scale == 0 && v / scale >= -128 && v / scale <= 127;
    }

    private int disp8(int v) {
        return evex == null ? v : v / evex.dispScale(EvexSuffix.of(p.suffix).broadcast());
    }

    /**
     * Vector gathers fault (#UD) when their registers overlap; Go refuses to assemble them.
     * The AVX-512 forms have an opmask as the middle operand.
     */
    private boolean gatherOperandsValid() {
        Op op = p.op instanceof Op o ? o : null;
        if (op == null || !isGather(op)) {
            return true;
        }
        if (p.restArgs.isEmpty()) {
            if (rules().checks(OperandCheck.GATHER_NEEDS_THIRD_OPERAND)) {
                diag("need a third arg for gather instruction: " + OperandFormat.withPosition(p));
                return false;
            }
            return true;
        }
        Reg middle = reg(p.restArgs.get(0));
        int dest = registerIndex(p.to.reg());
        if (middle != null && middle.regClass() == RegClass.MASK) {
            if (dest == registerIndex(p.from.index())) {
                diag("index and destination registers should be distinct: " + OperandFormat.withPosition(p));
                return false;
            }
            return true;
        }
        int index = registerIndex(p.restArgs.get(0).index());
        int mask = registerIndex(p.from.reg());
        if (dest == mask || dest == index || mask == index) {
            diag("mask, index, and destination registers should be distinct: " + OperandFormat.withPosition(p));
            return false;
        }
        return true;
    }

    private static boolean isGather(Op op) {
        return switch (op) {
            case VGATHERDPD, VGATHERQPD, VGATHERDPS, VGATHERQPS, VPGATHERDD, VPGATHERQD, VPGATHERDQ, VPGATHERQQ -> true;
            default -> false;
        };
    }

    private void putLiteral(OpEntry o, int z) {
        for (int i = z; o.at(i) != 0; i++) {
            put(o.at(i));
        }
    }

    /** The SSE-style escape: table bytes 66/f2/f3/0f before the opcode become prefix and 0f. */
    private int mediaOp(OpEntry o, int op, int rowStep, int z) {
        boolean prefixByte = op == 0x0f || op == 0x66 || op == 0xf2 || op == 0xf3;
        if (prefixByte && rowStep != 1) {
            if (op != 0x0f) {
                put(op);
            }
            put(0x0f);
            z++;
            op = o.at(z);
        } else if (len == 0 || (buf[len - 1] & 0xff) != 0x0f) {
            put(0x0f);
        }
        put(op);
        return z;
    }

    private void putImmediate32(OpEntry o, Addr a) {
        if (o.prefix() == PrefixRule.E) {
            putInt16(value(a));
        } else {
            putRelocatable32(a);
        }
    }

    private void moveImmediate64(int op) {
        RelocDraft[] rel = new RelocDraft[1];
        long v = valueWithReloc(p.from, rel);
        long high = v >> 32;
        Reg to = reg(p.to);
        if (high == 0) {
            // Zero-extending MOVL form: B8+r imm32, without REX.W.
            rexBits &= ~(REX | REX_W);
            rexBits |= rex(to) & REX_B;
            put(0xb8 + low3(to));
            addReloc(rel[0]);
            putInt32(v);
        } else if (high == -1 && (v & (1L << 31)) != 0) {
            // Sign-extending C7 /0 imm32.
            put(0xc7);
            modRmDigit(p.to, 0);
            putInt32(v);
        } else {
            rexBits |= rex(to) & REX_B;
            put(op + low3(to));
            addReloc(rel[0]);
            putInt64(v);
        }
    }

    private void callSymbol(boolean duff, int op) {
        if (p.to.sym() == null) {
            diag("call without target");
            fatal("bad code");
        }
        if (duff && link.options().dynlink()) {
            diag("directly calling duff when dynamically linking Go");
        }
        boolean keepFramePointer = duff && switch (rules().duffCall()) {
            case SAVES_FRAME_POINTER -> true;
            case PLAIN -> false;
        };
        if (keepFramePointer) {
            put(SAVE_BP_FOR_DUFF);
        }
        put(op);
        relocs.add(new RelocDraft((int) p.pc + len, 4, RelocType.CALL, p.to.sym(), p.to.offset()));
        putInt32(0);
        if (keepFramePointer) {
            put(RESTORE_BP_AFTER_DUFF);
        }
    }

    private void branch(OpEntry o, Emit emit, int z, int op) {
        boolean xbegin = p.op == Op.XBEGIN;
        if (xbegin) {
            put(op);
        }
        if (p.to.sym() != null) {
            if (emit != Emit.JUMP) {
                diag("branch to ATEXT");
                fatal("bad code");
            }
            put(o.at(z + 1));
            // R_CALL rather than R_PCREL: the linker may route it through a trampoline.
            relocs.add(new RelocDraft((int) p.pc + len, 4, RelocType.CALL, p.to.sym(), 0));
            putInt32(0);
            return;
        }
        Prog target = p.to.target();
        if (target == null) {
            diag("jmp/branch/loop without target");
            fatal("bad code");
        }
        BranchMarks m = marks.apply(p);
        if (m.has(BranchMarks.BACKWARDS)) {
            long v = target.pc - (p.pc + 2);
            if (v >= -128 && !xbegin) {
                if (p.op == Op.JCXZL) {
                    put(0x67);
                }
                put(op, (int) v);
            } else if (emit == Emit.LOOP) {
                diag("loop too far: " + OperandFormat.withPosition(p));
            } else {
                v -= 5 - 2;
                if (xbegin) {
                    v--;
                }
                if (emit == Emit.BRANCH_COND) {
                    put(0x0f);
                    v--;
                }
                put(o.at(z + 1));
                putInt32(v);
            }
            return;
        }
        // Forward: leave the displacement for when the target's address is known.
        BranchMarks t = marks.apply(target);
        m.nextForward = t.forwardBranches;
        t.forwardBranches = p;
        if (m.has(BranchMarks.SHORT) && !xbegin) {
            if (p.op == Op.JCXZL) {
                put(0x67);
            }
            put(op, 0);
        } else if (emit == Emit.LOOP) {
            diag("loop too far: " + OperandFormat.withPosition(p));
        } else {
            if (emit == Emit.BRANCH_COND) {
                put(0x0f);
            }
            put(o.at(z + 1));
            putInt32(0);
        }
    }

    private void data(int width) {
        RelocDraft[] rel = new RelocDraft[1];
        long v = valueWithReloc(p.from, rel);
        if (rel[0] != null) {
            rel[0].size = width;
            addReloc(rel[0]);
        }
        put((int) v);
        if (width > 1) {
            put((int) (v >> 8));
            if (width > 2) {
                putInt16(v >> 16);
                if (width > 4) {
                    putInt32(v >> 32);
                }
            }
        }
    }

    // ---- special forms ----

    private boolean special(OperandClass ft, OperandClass tt) {
        OperandClass f3t = p.restArgs.isEmpty() ? OperandClass.NONE : classify(p.restArgs.get(0));
        String mnemonic = p.op.mnemonic();
        for (SpecialForm s : tables.specials()) {
            if (!s.mnemonic().equals(mnemonic) || !s.matches(ft, f3t, tt)) {
                continue;
            }
            switch (s.kind()) {
                case LITERAL -> {
                    for (int i = 0; s.at(i) != 0; i++) {
                        put(s.at(i));
                    }
                }
                case SEG_REG_RM -> {
                    put(s.at(0));
                    modRmDigit(p.to, s.at(1));
                }
                case SEG_RM_REG -> {
                    put(s.at(0));
                    modRmDigit(p.from, s.at(1));
                }
                case SYS_REG_RM -> {
                    put(s.at(0), s.at(1));
                    modRmDigit(p.to, s.at(2));
                    rexBits |= rex(reg(p.from)) & (REX_R | REX);
                }
                case SYS_RM_REG -> {
                    put(s.at(0), s.at(1));
                    modRmDigit(p.from, s.at(2));
                    rexBits |= rex(reg(p.to)) & (REX_R | REX);
                }
                case DOUBLE_SHIFT -> {
                    if (!doubleShift(s)) {
                        invalid();
                    }
                }
                case TLS_LOAD -> loadTlsBase();
            }
            return true;
        }
        return false;
    }

    /** SHLQ $n, src, dst / SHLQ CX, src, dst: the count comes first, as Go writes it. */
    private boolean doubleShift(SpecialForm s) {
        int i = 0;
        if (s.at(0) == 0x48) {
            rexBits |= REX_W;
            i = 1;
        } else if (s.at(0) == 0x66) {
            put(0x66);
            i = 1;
        }
        Reg src = reg(from3());
        switch (p.from.type()) {
            case CONST -> {
                put(0x0f, s.at(i));
                modRmSized(p.to, low3(src), rex(src));
                put((int) p.from.offset());
                return true;
            }
            case REG -> {
                if (p.from.reg() == Reg.CL || p.from.reg() == Reg.CX) {
                    put(0x0f, s.at(i + 1));
                    modRmSized(p.to, low3(src), rex(src));
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** MOVQ TLS, reg: the load of the TLS base, in the target system's way. */
    private void loadTlsBase() {
        if (p.op != Op.MOVQ) {
            diag("invalid load of TLS: " + OperandFormat.withPosition(p));
        }
        TlsModel.BaseLoad load = os().tls().baseLoad();
        switch (load) {
            case INITIAL_EXEC -> {
                if (!link.options().shared()) {
                    fatal("unknown TLS base location for linux/freebsd without -shared");
                }
                // MOVQ g@gottpoff(%rip), reg.
                Reg to = reg(p.to);
                rexBits = REX_W | (rex(to) & REX_R);
                put(0x8b, 0x05 | (low3(to) << 3));
                relocs.add(new RelocDraft((int) p.pc + len, 4, RelocType.TLS_IE, null, -4));
                putInt32(0);
            }
            case PRIVATES -> {
                rexBits |= REX_W;
                put(0x8b);
                modRm(new Addr(AddrType.MEM, null, null, 0, AddrName.EXTERN, 0,
                        link.lookup(TlsModel.PLAN9_PRIVATES), null, null), p.to);
            }
            case FS_ZERO, GS_0X28 -> {
                // An absolute address in the segment: no base, no index.
                rexBits |= REX_W;
                put(load.segmentPrefix(), 0x8b);
                modRm(Addr.mem(null, load.displacement()), p.to);
            }
            case NONE -> fatal("unknown TLS base location for " + os().head().number());
        }
    }

    private TargetOs os() {
        return link.options().os();
    }

    /**
     * Whether off(R)(TLS*n) gets a TLS_LE relocation. Where windows reaches g through
     * runtime.tls_g and GS, R already holds g's address: the offset is used as it is.
     */
    private boolean indexTlsRelocated() {
        boolean windowsViaVariable = os() == TargetOs.WINDOWS && link.release().frame().windowsTlsViaVariable();
        return os().tls().indexReloc() && !windowsViaVariable;
    }

    // ---- operands ----

    private Addr from3() {
        return p.restArgs.isEmpty() ? Addr.NONE : p.restArgs.get(0);
    }

    private static Reg reg(Addr a) {
        return OperandClassifier.asReg(a.reg());
    }

    private int segmentPrefix(Addr a) {
        Reg base = reg(a);
        if (a.type() == AddrType.MEM && a.name() == AddrName.NONE && base != null) {
            switch (base) {
                case CS -> {
                    return 0x2e;
                }
                case DS -> {
                    return 0x3e;
                }
                case ES -> {
                    return 0x26;
                }
                case FS -> {
                    return 0x64;
                }
                case GS -> {
                    return 0x65;
                }
                case TLS -> {
                    return directTlsPrefix();
                }
                default -> {
                }
            }
        }
        Reg index = OperandClassifier.asReg(a.index());
        if (index == null) {
            return 0;
        }
        return switch (index) {
            case CS -> 0x2e;
            case DS -> 0x3e;
            case ES -> 0x26;
            // With -shared, off(CX)(TLS*1) reads %fs:off(%rcx) (not on windows); otherwise a
            // TLS_LE relocation does it.
            case TLS -> link.options().shared() && os().tls().indexPrefixShared() ? 0x64 : 0;
            case FS -> 0x64;
            case GS -> 0x65;
            default -> 0;
        };
    }

    /** The segment that a direct off(TLS) reference reads through (Go's prefixof). */
    private int directTlsPrefix() {
        TlsModel.Direct direct = os().tls().direct();
        switch (direct) {
            case FS_UNLESS_SHARED -> {
                if (link.options().shared()) {
                    fatal("unknown TLS base register for linux with -shared");
                }
            }
            case NONE -> fatal("unknown TLS base register for " + switch (link.release().systems().tlsSystemAs()) {
                case HEAD_NUMBER -> Integer.toString(os().head().number());
                case GOOS_NAME -> os().goos();
            });
            case FS, GS -> {
            }
        }
        return direct.prefix();
    }

    private void putPrefix(int prefix) {
        if (prefix != 0) {
            put(prefix);
        }
    }

    /** An immediate's value; symbols have no place in 8- and 16-bit fields. */
    private long value(Addr a) {
        return valueWithReloc(a, null);
    }

    private long valueWithReloc(Addr a, RelocDraft[] rel) {
        switch (a.name()) {
            case STATIC, GOTREF, EXTERN -> {
                if (rel == null) {
                    diag("need reloc for " + a);
                    fatal("reloc");
                }
                RelocType type = a.name() == AddrName.GOTREF ? RelocType.GOTPCREL
                        : os().usesAbsoluteAddress(a.sym()) ? RelocType.ADDR : RelocType.PCREL;
                rel[0] = new RelocDraft(-1, 4, type, a.sym(), a.offset());
                return 0;
            }
            default -> {
            }
        }
        if ((a.type() == AddrType.MEM || a.type() == AddrType.ADDR) && a.reg() == Reg.TLS) {
            if (rel == null) {
                diag("need reloc for " + a);
                fatal("reloc");
            }
            if (!link.options().shared() || os().tls().directRelocShared()) {
                rel[0] = new RelocDraft(-1, 4, RelocType.TLS_LE, null, a.offset());
            }
            return 0;
        }
        return a.offset();
    }

    private void putRelocatable32(Addr a) {
        RelocDraft[] rel = new RelocDraft[1];
        long v = valueWithReloc(a, rel);
        addReloc(rel[0]);
        putInt32(v);
    }

    private void addReloc(RelocDraft r) {
        if (r != null) {
            r.offset = (int) p.pc + len;
            relocs.add(r);
        }
    }

    /** ModRM with a register operand in the reg field. */
    private void modRm(Addr rm, Addr regOperand) {
        Reg r = reg(regOperand);
        modRmSized(rm, low3(r), rex(r));
    }

    /** ModRM with an opcode extension in the reg field. */
    private void modRmDigit(Addr rm, int digit) {
        modRmSized(rm, digit, 0);
    }

    /** ModRM, SIB and displacement for {@code a}, with {@code r} in ModRM.reg. */
    private void modRmSized(Addr a, int r, int rexOfReg) {
        int rexR = rexOfReg & (REX | REX_R);
        if (a.offset() != (int) a.offset() && p.op != Op.LEAL) {
            // Only LEAL may wrap its displacement (crypto code relies on it).
            diag("offset too large in " + OperandFormat.withPosition(p));
        }
        int v = (int) a.offset();
        switch (a.type()) {
            case ADDR -> {
                if (a.name() == AddrName.NONE) {
                    diag("unexpected TYPE_ADDR with NAME_NONE");
                }
                if (a.index() == Reg.TLS) {
                    diag("unexpected TYPE_ADDR with index==REG_TLS");
                }
                badAddress(a);
                return;
            }
            case REG -> {
                Reg rr = reg(a);
                if (rr == null || !RegisterBits.isModRmRegister(rr) || v != 0) {
                    badAddress(a);
                    return;
                }
                put(3 << 6 | low3(rr) | r << 3);
                rexBits |= rex(rr) & (REX | REX_B) | rexR;
                return;
            }
            case MEM -> {
            }
            default -> {
                badAddress(a);
                return;
            }
        }
        Reg base = reg(a);
        Reg index = OperandClassifier.asReg(a.index());
        if (index != null && index.regClass() == RegClass.SEGMENT
                && rules().segmentIndex() == EncoderRules.SegmentIndex.PREFIX_ONLY) {
            // The segment register only picked the override prefix.
            index = null;
        }
        RelocDraft[] rel = new RelocDraft[1];
        if (index != null && index != Reg.TLS) {
            switch (a.name()) {
                case EXTERN, GOTREF, STATIC -> {
                    // RIP-relative addressing has no index form.
                    badAddress(a);
                    return;
                }
                case AUTO, PARAM -> base = Reg.SP;
                case NONE -> {
                }
            }
            rexBits |= rex(index) & REX_X | rex(base) & REX_B | rexR;
            if (base == null) {
                put(4 | r << 3);
                sib(a.scale(), index, null);
                putDisplacement32(v, rel[0]);
                return;
            }
            if (v == 0 && base != Reg.BP && base != Reg.R13) {
                put(4 | r << 3);
                sib(a.scale(), index, base);
                return;
            }
            if (fitsDisp8(v)) {
                put(1 << 6 | 4 | r << 3);
                sib(a.scale(), index, base);
                put(disp8(v));
                return;
            }
            put(2 << 6 | 4 | r << 3);
            sib(a.scale(), index, base);
            putDisplacement32(v, rel[0]);
            return;
        }

        switch (a.name()) {
            case STATIC, GOTREF, EXTERN -> {
                if (a.sym() == null) {
                    diag("bad addr: " + OperandFormat.withPosition(p));
                }
                base = null;
                v = (int) valueWithReloc(a, rel);
            }
            case AUTO, PARAM -> base = Reg.SP;
            case NONE -> {
            }
        }
        if (base == Reg.TLS) {
            v = (int) valueWithReloc(a, rel);
        }
        rexBits |= rex(base) & REX_B | rexR;
        if (base == null || base.regClass() == RegClass.SEGMENT || base == Reg.TLS) {
            boolean global = a.name() == AddrName.STATIC || a.name() == AddrName.EXTERN
                    || a.name() == AddrName.GOTREF;
            if (base == null && global && !os().usesAbsoluteAddress(a.sym())) {
                if (a.name() == AddrName.GOTREF && (a.offset() != 0 || a.index() != null || a.scale() != 0)) {
                    diag(OperandFormat.withPosition(p) + " has offset against gotref");
                }
                put(5 | r << 3); // RIP-relative
                putDisplacement32(v, rel[0]);
                return;
            }
            put(4 | r << 3, 0x25); // SIB with no base and no index: absolute disp32
            putDisplacement32(v, rel[0]);
            return;
        }
        if (base == Reg.SP || base == Reg.R12) {
            // These bases need a SIB byte.
            if (v == 0) {
                put(low3(base) | r << 3);
                sib(a.scale(), null, base);
                return;
            }
            if (fitsDisp8(v)) {
                put(1 << 6 | low3(base) | r << 3);
                sib(a.scale(), null, base);
                put(disp8(v));
                return;
            }
            put(2 << 6 | low3(base) | r << 3);
            sib(a.scale(), null, base);
            putDisplacement32(v, rel[0]);
            return;
        }
        if (base.regClass() == RegClass.GP) {
            if (index == Reg.TLS && !link.options().shared() && indexTlsRelocated()) {
                rel[0] = new RelocDraft(-1, 4, RelocType.TLS_LE, null, v);
                v = 0;
            }
            // BP and R13 as bases always carry a displacement (mod=00 means RIP/disp32 there).
            if (v == 0 && rel[0] == null && base != Reg.BP && base != Reg.R13) {
                put(low3(base) | r << 3);
                return;
            }
            if (fitsDisp8(v) && rel[0] == null) {
                put(1 << 6 | low3(base) | r << 3, disp8(v));
                return;
            }
            put(2 << 6 | low3(base) | r << 3);
            putDisplacement32(v, rel[0]);
            return;
        }
        badAddress(a);
    }

    private void putDisplacement32(int v, RelocDraft rel) {
        addReloc(rel);
        putInt32(v);
    }

    private void badAddress(Addr a) {
        diag("asmand: bad address " + a);
    }

    private void sib(int scale, Reg index, Reg base) {
        int i;
        if (index == null) {
            i = 4 << 3;
        } else {
            boolean indexOk = switch (index.regClass()) {
                case GP -> index != Reg.SP;
                case XMM, YMM, ZMM -> true;
                default -> false;
            };
            int scaleBits = switch (scale) {
                case 1 -> 0;
                case 2 -> 1;
                case 4 -> 2;
                case 8 -> 3;
                default -> -1;
            };
            if (!indexOk || scaleBits < 0) {
                badSib(scale, index, base);
                return;
            }
            i = low3(index) << 3 | scaleBits << 6;
        }
        if (base == null) {
            i |= 5;
        } else if (base.regClass() == RegClass.GP) {
            i |= low3(base);
        } else {
            badSib(scale, index, base);
            return;
        }
        put(i);
    }

    private void badSib(int scale, Reg index, Reg base) {
        diag("asmidx: bad address " + scale + "/" + quote(index) + "/" + quote(base));
        put(0);
    }

    private String quote(Reg r) {
        return switch (rules().badSibRegisters()) {
            case GO_NUMBER -> Integer.toString(r == null ? 0 : r.goNumber());
            case NAME -> r == null ? "NONE" : r.spelling();
        };
    }

    // ---- bytes ----

    private void put(int... bytes) {
        for (int b : bytes) {
            buf[len++] = (byte) b;
        }
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void putInt16(long v) {
        put((int) v, (int) (v >> 8));
    }

    private void putInt32(long v) {
        put((int) v, (int) (v >> 8), (int) (v >> 16), (int) (v >> 24));
    }

    private void putInt64(long v) {
        putInt32(v);
        putInt32(v >> 32);
    }

    // ---- diagnostics ----

    private void diag(String message) {
        link.diagnostics().passError(message);
    }

    private void fatal(String message) {
        throw link.diagnostics().fatal(message);
    }
}
