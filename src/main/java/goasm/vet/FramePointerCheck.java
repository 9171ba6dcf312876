package goasm.vet;

import goasm.obj.Addr;
import goasm.obj.AddrType;
import goasm.obj.Prog;
import goasm.obj.Register;
import goasm.release.VetRules;

import java.util.List;
import java.util.function.Consumer;

/**
 * go vet's framepointer check: a function declared with a zero frame that writes BP before
 * anything reads it (or control leaves the straight line) destroys the caller's frame pointer.
 */
final class FramePointerCheck {
    private final AsmSource source;
    private final VetRules.FramePointer rule;
    private final Consumer<Finding> out;

    FramePointerCheck(AsmSource source, VetRules.FramePointer rule, Consumer<Finding> out) {
        this.source = source;
        this.rule = rule;
        this.out = out;
    }

    void run() {
        if (rule == VetRules.FramePointer.ABSENT) {
            return;
        }
        boolean active = false;
        for (AsmSource.Line line : source.lines) {
            if (line.text != null && line.textProg().to.offset() == 0) {
                active = true;
                continue;
            }
            if (!active || line.progs.isEmpty() && line.words.isEmpty()) {
                continue;
            }
            if (writesBP(line)) {
                out.accept(new Finding(source.file, line.number, Finding.FRAMEPOINTER,
                        "frame pointer is clobbered before saving"));
                active = false;
                continue;
            }
            if (mentionsBP(line) || endsStraightLine(line)) {
                active = false;
            }
        }
    }

    /** The line's last operand is BP after a comma: an instruction that writes it. */
    private static boolean writesBP(AsmSource.Line line) {
        if (line.progs.isEmpty()) {
            return false;
        }
        Prog last = line.progs.get(line.progs.size() - 1);
        List<Addr> ops = AsmSource.Line.operands(last);
        return ops.size() > 1 && ops.get(ops.size() - 1).type() == AddrType.REG
                && isBP(ops.get(ops.size() - 1).reg());
    }

    private static boolean mentionsBP(AsmSource.Line line) {
        for (Addr a : line.operands()) {
            if (isBP(a.reg()) || isBP(a.index())) {
                return true;
            }
        }
        return false;
    }

    private boolean endsStraightLine(AsmSource.Line line) {
        for (String w : line.words) {
            boolean ends = switch (rule) {
                case STOP_AT_ANY_JUMP -> w.startsWith("J") || w.startsWith("RET");
                case STOP_AT_UNCONDITIONAL_JUMP -> w.startsWith("JMP") || w.startsWith("RET");
                case ABSENT -> false;
            };
            if (ends) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBP(Register r) {
        return r != null && r.spelling().equals("BP");
    }
}
