package goasm.cpu;

import goasm.run.SharedMemory;
import goasm.runtime.memory.PageHeap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Single instructions from hand-assembled bytes; expected values reasoned from Intel's definitions. */
class CpuTest {
    private static final long CODE = 0x401000;

    /** Runs the bytes followed by a hook (id 0) that stops the CPU. */
    private static Cpu run(Cpu cpu, byte... code) {
        cpu.memory().writeBytes(CODE, code);
        cpu.installHook(CODE + code.length, 0);
        assertThat(cpu.run(CODE)).isEqualTo(new Stop.Exit(0));
        return cpu;
    }

    private static Cpu cpu() {
        // The memory programs run on: the runtime's guest memory seen through the CPU's interface.
        goasm.runtime.memory.GuestMemory backing = new goasm.runtime.memory.GuestMemory();
        SharedMemory mem = new SharedMemory(backing, new PageHeap(backing));
        mem.mapImage(CODE, 0x1000, true);
        mem.mapImage(0x10000, 0x1000, true);
        Cpu cpu = new Cpu(mem, CODE, 0x1000, (c, id) -> {
            c.stop(new Stop.Exit(0));
            return 0;
        });
        cpu.regs[Cpu.RSP] = 0x10800;
        return cpu;
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    void addSetsCarryZeroAndAdjustOnWrapAround() {
        Cpu cpu = cpu();
        cpu.regs[Cpu.RAX] = -1;
        cpu.regs[Cpu.RBX] = 1;
        run(cpu, bytes(0x48, 0x01, 0xd8)); // ADDQ BX, AX
        assertThat(cpu.regs[Cpu.RAX]).isZero();
        // 0xff..ff + 1 = 0 carry out; ZF; low byte 0 has even parity; carry out of bit 3.
        assertThat(cpu.flags() & 0x8d5).isEqualTo(Cpu.CF | Cpu.ZF | Cpu.PF | Cpu.AF);
    }

    @Test
    void thirtyTwoBitWritesZeroTheUpperHalf() {
        Cpu cpu = cpu();
        cpu.regs[Cpu.RAX] = 0xffff_ffff_0000_0001L;
        run(cpu, bytes(0xff, 0xc0)); // INCL AX
        assertThat(cpu.regs[Cpu.RAX]).isEqualTo(2);
    }

    @Test
    void byteOperationsWithoutRexReachTheHighByteRegisters() {
        Cpu cpu = cpu();
        cpu.regs[Cpu.RAX] = 0x1234;
        run(cpu, bytes(0x88, 0xe3)); // MOVB AH, BL (88 /r: rm=BL, reg=AH)
        assertThat(cpu.regs[Cpu.RBX] & 0xff).isEqualTo(0x12);
    }

    @Test
    void signedCompareAfterCmpUsesTheOperandWidth() {
        Cpu cpu = cpu();
        cpu.regs[Cpu.RAX] = 0x80; // -128 as a byte
        cpu.regs[Cpu.RBX] = 1;
        run(cpu, bytes(0x38, 0xd8, 0x0f, 0x9c, 0xc1)); // CMPB BL, AL; SETLT CL
        assertThat(cpu.regs[Cpu.RCX] & 0xff).isEqualTo(1); // -128 < 1
    }

    @Test
    void divideByZeroStopsWithTheDivideError() {
        Cpu cpu = cpu();
        cpu.memory().writeBytes(CODE, bytes(0x48, 0xf7, 0xf3)); // DIVQ BX with BX = 0
        assertThat(cpu.run(CODE)).isEqualTo(new Stop.DivideError(CODE));
    }

    @Test
    void unmappedAccessIsAFaultAtThatAddress() {
        Cpu cpu = cpu();
        cpu.memory().writeBytes(CODE, bytes(0x48, 0x8b, 0x03)); // MOVQ (BX), AX with BX = 0
        assertThat(cpu.run(CODE)).isEqualTo(new Stop.Fault(CODE, 0));
    }

    @Test
    void syscallIsDecodedButNotRun() {
        Cpu cpu = cpu();
        cpu.memory().writeBytes(CODE, bytes(0x0f, 0x05));
        assertThat(cpu.run(CODE)).isInstanceOf(Stop.Unsupported.class);
    }
}
