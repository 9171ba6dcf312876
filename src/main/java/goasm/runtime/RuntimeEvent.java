package goasm.runtime;

/** One record of the runtime's trace: what happened to a goroutine or a stack. */
public sealed interface RuntimeEvent {
    /** newproc1 made goroutine goid on g, reusing a dead G or not. */
    record NewProc(long goid, long g, long entryPc, boolean reused, Stack stack) implements RuntimeEvent {
    }

    /** gfget took g from the P's free list (after refilling it from the global lists if globalRefill). */
    record GfGet(long g, int p, boolean globalRefill, boolean stackAllocated) implements RuntimeEvent {
    }

    /** gfput put dead g on P p's free list; stackFreed when its stack was not the starting size; spilled Gs moved to the global lists. */
    record GfPut(long g, int p, boolean stackFreed, int spilled) implements RuntimeEvent {
    }

    record StackAlloc(Stack stack, StackPath path) implements RuntimeEvent {
    }

    record StackFree(Stack stack, StackPath path) implements RuntimeEvent {
    }

    /** newstack moved goroutine goid to a larger stack. */
    record Grow(long goid, long oldSize, long newSize, long bytesCopied) implements RuntimeEvent {
    }

    /** shrinkstack moved goroutine goid to a stack half the size. */
    record Shrink(long goid, long oldSize, long newSize, long bytesCopied) implements RuntimeEvent {
    }

    /** A GC cycle finished; stacks scanned, shrunk, and the starting stack size it chose. */
    record GcCycle(int cycle, int scanned, int shrunk, long startingStackSize) implements RuntimeEvent {
    }
}
