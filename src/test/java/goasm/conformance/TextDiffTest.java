package goasm.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextDiffTest {
    @Test
    void equalTextsHaveNoDifference() {
        assertThat(TextDiff.firstDifference("a", "x\ny\n", "b", "x\ny\n")).isNull();
    }

    @Test
    void showsTheFirstDifferingLineWithContextFromBothSides() {
        String report = TextDiff.firstDifference("go", "1\n2\n3\n4\n5\n6\n", "goasm", "1\n2\n3\n4\nfive\n6\n");
        assertThat(report).isEqualTo("""
                first difference at line 5 (go: 6 lines, goasm: 6 lines)
                --- go
                      2 2
                      3 3
                      4 4
                >     5 5
                      6 6
                --- goasm
                      2 2
                      3 3
                      4 4
                >     5 five
                      6 6
                """);
    }

    @Test
    void missingLinesShowAsTheEndOfOutput() {
        String report = TextDiff.firstDifference("go", "a\nb\n", "goasm", "");
        assertThat(report).startsWith("first difference at line 1 (go: 2 lines, goasm: 0 lines)")
                .endsWith("--- goasm\n> (end of output)\n");
    }

    @Test
    void tabsAreVisibleAndLongLinesCut() {
        String report = TextDiff.firstDifference("go", "\tMOVQ\n", "goasm", "x".repeat(1000) + "\n");
        assertThat(report).contains(">     1 \\tMOVQ").contains("... (1000 chars)");
    }

    @Test
    void aMissingFinalNewlineIsReported() {
        assertThat(TextDiff.firstDifference("go", "a\n", "goasm", "a"))
                .startsWith("the texts differ only in line endings or a final newline");
    }
}
