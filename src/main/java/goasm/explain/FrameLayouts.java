package goasm.explain;

import goasm.frame.Insertion;
import goasm.godecl.ArgFrame;
import goasm.godecl.GoDeclarations;
import goasm.obj.AddrName;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frame picture of one function, from the frame lowering recorded (frame size, saved BP)
 * and the arguments named in the Go declaration or, without one, in the assembly's
 * {@code name+off(FP)} and {@code name-off(SP)} operands.
 */
final class FrameLayouts {
    private FrameLayouts() {
    }

    /** What the package's Go files say about one function. */
    sealed interface Declaration {
        /**
         * No Go file beside the .s is built for linux/amd64, the package declares no function of
         * this name, or the symbol is not the package's.
         */
        record NotDeclared() implements Declaration {
        }

        /** Declared: with its frame, or with the reason a type could not be resolved. */
        record Found(GoDeclarations.Declared declared) implements Declaration {
        }
    }

    static Model.FrameLayout of(Insertion.FrameSize size, List<Insertion.FrameOperand> operands,
                                Declaration declaration) {
        long frame = size.frame();
        int bp = size.bpSize();
        long args = Math.max(0, size.argsSize());
        long fp = frame + 8;
        long pseudoSp = frame - bp;
        List<Model.Slot> slots = new ArrayList<>();

        String source;
        List<Model.Slot> argSlots = new ArrayList<>();
        if (declaration instanceof Declaration.Found(GoDeclarations.Declared d) && d.frame().isPresent()) {
            source = "the Go declaration at " + d.file() + ":" + d.line();
            ArgFrame declared = d.frame().get();
            declared.arguments.forEach(v -> argSlots.addAll(slot(Model.SlotKind.ARGUMENT, v, fp)));
            declared.results.forEach(v -> argSlots.addAll(slot(Model.SlotKind.RESULT, v, fp)));
        } else {
            source = "the assembly's name+off(FP) operands (" + switch (declaration) {
                case Declaration.NotDeclared n -> "no Go declaration found beside the .s";
                case Declaration.Found f -> "the Go declaration at " + f.declared().file() + ":" + f.declared().line()
                        + " cannot be laid out: " + f.declared().unresolved();
            } + ")";
            Map<Long, String> named = new LinkedHashMap<>();
            operands.stream().filter(o -> o.kind() == AddrName.PARAM && o.name() != null)
                    .sorted(Comparator.comparingLong(Insertion.FrameOperand::written))
                    .forEach(o -> named.merge(o.written(), o.name(), (a, b) -> a.equals(b) ? a : a + "/" + b));
            List<Long> starts = new ArrayList<>(named.keySet());
            for (int i = 0; i < starts.size(); i++) {
                long off = starts.get(i);
                long end = i + 1 < starts.size() ? starts.get(i + 1) : Math.max(args, off + 8);
                argSlots.add(new Model.Slot(Model.SlotKind.ARGUMENT, fp + off, Math.min(8, end - off),
                        named.get(off)));
            }
        }
        slots.addAll(gapsFilled(argSlots, fp, fp + args, Model.SlotKind.ARGUMENTS, "arguments and results"));
        slots.add(new Model.Slot(Model.SlotKind.RETURN_ADDRESS, frame, 8, "return address"));
        if (bp > 0) {
            slots.add(new Model.Slot(Model.SlotKind.SAVED_BP, frame - bp, bp, "saved BP (the caller's)"));
        }
        List<Model.Slot> locals = new ArrayList<>();
        Map<Long, String> autos = new LinkedHashMap<>();
        operands.stream().filter(o -> o.kind() == AddrName.AUTO && o.name() != null)
                .forEach(o -> autos.merge(pseudoSp + o.written(), o.name(), (a, b) -> a.equals(b) ? a : a + "/" + b));
        List<Long> starts = new ArrayList<>(autos.keySet());
        starts.sort(Comparator.naturalOrder());
        for (int i = 0; i < starts.size(); i++) {
            long at = starts.get(i);
            if (at < 0 || at >= pseudoSp) {
                continue;
            }
            long end = i + 1 < starts.size() ? Math.min(starts.get(i + 1), pseudoSp) : pseudoSp;
            locals.add(new Model.Slot(Model.SlotKind.LOCAL, at, Math.min(8, end - at), autos.get(at)));
        }
        slots.addAll(gapsFilled(locals, 0, pseudoSp, Model.SlotKind.LOCALS, "locals, outgoing call arguments"));
        return new Model.FrameLayout(frame, bp, args, List.copyOf(slots), source);
    }

    /** A declared argument or result; a zero-sized one takes no room and has no slot. */
    private static List<Model.Slot> slot(Model.SlotKind kind, ArgFrame.Var v, long fp) {
        return v.size == 0 ? List.of() : List.of(new Model.Slot(kind, fp + v.offset, v.size, v.name + " " + v.type));
    }

    /** The named slots of [lo, hi) from the top down, the unnamed stretches between them filled in. */
    private static List<Model.Slot> gapsFilled(List<Model.Slot> named, long lo, long hi, Model.SlotKind gapKind,
                                               String gapLabel) {
        List<Model.Slot> sorted = new ArrayList<>(named);
        sorted.sort(Comparator.comparingLong(Model.Slot::spOffset).reversed());
        List<Model.Slot> out = new ArrayList<>();
        long top = hi;
        for (Model.Slot s : sorted) {
            long end = s.spOffset() + s.size();
            if (end < top) {
                out.add(new Model.Slot(gapKind, end, top - end, gapLabel));
            }
            out.add(s);
            top = Math.min(top, s.spOffset());
        }
        if (top > lo) {
            out.add(new Model.Slot(gapKind, lo, top - lo, gapLabel));
        }
        return out;
    }
}
