package goasm.emit.goobj;

import goasm.obj.Abi;
import goasm.obj.Prog;
import goasm.obj.Reloc;
import goasm.obj.RelocType;
import goasm.obj.SymKind;
import goasm.obj.Symbol;
import goasm.release.ObjectFormat;

/**
 * The two DWARF symbols Go's assembler attaches to each function: its subprogram entry
 * (SDWARFFCN) and its line-number program (SDWARFLINES). Addresses are 8-byte R_ADDR
 * relocations to the function, except the entry's low pc in DWARF 5, a 4-byte index into
 * .debug_addr (its size then follows as a number).
 */
final class DwarfFunction {
    // Line program opcodes (DWARF 4, section 6.2.5).
    private static final int LNS_ADVANCE_PC = 2;
    private static final int LNS_ADVANCE_LINE = 3;
    private static final int LNS_SET_FILE = 4;
    private static final int LNS_CONST_ADD_PC = 8;
    private static final int LNS_FIXED_ADVANCE_PC = 9;
    private static final int LNS_SET_PROLOGUE_END = 10;
    private static final int LNE_END_SEQUENCE = 1;
    private static final int LNE_SET_ADDRESS = 2;
    // Go's line program parameters: special opcodes cover line steps -4..5 and pc steps 0..24.
    private static final int LINE_BASE = -4;
    private static final int LINE_RANGE = 10;
    private static final int OPCODE_BASE = 11;
    private static final int PC_RANGE = (255 - OPCODE_BASE) / LINE_RANGE;
    // Go's abbreviation codes for a plain function and a wrapper.
    private static final int ABBREV_FUNCTION = 3;
    private static final int ABBREV_WRAPPER = 4;
    private static final int OP_CALL_FRAME_CFA = 0x9c;
    private static final int PTR_SIZE = 8;
    /** Go sizes .debug_addr indices for an assembler's unknown function count: 4 bytes. */
    private static final int ADDRESS_INDEX_SIZE = 4;

    private DwarfFunction() {
    }

    /**
     * How the release writes function debug info.
     *
     * @param dwarf    the release's facts
     * @param version5 whether DWARF 5 forms are used (the dwarf5 experiment is on)
     */
    record Forms(ObjectFormat.Dwarf dwarf, boolean version5) {
    }

    /** A debug symbol in progress: bytes and relocations. */
    private static final class Builder {
        final ByteSink bytes = new ByteSink();
        final Symbol sym;

        Builder(SymKind kind) {
            sym = new Symbol("", Abi.ABI0);
            sym.kind = kind;
        }

        void address(Symbol target, long add) {
            sym.relocs.add(new Reloc(bytes.length(), PTR_SIZE, RelocType.ADDR, target, add));
            bytes.u64(0);
        }

        void addressIndex(Symbol target) {
            sym.relocs.add(new Reloc(bytes.length(), ADDRESS_INDEX_SIZE, RelocType.DWTXTADDR_U4, target, 0));
            bytes.u32(0);
        }

        Symbol done() {
            sym.data = bytes.toByteArray();
            sym.size = sym.data.length;
            return sym;
        }
    }

    /**
     * The subprogram entry: name (with the package path in place of ""), low and high pc, frame
     * base, then the declaring file, (from 1.21) line, and external flag (a wrapper has only its
     * wrapper flag).
     */
    static Symbol info(Symbol fn, String qualifiedName, int fileNumber, Forms forms) {
        Builder b = new Builder(SymKind.SDWARFFCN);
        boolean wrapper = fn.has(Symbol.Attr.WRAPPER) && forms.dwarf().wrapperEntries();
        b.bytes.uleb128(wrapper ? ABBREV_WRAPPER : ABBREV_FUNCTION);
        b.bytes.string(qualifiedName);
        b.bytes.u8(0);
        if (forms.version5()) {
            b.addressIndex(fn);
            b.bytes.uleb128(fn.size);
        } else {
            b.address(fn, 0);
            b.address(fn, fn.size);
        }
        b.bytes.u8(1);
        b.bytes.u8(OP_CALL_FRAME_CFA);
        if (wrapper) {
            b.bytes.u8(1);
        } else {
            b.bytes.u32(fileNumber + 1);
            if (forms.dwarf().declLine()) {
                b.bytes.uleb128(GoObject.startLine(fn));
            }
            b.bytes.u8(fn.has(Symbol.Attr.STATIC) ? 0 : 1);
        }
        b.bytes.uleb128(0);
        return b.done();
    }

    /**
     * The line program: the function's address (not in Go 1.15), then a row wherever the file or line changes
     * (instructions that share their pc with the next one are skipped), then the end.
     */
    static Symbol lines(Symbol fn, FileTable files, Forms forms) {
        Builder b = new Builder(SymKind.SDWARFLINES);
        ByteSink out = b.bytes;
        if (forms.dwarf().linesStartAddress()) {
            out.u8(0);
            out.uleb128(1 + PTR_SIZE);
            out.u8(LNE_SET_ADDRESS);
            b.address(fn, 0);
        }

        long line = 1;
        long pc = fn.func.text.pc;
        long lastPc = 0;
        String file = switch (forms.dwarf().lineProgramFile()) {
            case NONE -> "";
            case FIRST -> files.symbols().isEmpty() ? "" : files.symbols().get(0);
        };
        boolean prologue = false;
        boolean wrotePrologue = false;
        for (Prog p = fn.func.text; p != null; p = p.link) {
            prologue |= p.prologueEnd;
            if (p.pos == null || p.pos.line() == 0 || (p.link != null && p.link.pc == p.pc)) {
                continue;
            }
            String newFile = files.fileSymbol(p.pos);
            long newLine = p.pos.line();
            boolean wrote = false;
            if (!file.equals(newFile)) {
                out.u8(LNS_SET_FILE);
                out.uleb128(files.index(newFile) + 1);
                file = newFile;
                wrote = true;
            }
            if (prologue && !wrotePrologue) {
                out.u8(LNS_SET_PROLOGUE_END);
                wrotePrologue = true;
                wrote = true;
            }
            if (line != newLine || wrote) {
                lastPc = p.pc;
                advance(out, p.pc - pc, newLine - line);
                line = newLine;
                pc = p.pc;
            }
        }
        out.u8(LNS_ADVANCE_PC);
        out.uleb128(fn.size - (lastPc - fn.func.text.pc));
        out.u8(0);
        out.uleb128(1);
        out.u8(LNE_END_SEQUENCE);
        return b.done();
    }

    /**
     * One row: a special opcode for the pc and line steps, preceded by whatever explicit pc or
     * line advance the special opcode cannot cover (Go's choice of opcode, kept exactly).
     */
    private static void advance(ByteSink out, long deltaPc, long deltaLine) {
        long opcode;
        if (deltaLine < LINE_BASE) {
            opcode = OPCODE_BASE + (long) LINE_RANGE * (deltaPc >= PC_RANGE ? PC_RANGE : deltaPc);
        } else if (deltaLine < LINE_BASE + LINE_RANGE) {
            if (deltaPc >= PC_RANGE) {
                opcode = OPCODE_BASE + (deltaLine - LINE_BASE) + (long) LINE_RANGE * PC_RANGE;
                if (opcode > 255) {
                    opcode -= LINE_RANGE;
                }
            } else {
                opcode = OPCODE_BASE + (deltaLine - LINE_BASE) + LINE_RANGE * deltaPc;
            }
        } else if (Long.compareUnsigned(deltaPc, PC_RANGE) <= 0) {
            opcode = Math.min(255, OPCODE_BASE + (LINE_RANGE - 1) + LINE_RANGE * deltaPc);
        } else {
            long beyond = deltaPc - PC_RANGE;
            boolean maximal = beyond == PC_RANGE || beyond == (1L << 7) - 1 || beyond == (1L << 16) - 1
                    || beyond == (1L << 21) - 1 || beyond == (1L << 28) - 1 || beyond == (1L << 35) - 1
                    || beyond == (1L << 42) - 1 || beyond == (1L << 49) - 1 || beyond == (1L << 56) - 1
                    || beyond == Long.MAX_VALUE;
            opcode = maximal ? 255 : OPCODE_BASE + LINE_RANGE * PC_RANGE - 1;
        }
        deltaPc -= (opcode - OPCODE_BASE) / LINE_RANGE;
        deltaLine -= (opcode - OPCODE_BASE) % LINE_RANGE + LINE_BASE;
        if (deltaPc != 0) {
            if (Long.compareUnsigned(deltaPc, PC_RANGE) <= 0) {
                opcode -= LINE_RANGE * (PC_RANGE - deltaPc);
                out.u8(LNS_CONST_ADD_PC);
            } else if (deltaPc >= (1 << 14) && deltaPc < (1 << 16)) {
                out.u8(LNS_FIXED_ADVANCE_PC);
                out.u16((int) deltaPc);
            } else {
                out.u8(LNS_ADVANCE_PC);
                out.uleb128(deltaPc);
            }
        }
        if (deltaLine != 0) {
            out.u8(LNS_ADVANCE_LINE);
            out.sleb128(deltaLine);
        }
        out.u8((int) opcode);
    }
}
