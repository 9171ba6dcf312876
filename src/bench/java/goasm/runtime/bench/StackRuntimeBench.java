package goasm.runtime.bench;

import goasm.runtime.FuncId;
import goasm.runtime.FuncInfo;
import goasm.runtime.FuncTable;
import goasm.runtime.G;
import goasm.runtime.GoRuntime;
import goasm.runtime.P;
import goasm.runtime.RuntimeConfig;
import goasm.runtime.Stack;
import goasm.runtime.StackMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The runtime's hot paths, for comparison with bench/go/stack_test.go doing the same in Go:
 * newproc+goexit of an empty goroutine, stackalloc+stackfree of 2 KB, and a recursion of 600
 * frames of 1 KB that grows a stack from 2 KB to 1 MB by doubling.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StackRuntimeBench {
    static final long GOEXIT = 0x401000;
    static final long R = 0x402000; // a recursive function with a 1016-byte frame
    static final int FRAME = 1016;
    static final int DEPTH = 600;

    record Fn(String name, long entry, int frame, FuncId funcId) implements FuncInfo {
        public int spDelta(long pc) {
            return pc >= entry + 0x10 ? frame : 0;
        }

        public int maxSpDelta() {
            return frame;
        }

        public int argsSize() {
            return 0;
        }

        public StackMap localsPointerMaps() {
            return StackMap.NO_POINTERS;
        }
    }

    static final Fn GOEXIT_FN = new Fn("runtime.goexit", GOEXIT, 0, FuncId.GOEXIT);
    static final Fn R_FN = new Fn("main.r", R, FRAME, FuncId.NORMAL);
    static final FuncTable FUNCS = pc -> pc >= GOEXIT && pc < GOEXIT + 0x20 ? GOEXIT_FN
            : pc >= R && pc < R + 0x100 ? R_FN : null;

    GoRuntime rt;
    P p;
    long fv;

    @Setup
    public void setup() {
        rt = new GoRuntime(RuntimeConfig.of(1, FUNCS, GOEXIT));
        p = rt.p(0);
        fv = rt.newFuncval(R, new byte[0]);
    }

    @Benchmark
    public G newprocGoexit() {
        G g = rt.newproc(p, fv, 0);
        rt.execute(p, g);
        rt.goexit(p, g);
        return g;
    }

    @Benchmark
    public Stack stackallocFree2K() {
        Stack s = rt.stackalloc(p, 2048);
        rt.stackfree(p, s);
        return s;
    }

    @Benchmark
    public long growTo1M() {
        G g = rt.newproc(p, fv, 0);
        rt.execute(p, g);
        var mem = rt.memory();
        long sp = g.stackHi() - 40; // at r's entry
        for (int depth = 0; depth < DEPTH; depth++) {
            // r's prologue: a big frame compares SP-framesize with stackguard0
            if (sp - FRAME < g.stackguard0()) {
                mem.write64(sp - 8, R + 8);
                rt.morestack(p, g, sp - 8, 0, 0);
                sp = g.schedSp();
            }
            sp -= FRAME;
            mem.write64(sp - 8, R + 0x20); // r calls r
            sp -= 8;
        }
        long size = g.stack().size();
        rt.goexit(p, g);
        return size;
    }
}
