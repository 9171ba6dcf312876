package goasm.runtime.memory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GuestMemoryTest {
    @Test
    void pagesAreCommittedOnFirstWriteOnly() {
        GuestMemory m = new GuestMemory();
        assertThat(m.read64(0xc000000000L)).isZero();
        assertThat(m.committedBytes()).isZero();
        m.write64(0xc000000ffcL, 0x1122334455667788L); // straddles two 4 KB pages
        assertThat(m.committedBytes()).isEqualTo(2 * 4096);
        assertThat(m.read64(0xc000000ffcL)).isEqualTo(0x1122334455667788L);
        assertThat(m.read32(0xc000001000L)).isEqualTo(0x11223344); // little-endian high half
    }

    @Test
    void overlappingMovesBehaveLikeMemmove() {
        GuestMemory m = new GuestMemory();
        for (int i = 0; i < 10000; i++) {
            m.write8(0x10000 + i, i);
        }
        m.move(0x10000 + 3000, 0x10000, 10000);
        for (int i = 0; i < 10000; i++) {
            assertThat(m.read8(0x10000 + 3000 + i)).isEqualTo(i & 0xff);
        }
        m.move(0x20000, 0x10000 + 3000, 10000);
        m.move(0x20000 - 5000, 0x20000, 10000);
        for (int i = 0; i < 10000; i++) {
            assertThat(m.read8(0x20000 - 5000 + i)).isEqualTo(i & 0xff);
        }
    }

    @Test
    void clearReleasesWholePages() {
        GuestMemory m = new GuestMemory();
        m.write64(0x5000, 7);
        m.write64(0x6008, 9);
        m.clear(0x5000, 0x1010);
        assertThat(m.committedBytes()).isEqualTo(4096);
        assertThat(m.read64(0x5000)).isZero();
        assertThat(m.read64(0x6008)).isZero();
    }
}
