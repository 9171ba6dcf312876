package goasm.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * goasm run in-process "from" another folder (Main.run with a working directory) reads
 * relative files, #includes and -I folders there and names them as written, as Go's assembler
 * started in that folder does.
 */
class WorkingDirectoryTest {
    @TempDir
    Path work;

    @Test
    void relativeFilesIncludesAndIncludeDirsAreReadFromTheWorkingDirectory() throws IOException {
        Path pkg = Files.createDirectories(work.resolve("pkg"));
        Files.createDirectories(work.resolve("gen"));
        Files.writeString(work.resolve("gen/go_asm.h"), "#define answer 42\n");
        Files.writeString(pkg.resolve("local.h"), "#define two 2\n");
        Files.writeString(pkg.resolve("f_amd64.s"), """
                #include "textflag.h"
                #include "go_asm.h"
                #include "local.h"

                TEXT ·f(SB), NOSPLIT, $0-8
                	MOVQ	$answer, AX
                	ADDQ	$two, AX
                	MOVQ	AX, ret+0(FP)
                	RET
                """);
        List<String> args = List.of("-S", "-p", "pkg", "-I", "../gen", "-I", GoOracle.includeDir().toString(),
                "-o", "f.o", "./f_amd64.s");

        RunResult go = GoOracle.asm(args, pkg);
        RunResult goasm = Goasm.asm(args, pkg);

        assertThat(go.status()).as("Go's stderr: %s", go.stderr()).isZero();
        assertThat(go.stdout()).as("Go names the file as written").contains("(./f_amd64.s:6)\tMOVQ\t$42, AX");
        assertThat(goasm.stdoutBytesAsText()).isEqualTo(go.stdoutBytesAsText());
        assertThat(goasm.stderrBytesAsText()).isEqualTo(go.stderrBytesAsText());
        assertThat(goasm.status()).isEqualTo(go.status());
    }

    @Test
    void aMissingRelativeFileIsReportedAsWritten() {
        List<String> args = List.of("-o", "x.o", "./absent.s");

        RunResult go = GoOracle.asm(args, work);
        RunResult goasm = Goasm.asm(args, work);

        assertThat(go.stderr()).isEqualTo("asm: open ./absent.s: no such file or directory\n");
        assertThat(goasm.stderrBytesAsText()).isEqualTo(go.stderrBytesAsText());
        assertThat(goasm.status()).isEqualTo(go.status());
    }
}
