package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder rules that differ between releases, each release judged by its own assembler:
 * PCALIGN (an error up to Go 1.21, NOP padding and function alignment from 1.22, the padding
 * instruction's pc as each release lists it), MOVQ $imm (shortest form from 1.27), and the
 * operand checks added in 1.21 (.Z without an opmask, a gather without its third operand),
 * segment registers as the index (1.21) and how a bad SIB byte's registers are quoted (1.24).
 *
 * <p>Only what the encoder decides is compared: the listed instructions with their pcs, the
 * code bytes, the function's alignment, and the diagnostics, with the pc and position of the
 * quoted instruction and the function's name left out (the frame prologue, the position Go
 * gives PCALIGN and the symbol naming are other parts' concern).
 */
class EncoderReleaseRulesTest {
    @TempDir
    Path work;

    private static final String PCALIGN = """
            #include "textflag.h"
            TEXT ·f(SB),NOSPLIT,$0-0
            \tMOVQ $0, AX
            \tMOVQ $0x7fffffff, R9
            loop:
            \tPCALIGN $16
            \tMOVQ $1, BX
            \tMOVQ $-5, CX
            \tMOVQ $0x123456789, DX
            \tPCALIGN $64
            \tJMP loop
            \tPCALIGN $8
            \tRET
            """;

    /**
     * A forward jump to a PCALIGN: Go 1.22 to 1.24 pad before settling the jumps to the
     * instruction, so the jump keeps its zero displacement; 1.26 settles them first.
     */
    private static final String JUMP_TO_PCALIGN = """
            #include "textflag.h"
            TEXT ·f(SB),NOSPLIT,$0-0
            \tJMP fwd
            \tMOVQ $1, AX
            fwd:
            \tPCALIGN $16
            \tRET
            """;

    /** PCALIGNMAX (from Go 1.23): pads only when that takes at most the given bytes. */
    private static final String PCALIGNMAX = """
            #include "textflag.h"
            TEXT ·f(SB),NOSPLIT,$0-0
            \tMOVQ $1, AX
            \tPCALIGNMAX $16, $12
            \tMOVQ $1, AX
            \tPCALIGNMAX $16, $3
            \tPCALIGNMAX $32, $0
            \tRET
            """;

    private static final String BAD_PCALIGNMAX = """
            #include "textflag.h"
            TEXT ·f(SB),NOSPLIT,$0-0
            \tPCALIGNMAX $16, $16
            \tPCALIGNMAX $12, $3
            \tPCALIGNMAX $16, $-1
            \tRET
            """;

    @ParameterizedTest
    @EnumSource(value = GoRelease.class, names = {"GO1_23", "GO1_24", "GO1_26", "GO1_27"})
    void pcAlignMaxIsTheReleases(GoRelease release) throws IOException {
        sameAsGo(release, "pcalignmax.s", PCALIGNMAX);
        sameAsGo(release, "badpcalignmax.s", BAD_PCALIGNMAX);
    }

    private static final String BAD_PCALIGN = """
            #include "textflag.h"
            TEXT ·f(SB),NOSPLIT,$0-0
            \tPCALIGN $3
            \tPCALIGN $4096
            \tRET
            """;

    private static final String OPERAND_CHECKS = """
            #include "textflag.h"
            TEXT ·f(SB),NOSPLIT,$0-0
            \tVMOVDQA32.Z Z0, Z1
            \tVMOVDQA32.Z Z0, K1, Z1
            \tVPGATHERDQ (AX), X1
            \tRET
            """;

    /** Segment registers as the index: an error up to Go 1.19, only a prefix from 1.21. */
    private static final String SEGMENT_INDEX = """
            #include "textflag.h"
            TEXT ·f(SB),NOSPLIT,$0-0
            \tMOVQ (AX)(FS*1), BX
            \tLEAQ 8(AX)(GS*1), BX
            \tMOVQ 8(SP)(SS*1), BX
            \tRET
            """;

    /** A base that is no general register: registers quoted by number up to Go 1.23, by name from 1.24. */
    private static final String BAD_SIB = """
            #include "textflag.h"
            TEXT ·f(SB),NOSPLIT,$0-0
            \tMOVQ (X1)(BX*1), AX
            \tMOVL 16(CS)(AX*2), BX
            \tRET
            """;

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void segmentIndexesAreTheReleases(GoRelease release) throws IOException {
        sameAsGo(release, "segment.s", SEGMENT_INDEX);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void badSibRegistersAreQuotedAsTheReleaseDoes(GoRelease release) throws IOException {
        sameAsGo(release, "badsib.s", BAD_SIB);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void pcAlignAndImmediateMovesAreTheReleases(GoRelease release) throws IOException {
        sameAsGo(release, "pcalign.s", PCALIGN);
        sameAsGo(release, "jump.s", JUMP_TO_PCALIGN);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void badAlignmentsAreReportedAsTheReleaseDoes(GoRelease release) throws IOException {
        sameAsGo(release, "badalign.s", BAD_PCALIGN);
    }

    /** Go 1.15 and 1.19 crash on a gather without its third operand, so they are not asked. */
    @ParameterizedTest
    @EnumSource(value = GoRelease.class, names = {"GO1_15", "GO1_19"}, mode = EnumSource.Mode.EXCLUDE)
    void operandChecksAreTheReleases(GoRelease release) throws IOException {
        sameAsGo(release, "checks.s", OPERAND_CHECKS);
    }

    /**
     * k forward JMPs whose growth to the long form ripples: JMP t1 is out of short reach at
     * once, and each JMP ti reaches ti in short form until the k-1 jumps after it have grown
     * (each by 3 bytes), so layout takes k+1 passes. Go 1.15 gives up after 20 passes, later
     * releases after 1000.
     */
    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void layoutPassesAreLimitedAsTheReleaseDoes(GoRelease release) throws IOException {
        sameAsGo(release, "chain19.s", growingChain(19));
        sameAsGo(release, "chain20.s", growingChain(20));
    }

    private static String growingChain(int k) {
        StringBuilder s = new StringBuilder("#include \"textflag.h\"\nTEXT ·f(SB),NOSPLIT,$0-0\n");
        for (int i = k; i >= 1; i--) {
            s.append("\tJMP t").append(i).append('\n');
        }
        // JMP ti spans the i-1 two-byte jumps after it, this gap and 5 bytes per target before
        // ti: 135 - 3i bytes, so that JMP t1 needs 130 and JMP ti exactly 127 before growth.
        int gap = 135 - 5 * k;
        for (; gap >= 5; gap -= 5) {
            s.append("\tMOVL $1, AX\n");
        }
        for (; gap > 0; gap--) {
            s.append("\tBYTE $0x90\n");
        }
        for (int i = k; i >= 1; i--) {
            s.append('t').append(i).append(":\n\tMOVL $1, AX\n");
        }
        return s.append("\tRET\n").toString();
    }

    private void sameAsGo(GoRelease release, String name, String source) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, source, StandardCharsets.UTF_8);
        GoOracle.Toolchain go = GoOracle.of(release);
        List<String> args = List.of("-S", "-I", go.includeDir().toString(), "-o", work.resolve("x.o").toString(),
                file.toString());
        RunResult want = go.asm(args, null, Map.of());
        RunResult got = Goasm.asm(release, args, Path.of(""), Map.of());

        assertThat(got.status() == 0).as("assembles").isEqualTo(want.status() == 0);
        assertThat(normalized(got.stderr())).as("diagnostics").isEqualTo(normalized(want.stderr()));
        if (want.status() == 0) {
            // The listing was read: there is something to compare.
            assertThat(instructions(want.stdout())).as("Go's instructions").isNotEmpty();
            assertThat(code(want.stdout())).as("Go's code").isNotEmpty();
        }
        assertThat(instructions(got.stdout())).as("instructions").isEqualTo(instructions(want.stdout()));
        assertThat(code(got.stdout())).as("code").isEqualTo(code(want.stdout()));
        if (alignmentOf(want.stdout()) != null) {
            // Go 1.15's listing header has no align= field.
            assertThat(alignmentOf(got.stdout())).as("function alignment").isEqualTo(alignmentOf(want.stdout()));
        }
    }

    /** A listed instruction: "0x0004 00004 (f.s:6)\tPCALIGN\t$16". */
    private static final Pattern INSTRUCTION = Pattern.compile("^\t(0x[0-9a-f]{4}) \\d{5} \\([^)]*\\)\t(.*)$");
    /** A line of the hex dump: "0x0000 48 c7 ...". */
    private static final Pattern DUMP = Pattern.compile("^\t0x[0-9a-f]{4} ((?:[0-9a-f]{2} )+)");

    /**
     * The listed instructions after TEXT and FUNCDATA, with their pcs but without positions:
     * where a PCALIGN is listed is the parser's business (Go lists some releases' at an
     * unknown line).
     */
    private static List<String> instructions(String listing) {
        return listing.lines().map(INSTRUCTION::matcher).filter(java.util.regex.Matcher::matches)
                .map(m -> m.group(1) + " " + m.group(2))
                .filter(l -> !l.contains(" TEXT\t") && !l.contains(" FUNCDATA\t"))
                .toList();
    }

    /** The function's bytes from the hex dump. */
    private static String code(String listing) {
        StringBuilder hex = new StringBuilder();
        listing.lines().map(DUMP::matcher).filter(java.util.regex.Matcher::find).forEach(m -> hex.append(m.group(1)));
        return hex.toString();
    }

    private static final Pattern PROG_PC = Pattern.compile("\\b\\d{5} \\([^)]*\\)");
    private static final Pattern FUNCTION = Pattern.compile("^asm: [^ :]*\\.f: ", Pattern.MULTILINE);
    private static final Pattern ALIGN = Pattern.compile("align=(0x[0-9a-f]+)");

    private static String normalized(String stderr) {
        return FUNCTION.matcher(PROG_PC.matcher(stderr).replaceAll("(position)")).replaceAll("asm: FUNCTION: ");
    }

    private static String alignmentOf(String listing) {
        var m = ALIGN.matcher(listing);
        return m.find() ? m.group(1) : null;
    }
}
