package goasm.link;

import goasm.run.RunOptions;
import goasm.run.Runner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unresolved symbols in Go 1.19's linker words; the expected lines are what `go build` printed
 * for the same assembly (main.go declaring main, p.s calling ·missing and reading nodata(SB)):
 * "main.main: relocation target main.missing not defined" and "... nodata not defined", status 2.
 */
class LinkerErrorsTest {
    @TempDir
    Path dir;

    private String run(String source, int[] status) throws Exception {
        Path file = dir.resolve("p.s");
        Files.writeString(file, source);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status[0] = new Runner(new RunOptions(List.of(file.toString()), List.of(), List.of(), false, false, 1),
                    e, e).run();
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void undefinedTargetsAreReportedOncePerReferenceAsGoDoes() throws Exception {
        int[] status = new int[1];
        String err = run("""
                TEXT ·main(SB), $16-0
                \tCALL ·missing(SB)
                \tCALL ·missing(SB)
                \tMOVQ nodata(SB), AX
                \tRET
                """, status);
        assertThat(err).isEqualTo("main.main: relocation target main.missing not defined\n"
                + "main.main: relocation target nodata not defined\n");
        assertThat(status[0]).isEqualTo(2);
    }

    @Test
    void aProgramWithoutMainIsGosMissingMainError() throws Exception {
        int[] status = new int[1];
        String err = run("TEXT ·notmain(SB), $0\n\tRET\n", status);
        // Go's linker: errorUnresolved's special case for main.main, reported from runtime.main_main·f.
        assertThat(err).isEqualTo("runtime.main_main·f: function main is undeclared in the main package\n");
        assertThat(status[0]).isEqualTo(2);
    }
}
