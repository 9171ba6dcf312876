package goasm.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the input, `goasm asm` ends with status 0 or 1 and Go-style messages: never an
 * escaped exception (which Main reports as "goasm: internal error"). Inputs are random lines
 * built from assembly vocabulary, so that they reach the parser, frame lowering and encoder.
 */
class NoCrashProperties {
    private static final String[] WORDS = {
        "TEXT", "DATA", "GLOBL", "PCDATA", "FUNCDATA", "RET", "JMP", "CALL", "MOVQ", "MOVL", "MOVB", "ADDQ",
        "LEAQ", "SHLQ", "IMUL3Q", "CMPQ", "JEQ", "JLS", "PUSHQ", "POPQ", "VADDPD", "VPXOR", "MOVOU", "NOP",
        "BYTE", "LOCK", "REP", "XCHGQ", "CMPXCHGQ", "DUFFZERO", "PCALIGN", "VGATHERDPD", "ADJSP",
        "AX", "BX", "SP", "BP", "R15", "R14", "X0", "X17", "Y3", "Z31", "K0", "K1", "SB", "FP", "PC", "TLS", "g",
        "·f", "runtime·x", "x<>", "f<ABIInternal>", "lbl", "lbl:", "$", "$-1", "$0x7fffffff", "$1<<63", "$(1.5)",
        "$\"str\"", "8", "-8", "(", ")", "(AX)", "(AX)(BX*8)", "(BX*3)", "+", "-", "*", "/", ",", ";", ":", "<>",
        ".Z", ".BCST", ".RN_SAE", "NOSPLIT", "4", "$0-8", "$16-24", "$-8", "#define", "#ifdef", "#endif", "#include",
        "\"textflag.h\"", "[X0-X3]", "@", "\\", "0.5", "'a'", "//", "/*", "*/"
    };

    @Provide
    Arbitrary<String> sources() {
        Arbitrary<String> line = Arbitraries.of(WORDS).list().ofMinSize(0).ofMaxSize(8).map(ws -> String.join(" ", ws));
        Arbitrary<String> body = line.list().ofMinSize(1).ofMaxSize(12).map(ls -> String.join("\n\t", ls));
        return body.map(b -> "TEXT ·f(SB), $16-8\n\t" + b + "\n\tRET\n");
    }

    private static final String[] OPERANDS = {
        "AX", "R15", "SP", "BP", "AL", "SIB", "AH", "X0", "X15", "X31", "Y7", "Y20", "Z0", "Z31", "K0", "K7", "M3",
        "F0", "CS", "CR0", "DR7", "TLS", "$0", "$1", "$-1", "$127", "$128", "$0x7fffffff", "$-0x80000000",
        "$0x100000000", "$(2.5)", "$\"ab\"", "$·f(SB)", "(AX)", "8(SP)", "-8(BP)", "(R13)", "(R12)(AX*8)",
        "0x10(AX)(X3*4)", "(BX)(Y9*8)", "(CX)(Z20*2)", "·x(SB)", "·x+8(SB)", "x<>(SB)", "a+0(FP)", "b-8(SP)",
        "(TLS)", "8(AX)(TLS*1)", "[X0-X3]", "[Z4-Z7]", "lbl", "2(PC)", "*·f(SB)"
    };

    /** Mostly well-formed instructions: real mnemonics with operands of every kind, in any combination. */
    @Provide
    Arbitrary<String> instructions() {
        Arbitrary<String> mnemonic = Arbitraries.of(goasm.arch.amd64.Op.values()).map(Enum::name);
        Arbitrary<String> suffix = Arbitraries.of("", "", "", ".Z", ".BCST", ".SAE", ".RN_SAE.Z");
        Arbitrary<String> operands = Arbitraries.of(OPERANDS).list().ofMinSize(0).ofMaxSize(4)
                .map(os -> String.join(", ", os));
        Arbitrary<String> line = net.jqwik.api.Combinators.combine(mnemonic, suffix, operands)
                .as((m, s, o) -> m + s + " " + o);
        return line.list().ofMinSize(1).ofMaxSize(6)
                .map(ls -> "TEXT ·f(SB), $16-8\nlbl:\n\t" + String.join("\n\t", ls) + "\n\tRET\n");
    }

    @Property(tries = 1000)
    void neverCrashesOnInstructions(@ForAll("instructions") String source) throws IOException {
        neverCrashes(source);
    }

    @Property(tries = 400)
    void neverCrashes(@ForAll("sources") String source) throws IOException {
        Path dir = Files.createTempDirectory("goasm-nocrash");
        try {
            Path file = dir.resolve("x.s");
            Files.writeString(file, source);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(new String[] {"asm", "-S", "-e", "-o", dir.resolve("x.o").toString(), file.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String errText = err.toString(StandardCharsets.UTF_8);
            assertThat(errText).as("stderr for:%n%s", source).doesNotContain("internal error").doesNotContain("Exception");
            assertThat(status).as("status for:%n%s%nstderr:%n%s", source, errText).isIn(0, 1);
            // As Go: the object is written when assembly succeeds and never left behind when it fails.
            assertThat(Files.exists(dir.resolve("x.o"))).as("x.o exists, status %d", status).isEqualTo(status == 0);
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.delete(dir);
        }
    }
}
