package goasm.obj;

import java.util.ArrayList;
import java.util.List;

/**
 * One instruction or pseudo-instruction of a function body. Passes rewrite Progs in place and
 * splice new ones into the singly linked list, as Go's assembler does; this is the one mutable
 * working structure of the pipeline.
 */
public final class Prog {
    public Opcode op;
    public Addr from = Addr.NONE;
    /** Operands between From and To (3+ operand forms: IMUL3Q $7, AX, BX; SHLQ CL, AX, BX). */
    public List<Addr> restArgs = List.of();
    public Addr to = Addr.NONE;
    /** Architecture-specific opcode suffix bits (amd64: .Z, .BCST, rounding/SAE). */
    public int suffix;
    public Position pos;

    /** Next instruction. */
    public Prog link;
    /** Offset in the function's code, set by the encoder. */
    public long pc;
    /** Change of the hardware SP this instruction makes (+ when it allocates). */
    public int spadj;
    /** Encoded size in bytes. */
    public int size;
    /** The first instruction after the frame setup (Go's PosPrologueEnd): DWARF line programs mark it. */
    public boolean prologueEnd;
    /** Pass-private marks (e.g. "is a branch target", "is the prologue's JMP"). */
    public int mark;
    /**
     * The encoder's branch-sizing state for this instruction, kept here rather than in a map
     * keyed by instruction; the encoder checks that it belongs to its current function.
     */
    public Object branchState;

    public Prog(Opcode op, Position pos) {
        this.op = op;
        this.pos = pos;
    }

    /** Inserts a new instruction after this one and returns it; it inherits this position. */
    public Prog append(Opcode newOp) {
        Prog p = new Prog(newOp, pos);
        p.link = link;
        link = p;
        return p;
    }

    public boolean is(Opcode o) {
        return op == o;
    }

    /** All operands in source order: From, rest, To. */
    public List<Addr> operands() {
        List<Addr> all = new ArrayList<>(2 + restArgs.size());
        if (!from.isNone()) {
            all.add(from);
        }
        all.addAll(restArgs);
        if (!to.isNone()) {
            all.add(to);
        }
        return all;
    }

    @Override
    public String toString() {
        return OperandFormat.instruction(this);
    }
}
