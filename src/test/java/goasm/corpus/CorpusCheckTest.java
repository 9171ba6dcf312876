package goasm.corpus;

import goasm.release.GoRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which release a corpus is checked with, which releases must be exact, and how reasons are grouped. */
class CorpusCheckTest {
    @Test
    void aCorpusIsCheckedWithTheReleaseThatRecordedIt(@TempDir Path corpus) throws Exception {
        Files.writeString(corpus.resolve("go-version"), "go1.27.3\n");
        assertThat(CorpusCheck.releaseOf(corpus)).isEqualTo(GoRelease.GO1_27);
    }

    @Test
    void aCorpusWithoutGoVersionIsGo119s(@TempDir Path corpus) throws Exception {
        // record.sh recorded Go 1.19 only before it wrote go-version.
        assertThat(CorpusCheck.releaseOf(corpus)).isEqualTo(GoRelease.GO1_19);
    }

    @Test
    void aCorpusOfAnUnsupportedReleaseIsRefused(@TempDir Path corpus) throws Exception {
        Files.writeString(corpus.resolve("go-version"), "go1.20.14\n");
        assertThatThrownBy(() -> CorpusCheck.releaseOf(corpus)).hasMessageContaining("go1.20.14");
    }

    @Test
    void releasesAreNamedByLineOrAll() {
        assertThat(StdlibCorpusTest.parseReleases("1.15 1.27")).containsExactly(GoRelease.GO1_15, GoRelease.GO1_27);
        assertThat(StdlibCorpusTest.parseReleases("1.15,1.19")).containsExactly(GoRelease.GO1_15, GoRelease.GO1_19);
        assertThat(StdlibCorpusTest.parseReleases("all")).isEqualTo(GoRelease.all());
        assertThatThrownBy(() -> StdlibCorpusTest.parseReleases("1.20")).hasMessageContaining("1.20");
    }

    @Test
    void ciChecksTheOldestAndNewestReleaseAnd119() {
        assertThat(StdlibCorpusTest.parseReleases(StdlibCorpusTest.CI_RELEASES))
                .contains(GoRelease.all().get(0), GoRelease.NEWEST, GoRelease.GO1_19);
    }

    @Test
    void go119IsExact() {
        assertThat(StdlibCorpusTest.exactReleases()).contains(GoRelease.GO1_19);
    }

    @Test
    void symbolNamesAreLeftOutOfReasons() {
        assertThat(CorpusCheck.withoutSymbols("FUNCDATA\t$0, \"\".freeze.args_stackmap(SB)"))
                .isEqualTo("FUNCDATA\t$0, sym(SB)");
        assertThat(CorpusCheck.withoutSymbols("runtime.memmove STEXT nosplit size=N args=N locals=N"))
                .isEqualTo("sym STEXT nosplit size=N args=N locals=N");
        assertThat(CorpusCheck.withoutSymbols("MOVQ\t(TLS), CX")).isEqualTo("MOVQ\t(TLS), CX");
    }

    @Test
    void aFlagErrorIsOneReasonWithoutItsUsageText() {
        String goasm = "flag provided but not defined: -std\nusage: asm [options] file.s ...\nFlags:\n  -D value\n"
                + "\tpredefined symbol\n";
        assertThat(CorpusCheck.messageReasons("goasm says", goasm, ""))
                .containsExactly("goasm says: flag provided but not defined: -std");
    }

    @Test
    void anExceptionEscapingGoasmIsACrash(@TempDir Path dir) {
        CorpusCase c = new CorpusCase("linux.runtime.asm_amd64.s", CorpusCase.Kind.ASM, dir, dir,
                java.util.List.of("-o", "@OUT@/asm.o", "asm.s"), java.util.Map.of());
        CorpusCheck.Outcome go = new CorpusCheck.Outcome(0, "listing\n", "", "", "object");
        CorpusCheck.Outcome crash = new CorpusCheck.Outcome(goasm.conformance.Goasm.ESCAPED_EXCEPTION, "",
                "(escaped from Main.run) java.lang.IllegalStateException: boom\n\tat goasm.X.y(X.java:1)\n", "", "");
        CorpusCheck.Difference d = CorpusCheck.compare(c, go, crash);
        assertThat(d.crashed()).isTrue();
        assertThat(d.reasons()).containsExactly("goasm crashed: (escaped from Main.run) java.lang.IllegalStateException: boom");

        CorpusCheck.Outcome wrong = new CorpusCheck.Outcome(1, "", "asm.s:1: bad\n", "", "");
        assertThat(CorpusCheck.compare(c, go, wrong).crashed()).isFalse();
        assertThat(CorpusCheck.compare(c, go, go)).isNull();
    }
}
