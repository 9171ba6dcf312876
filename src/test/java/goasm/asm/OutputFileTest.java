package goasm.asm;

import goasm.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The output file is written whole, and a device given as output is written into, never replaced. */
class OutputFileTest {
    @TempDir
    Path work;

    @Test
    void devNullStaysADevice() throws Exception {
        Path devNull = Path.of("/dev/null");
        assertThat(Files.isRegularFile(devNull)).as("/dev/null is a device before the run").isFalse();
        Path source = work.resolve("f.s");
        Files.writeString(source, "TEXT ·f(SB),4,$0\n\tRET\n");
        int status = Main.run(new String[] {"asm", "-p", "main", "-o", "/dev/null", source.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(Files.exists(devNull)).isTrue();
        assertThat(Files.isRegularFile(devNull)).as("/dev/null is still a device").isFalse();
    }

    @Test
    void failedAssemblyLeavesDevNullADevice() throws Exception {
        // Go's asm removes its -o file after a failure, /dev/null included (as root it is
        // gone); goasm writes into devices and never removes them.
        Path devNull = Path.of("/dev/null");
        assertThat(Files.isRegularFile(devNull)).as("/dev/null is a device before the run").isFalse();
        Path source = work.resolve("bad.s");
        Files.writeString(source, "TEXT ·f(SB),0,$0\n\tJMP nowhere\n");
        int status = Main.run(new String[] {"asm", "-p", "main", "-o", "/dev/null", source.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(Files.exists(devNull)).isTrue();
        assertThat(Files.isRegularFile(devNull)).as("/dev/null is still a device").isFalse();
    }

    @Test
    void objectReplacesAnExistingFileWhole() throws Exception {
        Path source = work.resolve("f.s");
        Files.writeString(source, "TEXT ·f(SB),4,$0\n\tRET\n");
        Path object = work.resolve("f.o");
        Files.writeString(object, "stale");
        int status = Main.run(new String[] {"asm", "-p", "main", "-o", object.toString(), source.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(new String(Files.readAllBytes(object), 0, 10, StandardCharsets.ISO_8859_1)).isEqualTo("go object ");
        // The permissions Go's os.Create gives (0666 under the umask), not a temporary file's 0600.
        Path goObject = work.resolve("go.o");
        assertThat(goasm.conformance.GoOracle.asm(java.util.List.of("-p", "main", "-o", goObject.toString(),
                source.toString())).status()).isZero();
        assertThat(Files.getPosixFilePermissions(object)).isEqualTo(Files.getPosixFilePermissions(goObject));
        try (var files = Files.list(work)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("f.s", "f.o", "go.o");
        }
    }
}
