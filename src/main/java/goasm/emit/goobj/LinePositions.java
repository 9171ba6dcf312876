package goasm.emit.goobj;

import goasm.obj.Position;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.release.SourcePositions;

/**
 * The position each instruction has for the line tables (pc-file, pc-line, DWARF lines): none
 * for an instruction the release's parser leaves without one, as it does PCALIGN before Go 1.24.
 */
record LinePositions(SourcePositions rules) {
    /** p's position, or null when the line tables pass over p. */
    Position of(Prog p) {
        if (p.op == Pseudo.PCALIGN && !rules.pcAlignPositioned()) {
            return null;
        }
        return p.pos == null || p.pos.line() == 0 ? null : p.pos;
    }
}
