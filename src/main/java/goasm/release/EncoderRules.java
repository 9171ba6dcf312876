package goasm.release;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a release's amd64 encoder behaves where releases differ: what it says about an
 * instruction no form matches, what it wraps a Duff's device call in, whether PCALIGN pads,
 * and which operand checks it makes before encoding.
 *
 * @param invalidInstruction how "invalid instruction" is worded
 * @param duffCall           what surrounds a CALL into runtime.duffzero/duffcopy
 * @param pcAlign            what PCALIGN does
 * @param checks             checks of operands made before a form is chosen
 * @param segmentIndex       what a segment register in the index position means
 * @param badSibRegisters    how "asmidx: bad address scale/index/base" quotes the registers
 * @param layoutPasses       how many times a function is laid out (branches growing) before
 *                           "span must be looping"
 * @param pcAlignMaxWording  how the message on a PCALIGNMAX amount out of range is spelled
 */
public record EncoderRules(InvalidInstruction invalidInstruction, DuffCall duffCall, PcAlign pcAlign,
                           Set<OperandCheck> checks, SegmentIndex segmentIndex, RegisterQuoting badSibRegisters,
                           int layoutPasses, PcAlignMaxWording pcAlignMaxWording) {
    public EncoderRules {
        checks = checks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(checks));
    }

    /** The wording of the diagnostic for an instruction that no form of its mnemonic accepts. */
    public enum InvalidInstruction {
        /** "invalid instruction: 00012 (f.s:3)\tMOVL\t..." */
        INSTRUCTION_ONLY,
        /** "fn: invalid instruction: 00012 (f.s:3)\tMOVL\t...", naming the function. */
        NAMING_FUNCTION
    }

    /** What the encoder puts around a call into Duff's device. */
    public enum DuffCall {
        /**
         * MOVQ BP, -16(SP); LEAQ -16(SP), BP before and MOVQ 0(BP), BP after: the device jumps
         * into the middle of a function and cannot maintain the frame pointer itself.
         */
        SAVES_FRAME_POINTER,
        /** A plain CALL (the devices keep the frame pointer themselves). */
        PLAIN
    }

    /** What PCALIGN $n does in amd64 code. */
    public enum PcAlign {
        /** Nothing encodes it: "asmins: missing op". */
        UNSUPPORTED,
        /**
         * Pads with NOPs to the next multiple of n (a power of two in [8, 2048]) and raises the
         * function's alignment to n, before the instruction is placed: it keeps the pc the
         * parser gave it, and forward branches to it are left unpatched.
         */
        PADS_UNPLACED,
        /** As {@link #PADS_UNPLACED}, the instruction placed where its padding starts. */
        PADS_UNPATCHED,
        /** Pads as above, the instruction placed and the forward branches to it patched first. */
        PADS
    }

    /** A segment register written as the index, off(AX)(FS*1). */
    public enum SegmentIndex {
        /** An invalid index: "asmidx: bad address". */
        INVALID,
        /** Only the segment override prefix; the address has no index. */
        PREFIX_ONLY
    }

    /** How a diagnostic quotes registers. */
    public enum RegisterQuoting {
        /** Go's internal register numbers (AX is 2064; no register is 0). */
        GO_NUMBER,
        /** Register names (no register is NONE). */
        NAME
    }

    /** "PCALIGNMAX 'amount' 16 must be non-negative and smaller than the alignment 16". */
    public enum PcAlignMaxWording {
        /** Go 1.23 wrote "aligment". */
        ALIGMENT,
        ALIGNMENT;

        /** The word as the release spells it. */
        public String word() {
            return switch (this) {
                case ALIGMENT -> "aligment";
                case ALIGNMENT -> "alignment";
            };
        }
    }

    /** Checks of an instruction's operands that some releases make. */
    public enum OperandCheck {
        /** A zeroing (.Z) AVX-512 instruction must name an opmask register. */
        ZEROING_NEEDS_MASK,
        /** A gather needs its third operand (the index vector or opmask). */
        GATHER_NEEDS_THIRD_OPERAND
    }

    public static EncoderRules of(GoRelease release) {
        Set<OperandCheck> since121 = EnumSet.of(OperandCheck.ZEROING_NEEDS_MASK, OperandCheck.GATHER_NEEDS_THIRD_OPERAND);
        return switch (release) {
            case GO1_15 -> new EncoderRules(InvalidInstruction.INSTRUCTION_ONLY, DuffCall.SAVES_FRAME_POINTER,
                    PcAlign.UNSUPPORTED, Set.of(), SegmentIndex.INVALID, RegisterQuoting.GO_NUMBER, 20,
                    PcAlignMaxWording.ALIGNMENT);
            case GO1_19 -> new EncoderRules(InvalidInstruction.NAMING_FUNCTION, DuffCall.SAVES_FRAME_POINTER,
                    PcAlign.UNSUPPORTED, Set.of(), SegmentIndex.INVALID, RegisterQuoting.GO_NUMBER, 1000,
                    PcAlignMaxWording.ALIGNMENT);
            case GO1_21 -> new EncoderRules(InvalidInstruction.NAMING_FUNCTION, DuffCall.SAVES_FRAME_POINTER,
                    PcAlign.UNSUPPORTED, since121, SegmentIndex.PREFIX_ONLY, RegisterQuoting.GO_NUMBER, 1000,
                    PcAlignMaxWording.ALIGNMENT);
            case GO1_22 -> new EncoderRules(InvalidInstruction.NAMING_FUNCTION, DuffCall.SAVES_FRAME_POINTER,
                    PcAlign.PADS_UNPLACED, since121, SegmentIndex.PREFIX_ONLY, RegisterQuoting.GO_NUMBER, 1000,
                    PcAlignMaxWording.ALIGNMENT);
            case GO1_23 -> new EncoderRules(InvalidInstruction.NAMING_FUNCTION, DuffCall.SAVES_FRAME_POINTER,
                    PcAlign.PADS_UNPATCHED, since121, SegmentIndex.PREFIX_ONLY, RegisterQuoting.GO_NUMBER, 1000,
                    PcAlignMaxWording.ALIGMENT);
            case GO1_24 -> new EncoderRules(InvalidInstruction.NAMING_FUNCTION, DuffCall.SAVES_FRAME_POINTER,
                    PcAlign.PADS_UNPATCHED, since121, SegmentIndex.PREFIX_ONLY, RegisterQuoting.NAME, 1000,
                    PcAlignMaxWording.ALIGNMENT);
            case GO1_26, GO1_27 -> new EncoderRules(InvalidInstruction.NAMING_FUNCTION, DuffCall.PLAIN,
                    PcAlign.PADS, since121, SegmentIndex.PREFIX_ONLY, RegisterQuoting.NAME, 1000,
                    PcAlignMaxWording.ALIGNMENT);
        };
    }

    public boolean checks(OperandCheck check) {
        return checks.contains(check);
    }
}
