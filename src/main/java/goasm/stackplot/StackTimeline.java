package goasm.stackplot;

import goasm.run.RunObserver;
import goasm.runtime.RuntimeEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's goroutine stacks over time, from the runtime's events: each goroutine's stack size
 * (kept in full for the first few and for every goroutine whose stack moved), the growth and
 * shrink events with the bytes they copied, the GC cycles, and the total of all live stacks
 * (summarised to a bounded number of points, so a million goroutines fit).
 */
public final class StackTimeline implements RunObserver {
    /** Goroutines whose sizes are kept even if their stacks never move. */
    static final int FIRST_KEPT = 16;
    /** The summary keeps at most this many points, merging neighbours as the run goes on. */
    static final int SUMMARY_POINTS = 2048;

    /** A size a goroutine's stack had from {@code instructions} on. */
    public record Point(long instructions, long size) {
    }

    /** A stack move: growth (newSize > oldSize) or shrink. */
    public record Move(long goid, long instructions, long oldSize, long newSize, long copied) {
        public boolean grew() {
            return newSize > oldSize;
        }
    }

    public record Gc(int cycle, long instructions, int scanned, int shrunk) {
    }

    /** One goroutine's stack: its sizes from creation, and when it died (or -1). */
    public static final class Series {
        private final long goid;
        private final List<Point> points = new ArrayList<>(2);
        private long end = -1;

        Series(long goid) {
            this.goid = goid;
        }

        public long goid() {
            return goid;
        }

        public List<Point> points() {
            return points;
        }

        public long end() {
            return end;
        }

        public long maxSize() {
            return points.stream().mapToLong(Point::size).max().orElse(0);
        }
    }

    /** The live total at one summary point: the largest within its stretch of time. */
    public record Total(long instructions, long bytes, long goroutines) {
    }

    private record Live(long goid, long size, long since) {
    }

    private final Map<Long, Series> kept = new LinkedHashMap<>();
    /** Live goroutines by their g's address (gfput names only the g). */
    private final Map<Long, Live> live = new HashMap<>();
    private final Map<Long, Long> gOfGoid = new HashMap<>();
    private final List<Move> moves = new ArrayList<>();
    private final List<Gc> gcs = new ArrayList<>();
    private final List<Total> totals = new ArrayList<>();
    private long totalBytes;
    private long goroutines;
    private long created;
    private long resolution = 1;
    private long end;

    @Override
    public void onEvent(RuntimeEvent event, long instructions) {
        switch (event) {
            case RuntimeEvent.NewProc e -> {
                created++;
                Live old = live.put(e.g(), new Live(e.goid(), e.stack().size(), instructions));
                if (old != null) {
                    died(old, instructions);
                }
                gOfGoid.put(e.goid(), e.g());
                totalBytes += e.stack().size();
                goroutines++;
                if (kept.size() < FIRST_KEPT) {
                    Series s = new Series(e.goid());
                    s.points.add(new Point(instructions, e.stack().size()));
                    kept.put(e.goid(), s);
                }
                total(instructions);
            }
            case RuntimeEvent.Grow e -> moved(e.goid(), instructions, e.oldSize(), e.newSize(), e.bytesCopied());
            case RuntimeEvent.Shrink e -> moved(e.goid(), instructions, e.oldSize(), e.newSize(), e.bytesCopied());
            case RuntimeEvent.GfPut e -> {
                Live l = live.remove(e.g());
                if (l != null) {
                    died(l, instructions);
                    total(instructions);
                }
            }
            case RuntimeEvent.GcCycle e -> gcs.add(new Gc(e.cycle(), instructions, e.scanned(), e.shrunk()));
            case RuntimeEvent.GfGet e -> {
            }
            case RuntimeEvent.StackAlloc e -> {
            }
            case RuntimeEvent.StackFree e -> {
            }
        }
    }

    @Override
    public void onFinish(long instructions) {
        end = instructions;
        // The state at the end as it is, not the peak of the last stretch.
        totals.add(new Total(instructions, totalBytes, goroutines));
    }

    private void moved(long goid, long instructions, long oldSize, long newSize, long copied) {
        moves.add(new Move(goid, instructions, oldSize, newSize, copied));
        Long g = gOfGoid.get(goid);
        Live l = g == null ? null : live.get(g);
        Series s = kept.get(goid);
        if (s == null) {
            s = new Series(goid);
            s.points.add(new Point(l == null ? 0 : l.since(), oldSize));
            kept.put(goid, s);
        }
        s.points.add(new Point(instructions, newSize));
        if (l != null) {
            live.put(g, new Live(goid, newSize, l.since()));
        }
        totalBytes += newSize - oldSize;
        total(instructions);
    }

    private void died(Live l, long instructions) {
        totalBytes -= l.size();
        goroutines--;
        gOfGoid.remove(l.goid());
        Series s = kept.get(l.goid());
        if (s != null) {
            s.end = instructions;
        }
    }

    /** Adds a summary point, or raises the last one when it falls in the same stretch of time. */
    private void total(long instructions) {
        if (!totals.isEmpty()) {
            Total last = totals.get(totals.size() - 1);
            if (instructions / resolution == last.instructions() / resolution) {
                totals.set(totals.size() - 1, new Total(last.instructions(), Math.max(last.bytes(), totalBytes),
                        Math.max(last.goroutines(), goroutines)));
                return;
            }
        }
        totals.add(new Total(instructions, totalBytes, goroutines));
        if (totals.size() > SUMMARY_POINTS) {
            resolution *= 2;
            List<Total> merged = new ArrayList<>();
            for (Total t : totals) {
                Total last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && t.instructions() / resolution == last.instructions() / resolution) {
                    merged.set(merged.size() - 1, new Total(last.instructions(), Math.max(last.bytes(), t.bytes()),
                            Math.max(last.goroutines(), t.goroutines())));
                } else {
                    merged.add(t);
                }
            }
            totals.clear();
            totals.addAll(merged);
        }
    }

    public List<Series> series() {
        return List.copyOf(kept.values());
    }

    public List<Move> moves() {
        return List.copyOf(moves);
    }

    public List<Gc> gcs() {
        return List.copyOf(gcs);
    }

    public List<Total> totals() {
        return List.copyOf(totals);
    }

    /** Goroutines created in the run. */
    public long created() {
        return created;
    }

    /** Guest instructions of the whole run. */
    public long end() {
        return end;
    }
}
