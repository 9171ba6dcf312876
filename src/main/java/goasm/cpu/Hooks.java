package goasm.cpu;

/**
 * Native functions the guest calls: the emulated runtime. A hook runs when control reaches its
 * address, with the return address at 0(SP) and ABI0 arguments above it, and returns the address
 * to continue at (usually the popped return address); it may also stop the CPU.
 */
@FunctionalInterface
public interface Hooks {
    long call(Cpu cpu, int hookId);

    /** The instruction budget set with {@link Cpu#setSliceEnd} is used up (the guest is between instructions). */
    default void sliceExpired(Cpu cpu) {
        cpu.setSliceEnd(Long.MAX_VALUE);
    }
}
