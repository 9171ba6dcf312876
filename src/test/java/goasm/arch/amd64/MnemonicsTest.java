package goasm.arch.amd64;

import goasm.obj.Opcode;
import goasm.obj.Pseudo;
import goasm.release.GoRelease;
import goasm.release.InstructionSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which words each release reads as which instruction. Expectations from each release's
 * cmd/internal/obj/x86/aenum.go (the instructions) and cmd/asm/internal/arch/arch.go (the
 * aliases): ARDPID first appears in 1.21's list, AENDBR64 in 1.26's, obj.APCALIGNMAX in 1.23's
 * cmd/internal/obj/link.go; 1.15 lists AMOVBEWW,
 * AMOVBELL and AMOVBEQQ where 1.16 and later list AMOVBEW, AMOVBEL and AMOVBEQ and map the
 * doubled names to them.
 */
class MnemonicsTest {
    private static Object lookup(GoRelease release, String word) {
        return Mnemonics.lookup(word, InstructionSet.of(release));
    }

    @Test
    void go115SpellsMovbeWithDoubledSuffixes() {
        assertThat(lookup(GoRelease.GO1_15, "MOVBEWW")).isEqualTo(Op.MOVBEWW);
        assertThat(lookup(GoRelease.GO1_15, "MOVBELL")).isEqualTo(Op.MOVBELL);
        assertThat(lookup(GoRelease.GO1_15, "MOVBEQQ")).isEqualTo(Op.MOVBEQQ);
        assertThat(lookup(GoRelease.GO1_15, "MOVBEW")).isNull();
        assertThat(lookup(GoRelease.GO1_15, "MOVBEL")).isNull();
        assertThat(lookup(GoRelease.GO1_15, "MOVBEQ")).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = GoRelease.class, names = "GO1_15", mode = EnumSource.Mode.EXCLUDE)
    void laterReleasesReadTheDoubledNamesAsAliases(GoRelease release) {
        assertThat(lookup(release, "MOVBEW")).isEqualTo(Op.MOVBEW);
        assertThat(lookup(release, "MOVBEWW")).isEqualTo(Op.MOVBEW);
        assertThat(lookup(release, "MOVBELL")).isEqualTo(Op.MOVBEL);
        assertThat(lookup(release, "MOVBEQQ")).isEqualTo(Op.MOVBEQ);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void rdpidFrom121AndEndbr64From126(GoRelease release) {
        assertThat(lookup(release, "RDPID")).isEqualTo(release.minor() >= 21 ? Op.RDPID : null);
        assertThat(lookup(release, "ENDBR64")).isEqualTo(release.minor() >= 26 ? Op.ENDBR64 : null);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void pcalignmaxFrom123(GoRelease release) {
        assertThat(lookup(release, "PCALIGNMAX")).isEqualTo(release.minor() >= 23 ? Pseudo.PCALIGNMAX : null);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void commonWordsAndAliasesAreTheSameEverywhere(GoRelease release) {
        assertThat(lookup(release, "MOVQ")).isEqualTo(Op.MOVQ);
        assertThat(lookup(release, "JZ")).isEqualTo(Op.JEQ);
        assertThat(lookup(release, "MOVD")).isEqualTo(Op.MOVQ);
        assertThat(lookup(release, "PCALIGN")).isEqualTo(Pseudo.PCALIGN);
        assertThat(lookup(release, "VPGATHERDQ")).isEqualTo(Op.VPGATHERDQ);
        assertThat(lookup(release, "NOSUCH")).isNull();
    }

    /** A typo in the release facts would make an instruction silently available everywhere. */
    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void everyUnknownNameIsAnInstruction(GoRelease release) {
        assertThat(InstructionSet.of(release).unknown())
                .allSatisfy(name -> assertThat(Stream.concat(Arrays.stream(Op.values()), Arrays.stream(Pseudo.values()))
                        .map(Opcode::mnemonic)).contains(name));
    }
}
