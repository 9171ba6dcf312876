package goasm.run;

import goasm.cpu.GuestFault;
import goasm.runtime.memory.GuestMemory;
import goasm.runtime.memory.PageHeap;
import goasm.runtime.memory.Span;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The interpreter and the runtime see one memory; outside the image and the arenas is a fault. */
class SharedMemoryTest {
    private final GuestMemory backing = new GuestMemory();
    private final PageHeap heap = new PageHeap(backing);
    private final SharedMemory memory = new SharedMemory(backing, heap);

    @Test
    void theZeroPageAndUnmappedAddressesFault() {
        memory.mapImage(0x401000, 0x1000, true);
        assertThatThrownBy(() -> memory.read64(8)).isInstanceOf(GuestFault.class);
        assertThatThrownBy(() -> memory.write8(0x403000, (byte) 1)).isInstanceOf(GuestFault.class);
        // Nothing is mapped in the arenas before the heap grows.
        assertThatThrownBy(() -> memory.read64(PageHeap.ARENA_START)).isInstanceOf(GuestFault.class);
        memory.write64(0x401ff8, 42);
        assertThat(memory.read64(0x401ff8)).isEqualTo(42);
    }

    @Test
    void readOnlyPagesReadButRefuseWritesAsProtectionFaults() {
        memory.mapImage(0x401000, 0x1000, false);
        memory.mapImage(0x402000, 0x1000, true);
        // Read first, so the page is in the read cache: the write must still be refused.
        assertThat(memory.read64(0x401008)).isZero();
        assertThatThrownBy(() -> memory.write64(0x401008, 1)).isInstanceOfSatisfying(GuestFault.class, f -> {
            assertThat(f.address()).isEqualTo(0x401008);
            assertThat(f.protection()).isTrue();
        });
        assertThatThrownBy(() -> memory.write8(0x401fff, (byte) 1)).isInstanceOf(GuestFault.class);
        assertThat(memory.read64(0x401008)).isZero();
        // Unmapped addresses are not protection faults (SEGV_MAPERR, not SEGV_ACCERR).
        assertThatThrownBy(() -> memory.write8(0x404000, (byte) 1)).isInstanceOfSatisfying(GuestFault.class,
                f -> assertThat(f.protection()).isFalse());
        memory.write64(0x402ff8, 42);
        assertThat(memory.read64(0x402ff8)).isEqualTo(42);
    }

    @Test
    void writesOnEitherSideAreSeenOnTheOther() {
        Span s = heap.allocManual(1);
        memory.write64(s.base() + 8, 0x1122334455667788L);
        assertThat(backing.read64(s.base() + 8)).isEqualTo(0x1122334455667788L);
        backing.write32(s.base() + 16, 7);
        assertThat(memory.read32(s.base() + 16)).isEqualTo(7);
    }

    @Test
    void aPageTheRuntimeReleasesReadsAsZeroAgain() {
        Span s = heap.allocManual(1);
        memory.write64(s.base(), -1);
        // clear drops whole pages; the interpreter's cached page array must not survive it.
        backing.clear(s.base(), GuestMemory.PAGE_SIZE);
        assertThat(memory.read64(s.base())).isZero();
        memory.write64(s.base(), 5);
        assertThat(backing.read64(s.base())).isEqualTo(5);
    }
}
