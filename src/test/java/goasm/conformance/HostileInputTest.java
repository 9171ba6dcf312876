package goasm.conformance;

import goasm.release.GoRelease;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Inputs a hostile user tries: files that are directories, links and loops as output, stale
 * objects, bytes that are not UTF-8, numbers a megabyte long, frame sizes beyond 32 bits,
 * malformed flags. For each, in every release, goasm must do what that release's asm does:
 * same status, stdout, stderr, and the same files afterwards ({@link SideBySide}; the one
 * exception by design: goasm leaves no output file after a failure).
 */
class HostileInputTest {
    @TempDir
    Path work;

    /** One hostile run: how its directory is prepared and the command line (after -p main). */
    record Case(String name, Consumer<Path> setup, List<String> args) {
    }

    private static final String OK_FUNCTION = "TEXT ·f(SB),0,$0\n\tRET\n";
    /**
     * A function the encoder refuses, then a hundred that assemble: Go lays out the object and
     * lists its functions into its 4096-byte stdout buffer, and exits
     * with only the full buffers written.
     */
    private static final String LONG_FUNCTION_THEN_ENCODER_ERROR = "TEXT ·f(SB),0,$0\n\tMOVQ (AX)(X1*1), BX\n\tRET\n"
            + java.util.stream.IntStream.range(0, 100).mapToObj(i -> "TEXT ·g" + i + "(SB),0,$0\n\tRET\n")
            .collect(java.util.stream.Collectors.joining());

    static Consumer<Path> files(String... namesAndTexts) {
        return dir -> {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                write(dir.resolve(namesAndTexts[i]), namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Consumer<Path> directory(String name) {
        return dir -> {
            try {
                Files.createDirectories(dir.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static Consumer<Path> link(String name, String target) {
        return dir -> {
            try {
                Files.createSymbolicLink(dir.resolve(name), Path.of(target));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @SafeVarargs
    static Case of(String name, List<String> args, Consumer<Path>... setups) {
        return new Case(name, dir -> {
            for (Consumer<Path> s : setups) {
                s.accept(dir);
            }
        }, args);
    }

    static List<Case> cases() {
        byte[] invalidUtf8 = concat("DATA ·s+0(SB)/2, $\"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff,
                (byte) 0xfe}, "\"\nGLOBL ·s(SB),0,$8\n".getBytes(StandardCharsets.UTF_8));
        byte[] invalidUtf8Fits = concat("DATA ·s+0(SB)/8, $\"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xc3},
                "\"\nGLOBL ·s(SB),0,$8\n".getBytes(StandardCharsets.UTF_8));
        String megabyteDecimal = "9".repeat(1 << 20);
        List<Case> cases = new ArrayList<>(List.of(
                // 1: a failed run must not leave yesterday's object behind.
                of("stale object after a failed assembly", List.of("-o", "x.o", "f.s"),
                        files("x.o", "previous\n", "f.s", "TEXT ·f(SB),0,$0\n\tJMP nowhere\n\tRET\n")),
                of("stale object after a missing input", List.of("-o", "x.o", "nosuch.s"), files("x.o", "previous\n")),
                of("stale object after a preprocessor error", List.of("-o", "x.o", "f.s"),
                        files("x.o", "previous\n", "f.s", "#include \"nosuch.h\"\n" + OK_FUNCTION)),
                of("output overwritten after success", List.of("-o", "x.o", "f.s"), files("x.o", "previous\n", "f.s",
                        OK_FUNCTION)),
                // 2: numbers of a megabyte (Go reads them in linear time; so must goasm).
                of("megabyte decimal immediate", List.of("-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f(SB),0,$0\n\tMOVQ $" + megabyteDecimal + ", AX\n\tRET\n")),
                of("megabyte hex immediate", List.of("-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f(SB),0,$0\n\tMOVQ $0x" + "f".repeat(1 << 20) + ", AX\n\tRET\n")),
                of("octal digits past 64 bits before a bad digit", List.of("-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f(SB),0,$0\n\tMOVQ $0" + "7".repeat(30) + "9, AX\n\tRET\n")),
                of("negative immediate past 64 bits", List.of("-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f(SB),0,$0\n\tMOVQ $-99999999999999999999, AX\n\tRET\n")),
                // 3: strings are bytes.
                of("string escapes of bytes 0x80 and above", List.of("-o", "x.o", "f.s"),
                        files("f.s", "DATA ·s+0(SB)/2, $\"\\xff\\x80\"\nGLOBL ·s(SB),0,$8\n")),
                of("octal escape \\377", List.of("-S", "-o", "x.o", "f.s"),
                        files("f.s", "DATA ·s+0(SB)/1, $\"\\377\"\nGLOBL ·s(SB),0,$8\n")),
                of("raw invalid UTF-8 in a string", List.of("-o", "x.o", "f.s"),
                        dir -> write(dir.resolve("f.s"), invalidUtf8)),
                of("raw invalid UTF-8 that fits", List.of("-o", "x.o", "f.s"),
                        dir -> write(dir.resolve("f.s"), invalidUtf8Fits)),
                of("multi-byte UTF-8 in a string", List.of("-o", "x.o", "f.s"),
                        files("f.s", "DATA ·s+0(SB)/8, $\"é€\"\nGLOBL ·s(SB),0,$8\n")),
                // 4: directories where files are expected.
                of("a directory as input", List.of("-o", "x.o", "adir.s"), directory("adir.s")),
                of("#include of a directory", List.of("-o", "x.o", "f.s"), directory("adir.s"),
                        files("f.s", "#include \"adir.s\"\n" + OK_FUNCTION)),
                of("#include \"\"", List.of("-o", "x.o", "f.s"), files("f.s", "#include \"\"\n" + OK_FUNCTION)),
                of("a directory as -o", List.of("-o", "d", "f.s"), directory("d"), files("f.s", OK_FUNCTION)),
                of("-o in a missing directory", List.of("-o", "nodir/x.o", "f.s"), files("f.s", OK_FUNCTION)),
                of("-I naming a file", List.of("-I", "afile", "-o", "x.o", "f.s"),
                        files("afile", "x\n", "f.s", "#include \"zz.h\"\n" + OK_FUNCTION)),
                // 5: frame sizes are int32 in Go's back end.
                of("frame size 2^32", List.of("-S", "-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f(SB),0,$4294967296-8\n\tRET\n")),
                of("frame size 99999999999999", List.of("-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f(SB),0,$99999999999999-8\n\tRET\n")),
                of("frame size 2^31 with a call", List.of("-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f(SB),0,$2147483648-8\n\tCALL ·f(SB)\n\tRET\n")),
                // 6: symabis reads ABI selectors without complaint.
                of("-gensymabis with <ABIInternal>", List.of("-gensymabis", "-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f<ABIInternal>(SB),0,$0\n\tCALL ·g<Bogus>(SB)\n\tRET\n")),
                // 7: -D that names no identifier.
                of("-D =1", List.of("-D", "=1", "-o", "x.o", "f.s"), files("f.s", OK_FUNCTION)),
                of("-D with a blank", List.of("-D", "A B", "-o", "x.o", "f.s"), files("f.s", OK_FUNCTION)),
                of("-D function-like", List.of("-D", "F(x)=x", "-o", "x.o", "f.s"), files("f.s", OK_FUNCTION)),
                // 8: links.
                of("-o through a symbolic link", List.of("-o", "link.o", "f.s"), files("target.o", "old\n", "f.s",
                        OK_FUNCTION), link("link.o", "target.o")),
                of("-o through a dangling link", List.of("-o", "link.o", "f.s"), files("f.s", OK_FUNCTION),
                        link("link.o", "made.o")),
                of("-o through a link, assembly failing", List.of("-o", "link.o", "f.s"),
                        files("target.o", "old\n", "f.s", "TEXT ·f(SB),0,$0\n\tJMP nowhere\n"), link("link.o", "target.o")),
                of("-o on a link loop", List.of("-o", "loop1", "f.s"), files("f.s", OK_FUNCTION),
                        link("loop1", "loop2"), link("loop2", "loop1")),
                // 9: Go's words.
                of("unknown -d key", List.of("-d", "nosuch=1", "-o", "x.o", "f.s"), files("f.s", OK_FUNCTION)),
                of("-V=goexperiment", List.of("-V=goexperiment")),
                of("#line out of range", List.of("-o", "x.o", "f.s"),
                        files("f.s", "#line 99999999999999999999 \"x.s\"\n" + OK_FUNCTION)),
                of("indexes the encoder refuses", List.of("-o", "x.o", "f.s"), files("f.s",
                        "TEXT ·f(SB),0,$0\n\tMOVQ (AX)(X1*1), BX\n\tLEAQ (SP)(SP*1), AX\n\tMOVQ 0(SP)(X5*2), AX\n\tRET\n")),
                of("conditional jump to a symbol", List.of("-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f(SB),0,$0\n\tJEQ ·f(SB)\n\tRET\n")),
                of("jumps to symbols, and other errors", List.of("-o", "x.o", "f.s"), files("f.s",
                        "TEXT ·f(SB),0,$0\n\tJEQ ·f(SB)\n\tDUFFZERO ·f(SB)\n\tLOOP ·f(SB)\n\tMOVQ $1, 1(AX)(BX*3)\n\tFOO AX\n")),
                of("function-like macro without arguments", List.of("-o", "x.o", "f.s"),
                        files("f.s", "#define A(x) x\nTEXT ·f(SB),0,$0\n\tMOVQ $A, AX\n\tRET\n")),
                of("instruction outside TEXT", List.of("-o", "x.o", "f.s"),
                        files("f.s", "\tMOVQ $1, AX\n" + OK_FUNCTION)),
                of("instructions outside TEXT under -v -S", List.of("-v", "-S", "-o", "x.o", "f.s", "g.s"),
                        files("f.s", "\tMOVQ $1, AX\n\tNOP\n" + OK_FUNCTION,
                                "g.s", "\tPUSHQ AX\nTEXT ·g(SB),0,$0\n\tRET\n")),
                of("-S=2 listing cut after an encoder error", List.of("-S=2", "-p", "main", "-o", "x.o", "f.s"),
                        files("f.s", LONG_FUNCTION_THEN_ENCODER_ERROR)),
                of("-S=3 listing cut after an encoder error", List.of("-S=3", "-p", "main", "-o", "x.o", "f.s"),
                        files("f.s", LONG_FUNCTION_THEN_ENCODER_ERROR)),
                of("-o to a file in place of a directory", List.of("-o", "f.s/x.o", "f.s"), files("f.s", OK_FUNCTION)),
                // Found by the fuzz campaign.
                of("one file given twice", List.of("-o", "x.o", "f.s", "f.s"), files("f.s", OK_FUNCTION)),
                of("GLOBL twice, then TEXT", List.of("-o", "x.o", "f.s"),
                        files("f.s", "GLOBL ·f(SB),0,$8\nGLOBL ·f(SB),0,$8\n" + OK_FUNCTION)),
                of("empty rune literal", List.of("-S", "-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f(SB),0,$0\n\tMOVQ $'', AX\n\tRET\n")),
                of("g as an operand", List.of("-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f(SB),0,$0\n\tMOVQ g, AX\n\tRET\n")),
                of("jumps to constants", List.of("-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f(SB),0,$0\n\tJMP $1.5\n\tJMP $-0.0\n\tJMP $1e300\n\tJMP $\"s\"\n\tRET\n")),
                of("ABI selector outside the runtime", List.of("-S", "-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f<Bogus>(SB),0,$0\n\tRET\n")),
                of("#include of a name with a byte 0xff", List.of("-o", "x.o", "f.s"),
                        files("f.s", "#include \"\\xff\"\n" + OK_FUNCTION)),
                of("#include through a file, of a name that is not UTF-8", List.of("-o", "x.o", "f.s"),
                        files("f.s", "#include \"f.s/\\xff\"\n" + OK_FUNCTION)),
                of("rune literal of two characters, under -debug", List.of("-debug", "-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f(SB),0,$0\n\tMOVQ $'ab', AX\n\tRET\n")),
                of("-p ''", List.of("-p", "", "-o", "x.o", "f.s"),
                        files("f.s", "TEXT ·f<ABIInternal>(SB),0,$0\n\tRET\n"))));
        return cases;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @TestFactory
    Stream<DynamicContainer> goasmDoesWhatGoDoes() {
        return GoRelease.all().stream().map(release -> DynamicContainer.dynamicContainer("Go " + release.line(),
                cases().stream().map(c -> dynamicTest(c.name(), () -> {
                    List<String> args = new ArrayList<>(List.of("-p", "main"));
                    args.addAll(c.args());
                    SideBySide.Comparison result = SideBySide.run(release,
                            work.resolve(release.line()).resolve(c.name().replaceAll("\\W+", "_")), c.setup(), args);
                    assertThat(result.javaTrace()).as("Java trace on %s", c.name()).isFalse();
                    if (result.goPanicked()) {
                        // Go's own crash is no behaviour to copy: goasm fails with a clean message.
                        assertThat(result.goasm().status()).as("%s: goasm fails where Go panics", c.name()).isNotZero();
                        return;
                    }
                    assertThat(result.differences()).as("%s under Go %s:%n%s", c.name(), release.line(),
                            result.describe()).isEmpty();
                }))));
    }
}
