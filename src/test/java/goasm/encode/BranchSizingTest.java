package goasm.encode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Short and near branches, chosen as Go chooses them. Expected bytes: Go 1.19.8's
 * {@code go tool asm -S} listings of the same NOSPLIT $0 functions.
 */
class BranchSizingTest {
    /** Nine bytes each (48 c7 44 24 08 44 33 22 11), to place targets at known distances. */
    private static final String FILLER = "MOVQ $0x11223344, 8(SP)";

    private static List<String> fillers(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(FILLER);
        }
        return l;
    }

    @Test
    void shortBranchesBothWaysAndNearBackwardBranches() {
        List<String> lines = new ArrayList<>(List.of("top: JEQ fwd", "JMP fwd", "NOP"));
        lines.addAll(fillers(12));
        lines.addAll(List.of("JNE top", "JMP top", "fwd: MOVQ AX, BX"));
        lines.addAll(fillers(14));
        lines.addAll(List.of("JLT fwd", "JMP fwd", "self: JMP self", "RET"));
        TestFunction f = TestFunction.of(lines.toArray(String[]::new)).assemble();

        assertThat(f.errors()).isEmpty();
        // Listing: JEQ 116 / JMP 116 at 0 and 2; JNE 0 / JMP 0 at 112, 114 (backward, still short);
        // JLT 116 / JMP 116 at 245, 251 (backward, -135: near); JMP 256 at 256 (to itself).
        assertThat(f.hexOf(1)).isEqualTo("74 72");
        assertThat(f.hexOf(2)).isEqualTo("eb 70");
        assertThat(f.hexOf(16)).isEqualTo("75 8e");
        assertThat(f.hexOf(17)).isEqualTo("eb 8c");
        assertThat(f.hexOf(18)).isEqualTo("48 89 c3");
        assertThat(f.hexOf(33)).isEqualTo("0f 8c 79 ff ff ff");
        assertThat(f.hexOf(34)).isEqualTo("e9 74 ff ff ff");
        assertThat(f.hexOf(35)).isEqualTo("eb fe");
        assertThat(f.progs.get(35).pc).isEqualTo(256);
        assertThat(f.fn.size).isEqualTo(259);
    }

    @Test
    void forwardBranchOutOfShortReachBecomesNear() {
        List<String> lines = new ArrayList<>(List.of("JEQ far", "JMP far", "JHI near"));
        lines.addAll(fillers(13));
        lines.add("near: " + FILLER);
        lines.add(FILLER);
        lines.add("far: RET");
        TestFunction f = TestFunction.of(lines.toArray(String[]::new)).assemble();

        assertThat(f.errors()).isEmpty();
        // Listing: JEQ 148 = 0f 84 8e 00 00 00, JMP 148 = e9 89 00 00 00, JHI 130 = 77 75.
        assertThat(f.hexOf(1)).isEqualTo("0f 84 8e 00 00 00");
        assertThat(f.hexOf(2)).isEqualTo("e9 89 00 00 00");
        assertThat(f.hexOf(3)).isEqualTo("77 75");
        assertThat(f.progs.get(f.progs.size() - 1).pc).isEqualTo(148);
    }

    @Test
    void dataDirectivesInText() {
        TestFunction f = TestFunction.of("BYTE $0x90", "WORD $0x1234", "LONG $0x12345678",
                "QUAD $0x1122334455667788").assemble();
        // Listing of BYTE/WORD/LONG/QUAD in a NOSPLIT $0 function.
        assertThat(f.hex()).isEqualTo("90 34 12 78 56 34 12 88 77 66 55 44 33 22 11");
    }
}
