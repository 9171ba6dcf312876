package goasm.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command answers -h and --help; `goasm help CMD` works for each; `goasm` alone is a usage
 * error (status 2, as Go's tools). The subcommands are read from Main's declaration, so a new one
 * is covered without touching this test. `goasm asm` is the exception by design: its flags are
 * Go's, and so is its answer to -h (Go's usage text, status 2).
 */
class HelpTest {
    record Run(int status, String out, String err) {
    }

    static Run goasm(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, java.nio.file.Path.of(""), Map.of(), o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The subcommands Main declares, by name, but the help command itself and asm. */
    static List<String> subcommands() {
        return Arrays.stream(Main.class.getAnnotation(Command.class).subcommands())
                .map(c -> c.getAnnotation(Command.class).name())
                .filter(name -> !name.equals("help") && !name.equals("asm"))
                .toList();
    }

    @Test
    void noCommandIsAUsageError() {
        Run r = goasm();
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("Usage: goasm");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void topLevelHelp() {
        for (String flag : List.of("-h", "--help")) {
            Run r = goasm(flag);
            assertThat(r.status()).as(flag).isZero();
            assertThat(r.out()).as(flag).startsWith("Usage: goasm").contains("Commands:");
            for (String name : subcommands()) {
                assertThat(r.out()).as("%s lists %s", flag, name).contains("  " + name + " ");
            }
        }
        assertThat(goasm("help").out()).isEqualTo(goasm("--help").out());
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void everySubcommandAnswersHelp(String name) {
        Run shortFlag = goasm(name, "-h");
        Run longFlag = goasm(name, "--help");
        Run viaHelp = goasm("help", name);
        for (Run r : List.of(shortFlag, longFlag, viaHelp)) {
            assertThat(r.status()).as("%s help: %s", name, r.err()).isZero();
            assertThat(r.out()).startsWith("Usage: goasm " + name);
            assertThat(r.err()).isEmpty();
        }
        assertThat(longFlag.out()).isEqualTo(shortFlag.out()).isEqualTo(viaHelp.out());
    }

    @Test
    void asmAnswersHelpAsGoDoes() {
        Run r = goasm("asm", "-h");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("usage: asm [options] file.s ...\nFlags:\n");
        assertThat(goasm("help", "asm").out()).startsWith("Usage: goasm asm");
    }

    @Test
    void runHelpIsNotTakenForAFile() {
        assertThat(goasm("run", "--help").err()).doesNotContain("no such file");
    }
}
