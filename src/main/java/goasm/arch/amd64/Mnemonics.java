package goasm.arch.amd64;

import goasm.obj.Opcode;
import goasm.obj.Pseudo;
import goasm.release.InstructionSet;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The instruction names the amd64 assembler accepts: every {@link Pseudo} and {@link Op} under
 * its own name, plus Go's alternate spellings (Intel-style jump conditions and a few SSE names).
 */
public final class Mnemonics {
    /** Alternate spellings, as Go's arch table lists them: spelling, instruction. */
    private static final Object[][] ALIASES = {
        {"JA", Op.JHI}, {"JAE", Op.JCC}, {"JB", Op.JCS}, {"JBE", Op.JLS}, {"JC", Op.JCS},
        {"JE", Op.JEQ}, {"JG", Op.JGT}, {"JHS", Op.JCC}, {"JL", Op.JLT}, {"JLO", Op.JCS},
        {"JNA", Op.JLS}, {"JNAE", Op.JCS}, {"JNB", Op.JCC}, {"JNBE", Op.JHI}, {"JNC", Op.JCC},
        {"JNG", Op.JLE}, {"JNGE", Op.JLT}, {"JNL", Op.JGE}, {"JNLE", Op.JGT}, {"JNO", Op.JOC},
        {"JNP", Op.JPC}, {"JNS", Op.JPL}, {"JNZ", Op.JNE}, {"JO", Op.JOS}, {"JP", Op.JPS},
        {"JPE", Op.JPS}, {"JPO", Op.JPC}, {"JS", Op.JMI}, {"JZ", Op.JEQ},
        {"MASKMOVDQU", Op.MASKMOVOU}, {"MOVD", Op.MOVQ}, {"MOVDQ2Q", Op.MOVQ}, {"MOVNTDQ", Op.MOVNTO},
        {"MOVOA", Op.MOVO}, {"PSLLDQ", Op.PSLLO}, {"PSRLDQ", Op.PSRLO}, {"PADDD", Op.PADDL},
        {"MOVBELL", Op.MOVBEL}, {"MOVBEQQ", Op.MOVBEQ}, {"MOVBEWW", Op.MOVBEW},
    };

    /**
     * One-operand instructions whose operand is a destination (Go's unaryDst): the operand goes
     * to To instead of From. (RDPID exists from Go 1.21 on, where Go lists it here too.)
     */
    private static final Set<Op> UNARY_DESTINATION = EnumSet.of(
        Op.BSWAPL, Op.BSWAPQ, Op.CLDEMOTE, Op.CLFLUSH, Op.CLFLUSHOPT, Op.CLWB, Op.CMPXCHG16B,
        Op.CMPXCHG8B, Op.DECB, Op.DECL, Op.DECQ, Op.DECW, Op.FBSTP, Op.FFREE, Op.FLDENV, Op.FSAVE,
        Op.FSTCW, Op.FSTENV, Op.FSTSW, Op.FXSAVE64, Op.FXSAVE, Op.INCB, Op.INCL, Op.INCQ, Op.INCW,
        Op.NEGB, Op.NEGL, Op.NEGQ, Op.NEGW, Op.NOTB, Op.NOTL, Op.NOTQ, Op.NOTW, Op.POPL, Op.POPQ,
        Op.POPW, Op.RDFSBASEL, Op.RDFSBASEQ, Op.RDPID, Op.RDGSBASEL, Op.RDGSBASEQ, Op.RDRANDL, Op.RDRANDQ,
        Op.RDRANDW, Op.RDSEEDL, Op.RDSEEDQ, Op.RDSEEDW, Op.SETCC, Op.SETCS, Op.SETEQ, Op.SETGE,
        Op.SETGT, Op.SETHI, Op.SETLE, Op.SETLS, Op.SETLT, Op.SETMI, Op.SETNE, Op.SETOC, Op.SETOS,
        Op.SETPC, Op.SETPL, Op.SETPS, Op.SGDT, Op.SIDT, Op.SLDTL, Op.SLDTQ, Op.SLDTW, Op.SMSWL,
        Op.SMSWQ, Op.SMSWW, Op.STMXCSR, Op.STRL, Op.STRQ, Op.STRW, Op.XSAVE64, Op.XSAVE,
        Op.XSAVEC64, Op.XSAVEC, Op.XSAVEOPT64, Op.XSAVEOPT, Op.XSAVES64, Op.XSAVES);

    private static final Map<String, Opcode> BY_NAME = buildTable();
    /** Each instruction under its own name only, without the aliases. */
    private static final Map<String, Opcode> OWN_NAMES = ownNames();

    private Mnemonics() {
    }

    private static Map<String, Opcode> ownNames() {
        Map<String, Opcode> table = new HashMap<>();
        for (Op op : Op.values()) {
            table.put(op.mnemonic(), op);
        }
        return Map.copyOf(table);
    }

    private static Map<String, Opcode> buildTable() {
        Map<String, Opcode> table = new HashMap<>();
        for (Pseudo p : Pseudo.values()) {
            table.put(p.mnemonic(), p);
        }
        for (Op op : Op.values()) {
            table.put(op.mnemonic(), op);
        }
        for (Object[] alias : ALIASES) {
            table.put((String) alias[0], (Opcode) alias[1]);
        }
        return Map.copyOf(table);
    }

    /**
     * The instruction spelled {@code word} in any supported release (aliases as Go 1.16 and
     * later read them), or null. {@link #lookup(String, InstructionSet)} answers for one release.
     */
    public static Opcode lookup(String word) {
        return BY_NAME.get(word);
    }

    /**
     * The instruction spelled {@code word} in the release whose instructions are {@code set},
     * or null when that release does not recognize the word. An alias counts when the release
     * knows the instruction it stands for; otherwise the word may still be the release's own
     * name of an instruction (Go 1.15 called MOVBEL "MOVBELL", later an alias).
     */
    public static Opcode lookup(String word, InstructionSet set) {
        Opcode viaAlias = BY_NAME.get(word);
        if (viaAlias == null || set.knows(viaAlias.mnemonic())) {
            return viaAlias;
        }
        Opcode own = OWN_NAMES.get(word);
        return own != null && set.knows(own.mnemonic()) ? own : null;
    }

    /** Whether the assembler parses {@code word} as a jump (labels and n(PC) allowed), by Go's rule on the spelling. */
    public static boolean isJump(String word) {
        return word.startsWith("J") || word.equals("CALL") || word.startsWith("LOOP") || word.equals("XBEGIN");
    }

    /** Whether a lone operand of {@code op} is its destination. */
    public static boolean hasUnaryDestination(Opcode op) {
        return op instanceof Op o && UNARY_DESTINATION.contains(o);
    }
}
