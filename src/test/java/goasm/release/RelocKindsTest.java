package goasm.release;

import goasm.conformance.GoOracle;
import goasm.obj.RelocType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Relocation kind numbers against each installed release's own objabi declarations. */
class RelocKindsTest {
    /**
     * The R_ constants of reloctype.go's first const block, in order (the first is "= 1 + iota";
     * later ones written with "=" are aliases outside the numbering).
     */
    private static List<String> declaredKinds(GoRelease release) throws IOException {
        GoOracle.Toolchain go = GoOracle.of(release);
        go.asmTestdata(); // fails, saying how to install it, when that release is missing
        List<String> lines = Files.readAllLines(go.goRoot().resolve("src/cmd/internal/objabi/reloctype.go"));
        List<String> kinds = new ArrayList<>();
        boolean inBlock = false;
        for (String raw : lines) {
            String line = raw.replaceAll("//.*", "").strip();
            if (!inBlock) {
                inBlock = line.equals("const (");
                continue;
            }
            if (line.equals(")")) {
                break;
            }
            if (line.startsWith("R_")) {
                String[] words = line.split("\\s+");
                if (words.length == 1 || line.contains("iota")) {
                    kinds.add(words[0]);
                }
            }
        }
        return kinds;
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void everyKindHasItsReleasesNumber(GoRelease release) throws IOException {
        List<String> declared = declaredKinds(release);
        assertThat(declared).as("kinds declared by Go %s", release.line()).hasSizeGreaterThan(40);
        RelocKinds kinds = RelocKinds.of(release);
        for (int i = 0; i < declared.size(); i++) {
            assertThat(kinds.number(declared.get(i))).as(declared.get(i)).isEqualTo(i + 1);
        }
        assertThat(kinds.numbers()).hasSize(declared.size());
        // The kinds instructions produce exist in every release (DWARF kinds came later).
        for (RelocType type : List.of(RelocType.ADDR, RelocType.CALL, RelocType.CALLIND, RelocType.CONST,
                RelocType.PCREL, RelocType.TLS_LE, RelocType.TLS_IE, RelocType.GOTOFF, RelocType.USEFIELD,
                RelocType.GOTPCREL)) {
            assertThat(declared).as("Go %s declares %s", release.line(), type.goName()).contains(type.goName());
        }
    }

    /** Worked out by hand: Go 1.19 numbers R_CALL 7 and R_TLS_LE 15; Go 1.15 had one more kind before each. */
    @Test
    void numbersMovedBetween115And119() {
        assertThat(RelocKinds.of(GoRelease.GO1_19).number("R_CALL")).isEqualTo(7);
        assertThat(RelocKinds.of(GoRelease.GO1_19).number("R_TLS_LE")).isEqualTo(15);
        assertThat(RelocKinds.of(GoRelease.GO1_15).number("R_CALL")).isEqualTo(8);
        assertThat(RelocKinds.of(GoRelease.GO1_15).number("R_TLS_LE")).isEqualTo(17);
    }
}
