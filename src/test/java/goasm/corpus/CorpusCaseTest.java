package goasm.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A recorded case's folder becomes the arguments of a run that stands alone. */
class CorpusCaseTest {
    @TempDir
    Path corpus;

    private Path writeCase(String name, String kind, String... args) throws IOException {
        Path dir = Files.createDirectories(corpus.resolve(name));
        Files.writeString(dir.resolve("kind"), kind + "\n");
        Files.writeString(dir.resolve("cwd"), corpus + "\n");
        Files.writeString(dir.resolve("args"), String.join("\n", args) + "\n");
        return dir;
    }

    @Test
    void placeholdersBecomeTheCaseFolderAndTheOutputFolder() throws IOException {
        Path dir = writeCase("runtime.asm", "asm", "-p", "runtime", "-trimpath", "@CASE@/inc=>", "-I", "@CASE@/inc/",
                "-o", "@OUT@/asm.o", "./asm.s");
        CorpusCase c = CorpusCase.read(dir);
        Path out = Path.of("/tmp/o");

        assertThat(c.kind()).isEqualTo(CorpusCase.Kind.ASM);
        // An assembly run is compared by its listing, so -S comes first.
        assertThat(c.args(out)).containsExactly("-S", "-p", "runtime", "-trimpath", dir + "/inc=>", "-I", dir + "/inc/",
                "-o", "/tmp/o/asm.o", "./asm.s");
        assertThat(c.output(out)).isEqualTo(Path.of("/tmp/o/asm.o"));
    }

    @Test
    void aSymabisRunGetsNoListingFlag() throws IOException {
        CorpusCase c = CorpusCase.read(writeCase("runtime.symabis", "symabis", "-gensymabis", "-o", "@OUT@/symabis", "./a.s"));

        assertThat(c.kind()).isEqualTo(CorpusCase.Kind.SYMABIS);
        assertThat(c.args(Path.of("/o"))).containsExactly("-gensymabis", "-o", "/o/symabis", "./a.s");
    }

    @Test
    void theDigestChangesWithTheSourceAndTheHeadersButNotWithTheOutputFolder() throws IOException {
        Path dir = writeCase("p.asm", "asm", "-I", "@CASE@/inc", "-o", "@OUT@/p.o", "a.s");
        Files.writeString(corpus.resolve("a.s"), "RET\n");
        Files.createDirectories(dir.resolve("inc"));
        Files.writeString(dir.resolve("inc/go_asm.h"), "#define x 1\n");
        Path tool = Files.writeString(corpus.resolve("tool"), "binary");
        String first = CorpusCase.read(dir).inputDigest(tool);

        assertThat(CorpusCase.read(dir).inputDigest(tool)).isEqualTo(first);
        Files.writeString(corpus.resolve("a.s"), "NOP\n");
        String afterSource = CorpusCase.read(dir).inputDigest(tool);
        assertThat(afterSource).isNotEqualTo(first);
        Files.writeString(dir.resolve("inc/go_asm.h"), "#define x 2\n");
        assertThat(CorpusCase.read(dir).inputDigest(tool)).isNotEqualTo(afterSource);
    }

    @Test
    void readAllFindsTheCasesInNameOrder() throws IOException {
        writeCase("b.asm", "asm", "b.s");
        writeCase("a.symabis", "symabis", "a.s");
        Files.createDirectories(corpus.resolve(".report"));

        List<String> names = CorpusCase.readAll(corpus).stream().map(CorpusCase::name).toList();

        assertThat(names).containsExactly("a.symabis", "b.asm");
    }
}
