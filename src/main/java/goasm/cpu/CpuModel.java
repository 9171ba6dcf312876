package goasm.cpu;

import java.util.List;

/**
 * What CPUID answers: one fixed, documented CPU, so that programs behave the same everywhere
 * and a guest's feature checks (Go's internal/cpu style: vendor, leaf 1, leaf 7, leaf
 * 0x80000001) choose code paths the interpreter runs. It reports a family-6 "GenuineIntel"
 * processor with exactly the features the interpreter executes: SSE and SSE2 (Go's amd64
 * baseline: the 128-bit moves and the packed logic and compares), CMOV, POPCNT and LZCNT.
 * It reports no SSE3/SSSE3/SSE4, AES, PCLMULQDQ, OSXSAVE, AVX, AVX2, BMI1/BMI2, ERMS or FMA:
 * a guest that checks takes its baseline path. Leaves it does not list read as zero.
 */
public final class CpuModel {
    /** One CPUID leaf (and subleaf): the four registers it returns. */
    public record Leaf(int eax, int ecx, int outEax, int outEbx, int outEcx, int outEdx) {
    }

    /** "GenuineIntel" as leaf 0 spells it across EBX, EDX, ECX. */
    private static final int GENU = 0x756e6547, INEI = 0x49656e69, NTEL = 0x6c65746e;

    private static final int EDX_CMOV = 1 << 15, EDX_SSE = 1 << 25, EDX_SSE2 = 1 << 26;
    private static final int ECX_POPCNT = 1 << 23;
    private static final int EXT_ECX_LZCNT = 1 << 5;
    /** Leaf 1 EAX: family 6, model 0, stepping 0. */
    private static final int SIGNATURE = 0x600;
    /** Leaf 1 EBX: CLFLUSH line size 8 quadwords (64 bytes), one logical processor, APIC id 0. */
    private static final int LEAF1_EBX = 0x0001_0800;

    static final List<Leaf> LEAVES = List.of(
            new Leaf(0, 0, 7, GENU, NTEL, INEI),
            new Leaf(1, 0, SIGNATURE, LEAF1_EBX, ECX_POPCNT, EDX_CMOV | EDX_SSE | EDX_SSE2),
            new Leaf(7, 0, 0, 0, 0, 0),
            new Leaf(0x8000_0000, 0, 0x8000_0001, 0, 0, 0),
            new Leaf(0x8000_0001, 0, 0, 0, EXT_ECX_LZCNT, 0));

    private CpuModel() {
    }

    /** The leaf CPUID returns for EAX=leaf, ECX=subleaf (subleaves matter for leaf 7 only); zeros if none. */
    public static Leaf cpuid(int leaf, int subleaf) {
        for (Leaf l : LEAVES) {
            if (l.eax() == leaf && (leaf != 7 || l.ecx() == subleaf)) {
                return l;
            }
        }
        return new Leaf(leaf, subleaf, 0, 0, 0, 0);
    }
}
