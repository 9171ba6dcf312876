package goasm.run;

import goasm.link.FunctionTable;
import goasm.link.Image;
import goasm.link.LinkedFunction;
import goasm.runtime.Amd64;
import goasm.runtime.FuncId;
import goasm.runtime.FuncInfo;
import goasm.runtime.FuncTable;
import goasm.runtime.StackMap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The linked program's function table as the runtime walks it (Go's findfunc over the pclntab):
 * SP deltas from the linker's pc-value table, argument sizes from TEXT, and stack maps from
 * FUNCDATA.
 *
 * <p>Locals: the map FUNCDATA $1 names is read from the linked data in Go's stackmap format
 * (int32 n, int32 nbit, n bitmaps); {@code NO_LOCAL_POINTERS} names one without pointers. A
 * function without FUNCDATA $1 has no locals map, so a frame of it with locals is Go's "missing
 * stackmap". Arguments: Go takes their map from the function's Go declaration, which a program
 * run here does not have; every argument word is treated as a possible pointer, which adjusts
 * exactly the words that point into the old stack.
 */
final class ProgramFuncs implements FuncTable {
    private static final int FUNCDATA_LOCALS_POINTER_MAPS = 1;

    private final Image image;
    private final FunctionTable table;
    private final Map<LinkedFunction, Info> infos = new IdentityHashMap<>();
    /** The release's frame of each runtime function the run provides natively, by name. */
    private final Map<String, Integer> nativeFrames;

    ProgramFuncs(Image image, Map<String, Integer> nativeFrames) {
        this.image = image;
        this.table = image.functions();
        this.nativeFrames = Map.copyOf(nativeFrames);
    }

    /**
     * Stack maps the runtime itself defines: Go 1.15's funcdata.h has NO_LOCAL_POINTERS name
     * runtime·no_pointers_stackmap, which its runtime/asm.s defines with n=2, nbit=0 (later
     * releases make a function-local map instead, which the program's data holds).
     */
    private static final Map<String, StackMap> RUNTIME_STACK_MAPS = Map.of("runtime.no_pointers_stackmap",
            new StackMap(0, List.of(new BitSet(), new BitSet())));

    /** The stackmap in the linked data of symbol name, or the runtime's, or null when there is none. */
    private StackMap readStackMap(String name) {
        Long addr = name == null ? null : image.symbols().get(name);
        if (addr == null) {
            return name == null ? null : RUNTIME_STACK_MAPS.get(name);
        }
        for (Image.Segment s : image.segments()) {
            if (addr >= s.address() && addr < s.address() + s.size()) {
                ByteBuffer b = ByteBuffer.wrap(java.util.Arrays.copyOf(s.bytes(), (int) s.size()))
                        .order(ByteOrder.LITTLE_ENDIAN);
                int at = (int) (addr - s.address());
                int n = b.getInt(at);
                int nbit = b.getInt(at + 4);
                int bytesPer = (nbit + 7) / 8;
                List<BitSet> maps = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    byte[] bits = new byte[bytesPer];
                    b.get(at + 8 + i * bytesPer, bits);
                    maps.add(BitSet.valueOf(bits));
                }
                return new StackMap(nbit, maps);
            }
        }
        return null;
    }

    @Override
    public FuncInfo find(long pc) {
        LinkedFunction f = table.find(pc);
        if (f == null) {
            return null;
        }
        return infos.computeIfAbsent(f, this::info);
    }

    private Info info(LinkedFunction f) {
        StackMap locals = null;
        for (LinkedFunction.FuncData d : f.funcData()) {
            if (d.index() == FUNCDATA_LOCALS_POINTER_MAPS) {
                locals = readStackMap(d.symbol());
            }
        }
        return new Info(f, locals, nativeFrames.getOrDefault(f.name(), 0));
    }

    private static final class Info implements FuncInfo {
        private final LinkedFunction f;
        private final int maxSpDelta;
        private final FuncId funcId;
        private final boolean topFrame;
        private final StackMap locals;
        private final StackMap args;

        /** nativeFrame: the frame Go's function takes, for a runtime function that has no instructions here. */
        Info(LinkedFunction f, StackMap locals, int nativeFrame) {
            this.f = f;
            int max = nativeFrame;
            for (LinkedFunction.Instruction i : f.instructions()) {
                max = Math.max(max, i.spDelta());
            }
            this.maxSpDelta = max;
            this.funcId = f.name().equals("runtime.goexit") ? FuncId.GOEXIT : FuncId.NORMAL;
            // The main goroutine starts in runtime.main, which here has no frame of its own.
            this.topFrame = funcId == FuncId.GOEXIT || f.name().equals("runtime.main");
            this.locals = locals;
            int words = f.argsSize() > 0 ? (int) (f.argsSize() / Amd64.PTR_SIZE) : 0;
            BitSet all = new BitSet(words);
            all.set(0, words);
            this.args = new StackMap(words, List.of(all));
        }

        @Override
        public String name() {
            return f.name();
        }

        @Override
        public long entry() {
            return f.entry();
        }

        @Override
        public int spDelta(long pc) {
            return f.spDelta(pc);
        }

        @Override
        public int maxSpDelta() {
            return maxSpDelta;
        }

        @Override
        public int argsSize() {
            // An unknown size has no map to adjust by.
            return f.argsSize() < 0 ? 0 : (int) f.argsSize();
        }

        @Override
        public FuncId funcId() {
            return funcId;
        }

        @Override
        public boolean topFrame() {
            return topFrame;
        }

        @Override
        public StackMap localsPointerMaps() {
            return locals;
        }

        @Override
        public StackMap argsPointerMaps() {
            return args;
        }
    }
}
