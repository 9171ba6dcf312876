package goasm.runtime;

import java.util.ArrayList;
import java.util.List;

/** A hand-built function table for tests: functions with a fixed frame size after their entry. */
final class FakeFuncs implements FuncTable {
    static final long GOEXIT = 0x401000;

    record Fn(String name, long entry, long end, int frameAfterPrologue, long prologueEnd, int maxSpDelta,
              int argsSize, FuncId funcId, StackMap locals, StackMap args) implements FuncInfo {
        @Override
        public int spDelta(long pc) {
            // The frame exists from prologueEnd on; before that only the return address is pushed.
            return pc >= prologueEnd ? frameAfterPrologue : 0;
        }

        @Override
        public StackMap localsPointerMaps() {
            return locals;
        }

        @Override
        public StackMap argsPointerMaps() {
            return args;
        }

        @Override
        public int stackMapIndex(long pc) {
            return 0;
        }
    }

    private final List<Fn> fns = new ArrayList<>();

    FakeFuncs() {
        // runtime.goexit: TEXT NOSPLIT|TOPFRAME, $0-0
        fns.add(new Fn("runtime.goexit", GOEXIT, GOEXIT + 0x20, 0, GOEXIT, 0, 0, FuncId.GOEXIT, null, null));
    }

    FakeFuncs add(Fn fn) {
        fns.add(fn);
        return this;
    }

    @Override
    public FuncInfo find(long pc) {
        for (Fn f : fns) {
            if (pc >= f.entry() && pc < f.end()) {
                return f;
            }
        }
        return null;
    }
}
