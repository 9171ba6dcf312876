package goasm.cpu;

import goasm.run.SharedMemory;
import goasm.runtime.memory.PageHeap;
import org.junit.jupiter.api.Test;

import java.util.List;

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

    @Test
    void trapsStopWithTheirKindAndTheAddressAfterThem() {
        // INT3 (cc), INT $3 (cd 03), UD2 (0f 0b), HLT (f4), INT $5 (cd 05: not allowed from user mode).
        record Case(byte[] code, Trap trap) {
        }
        for (Case c : List.of(new Case(bytes(0xcc), Trap.BREAKPOINT), new Case(bytes(0xcd, 0x03), Trap.BREAKPOINT),
                new Case(bytes(0x0f, 0x0b), Trap.INVALID_OPCODE), new Case(bytes(0xf4), Trap.GENERAL_PROTECTION),
                new Case(bytes(0xcd, 0x05), Trap.GENERAL_PROTECTION))) {
            Cpu cpu = cpu();
            cpu.memory().writeBytes(CODE, c.code());
            assertThat(cpu.run(CODE)).isEqualTo(new Stop.Trapped(CODE, CODE + c.code().length, c.trap()));
        }
    }

    @Test
    void aStoreIntoReadOnlyMemoryIsAProtectionFault() {
        goasm.runtime.memory.GuestMemory backing = new goasm.runtime.memory.GuestMemory();
        SharedMemory mem = new SharedMemory(backing, new PageHeap(backing));
        mem.mapImage(CODE, 0x1000, false); // text: read and execute only
        mem.mapImage(0x10000, 0x1000, true);
        backing.write(CODE, bytes(0x48, 0x89, 0x03)); // MOVQ AX, (BX)
        Cpu cpu = new Cpu(mem, CODE, 0x1000, (c, id) -> 0);
        cpu.regs[Cpu.RBX] = CODE + 0x10;
        assertThat(cpu.run(CODE)).isEqualTo(new Stop.Fault(CODE, CODE + 0x10, true));
    }

    /** CPUID with EAX = leaf, ECX = 0; the four registers. */
    private static long[] cpuid(int leaf) {
        Cpu cpu = cpu();
        cpu.regs[Cpu.RAX] = leaf;
        cpu.regs[Cpu.RCX] = 0;
        run(cpu, bytes(0x0f, 0xa2));
        return new long[] {cpu.regs[Cpu.RAX], cpu.regs[Cpu.RBX], cpu.regs[Cpu.RCX], cpu.regs[Cpu.RDX]};
    }

    @Test
    void cpuidReportsTheFixedModelAndOnlyFeaturesTheInterpreterRuns() {
        long[] vendor = cpuid(0);
        assertThat(vendor[0]).isEqualTo(7); // highest basic leaf
        // EBX, EDX, ECX spell the vendor, four little-endian bytes each.
        byte[] name = new byte[12];
        for (int i = 0; i < 4; i++) {
            name[i] = (byte) (vendor[1] >>> (8 * i));
            name[4 + i] = (byte) (vendor[3] >>> (8 * i));
            name[8 + i] = (byte) (vendor[2] >>> (8 * i));
        }
        assertThat(new String(name, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GenuineIntel");

        long[] leaf1 = cpuid(1);
        // EDX: CMOV (15), SSE (25), SSE2 (26); ECX: POPCNT (23) and nothing else, so no SSE3/SSSE3/
        // SSE4/AES/OSXSAVE/AVX (bits 0, 9, 19, 20, 25, 27, 28).
        assertThat(leaf1[3]).isEqualTo((1L << 15) | (1L << 25) | (1L << 26));
        assertThat(leaf1[2]).isEqualTo(1L << 23);
        assertThat(cpuid(7)[1]).as("leaf 7 EBX: no BMI1, AVX2, BMI2, ERMS, AVX-512").isZero();
        assertThat(cpuid(0x8000_0000)[0]).isEqualTo(0x8000_0001L);
        assertThat(cpuid(0x8000_0001)[2]).as("LZCNT (ABM), bit 5").isEqualTo(1L << 5);
        assertThat(cpuid(0x4000_0000)).containsExactly(0, 0, 0, 0);

        // And the interpreter runs what is reported: POPCNT, LZCNT, CMOVQ, PXOR.
        Cpu cpu = cpu();
        cpu.regs[Cpu.RBX] = 0xf0f0;
        run(cpu, bytes(0xf3, 0x48, 0x0f, 0xb8, 0xc3)); // POPCNTQ BX, AX
        assertThat(cpu.regs[Cpu.RAX]).isEqualTo(8);
        cpu = cpu();
        cpu.regs[Cpu.RBX] = 1;
        run(cpu, bytes(0xf3, 0x48, 0x0f, 0xbd, 0xc3)); // LZCNTQ BX, AX
        assertThat(cpu.regs[Cpu.RAX]).isEqualTo(63);
        cpu = cpu();
        cpu.regs[Cpu.RBX] = 5;
        run(cpu, bytes(0x48, 0x31, 0xc0, 0x48, 0x0f, 0x44, 0xc3)); // XORQ AX, AX; CMOVQEQ BX, AX
        assertThat(cpu.regs[Cpu.RAX]).isEqualTo(5);
        cpu = cpu();
        cpu.xmm[0] = 0x1234;
        run(cpu, bytes(0x66, 0x0f, 0xef, 0xc0)); // PXOR X0, X0
        assertThat(cpu.xmm[0]).isZero();
    }
}
