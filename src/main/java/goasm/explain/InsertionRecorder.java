package goasm.explain;

import goasm.frame.Insertion;
import goasm.frame.InsertionLog;
import goasm.obj.Prog;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the reasons frame lowering gives, per instruction (by identity: lowering edits Progs in place). */
final class InsertionRecorder implements InsertionLog {
    private final Map<Prog, List<Insertion>> notes = new IdentityHashMap<>();

    @Override
    public void note(Prog p, Insertion why) {
        if (why != null) {
            notes.computeIfAbsent(p, k -> new ArrayList<>(1)).add(why);
        }
    }

    /** The reasons recorded for {@code p}, in the order lowering gave them. */
    List<Insertion> of(Prog p) {
        return notes.getOrDefault(p, List.of());
    }
}
