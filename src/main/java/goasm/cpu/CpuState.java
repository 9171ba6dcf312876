package goasm.cpu;

/**
 * A thread of control's CPU state while another one has the CPU: the 16 general registers, the
 * 16 XMM registers (low, high quadword each) and RFLAGS.
 */
public record CpuState(long[] regs, long[] xmm, long rflags) {
}
