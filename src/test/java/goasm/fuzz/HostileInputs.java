package goasm.fuzz;

import goasm.release.GoRelease;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generators of what a hostile user hands the assembler: source files assembled from hostile
 * pieces (numbers of every base and length, strings with every kind of escape and raw bytes,
 * operands, directives, macros, frame sizes, labels and jumps, stray bytes), directories and
 * links where files are expected, and command lines of every flag, well or badly formed.
 */
public final class HostileInputs {
    private HostileInputs() {
    }

    /**
     * One generated run: the directory's files (name to bytes), its subdirectories, its links
     * (name to target), and the asm command line.
     */
    public record Input(GoRelease release, Map<String, byte[]> files, List<String> directories,
                        Map<String, String> links, List<String> args) {
        /** Creates the files, directories and links in {@code dir}. */
        public void setUp(Path dir) {
            try {
                for (String d : directories) {
                    Files.createDirectories(dir.resolve(d));
                }
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    Files.write(dir.resolve(f.getKey()), f.getValue());
                }
                for (Map.Entry<String, String> l : links.entrySet()) {
                    Files.createSymbolicLink(dir.resolve(l.getKey()), Path.of(l.getValue()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Go ").append(release.line()).append(": asm ")
                    .append(String.join(" ", args.stream().map(a -> "'" + a + "'").toList()));
            files.forEach((name, bytes) -> sb.append("\n--- ").append(name).append(":\n")
                    .append(new String(bytes, StandardCharsets.ISO_8859_1)));
            directories.forEach(d -> sb.append("\n--- directory ").append(d));
            links.forEach((name, target) -> sb.append("\n--- link ").append(name).append(" -> ").append(target));
            return sb.toString();
        }
    }

    // ---- pieces of source ----

    static Arbitrary<String> digits(String alphabet, int max) {
        return Arbitraries.strings().withChars(alphabet).ofMinLength(1).ofMaxLength(max);
    }

    /** Integer literals: every base, underscores, leading zeros, invalid digits, 64-bit edges, long runs. */
    static Arbitrary<String> integers() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of("0", "1", "-1", "7", "8", "127", "128", "255", "256",
                        "0x7fffffff", "0x80000000", "0xffffffff", "0x100000000", "0x7fffffffffffffff",
                        "0x8000000000000000", "0xffffffffffffffff", "0x10000000000000000", "18446744073709551615",
                        "18446744073709551616", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                        "-9223372036854775809", "0b101", "0o17", "0O17", "017", "09", "0x", "0b", "0_1", "1_000", "1__0",
                        "0x_ff", "0xg", "1e3", "0x1p-2", "00000000000000000000001", "4294967296", "2147483648")),
                net.jqwik.api.Tuple.of(2, digits("0123456789", 40)),
                net.jqwik.api.Tuple.of(1, digits("0123456789abcdefABCDEF_", 30).map(d -> "0x" + d)),
                net.jqwik.api.Tuple.of(1, digits("01234567", 30).map(d -> "0" + d)),
                net.jqwik.api.Tuple.of(1, digits("01", 70).map(d -> "0b" + d)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 3000).map("9"::repeat)));
    }

    /** Quoted strings: escapes of every form (valid or not), bytes from 0x80 up, raw invalid UTF-8, unterminated. */
    static Arbitrary<String> strings() {
        Arbitrary<String> piece = Arbitraries.of("a", " ", "\\x00", "\\xff", "\\x80", "\\x7f", "\\377", "\\400", "\\0",
                "\\08", "\\u00e9", "\\U0001F600", "\\ud800", "\\U00110000", "\\n", "\\t", "\\\\", "\\\"", "\\'", "\\q",
                "\\x4", "é", "€", "\u00ff", "\u00c3", "\u00fe", "'", "\t");
        return piece.list().ofMinSize(0).ofMaxSize(6).map(ps -> String.join("", ps)).flatMap(body ->
                Arbitraries.of("\"" + body + "\"", "\"" + body + "\"", "\"" + body, "'" + body + "'"));
    }

    static Arbitrary<String> registers() {
        return Arbitraries.of("AX", "BX", "CX", "SP", "BP", "SI", "R8", "R15", "AL", "AH", "X0", "X15", "X16", "Y1",
                "Z31", "K0", "K1", "SB", "FP", "PC", "TLS", "g", "CR0", "DR7", "M0", "F0", "ES", "R16", "EAX");
    }

    static Arbitrary<String> symbols() {
        return Arbitraries.of("·f", "·g", "·s", "runtime·x", "x<>", "·f<ABIInternal>", "·f<ABI0>", "·f<Bogus>",
                "·f<>", "main·f", "a/b·c", "·", "··", "é", "lbl", "_");
    }

    /** Operands, from plain to broken. */
    static Arbitrary<String> operands() {
        Arbitrary<String> expr = Combinators.combine(integers(), Arbitraries.of("+", "-", "*", "/", "%", "<<", ">>", "&",
                "|", "^", "&^"), integers()).as((a, op, b) -> "(" + a + op + b + ")");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, registers()),
                net.jqwik.api.Tuple.of(3, integers().map(n -> "$" + n)),
                net.jqwik.api.Tuple.of(2, expr.map(e -> "$" + e)),
                net.jqwik.api.Tuple.of(2, strings().map(s -> "$" + s)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(symbols(), integers()).as((s, n) -> s + "+" + n + "(SB)")),
                net.jqwik.api.Tuple.of(2, symbols().map(s -> s + "(SB)")),
                net.jqwik.api.Tuple.of(1, symbols().map(s -> "$" + s + "(SB)")),
                net.jqwik.api.Tuple.of(2, Combinators.combine(integers(), registers(), registers(),
                        Arbitraries.of("1", "2", "3", "4", "8", "0", "16")).as((d, b, i, sc) -> d + "(" + b + ")(" + i + "*" + sc + ")")),
                net.jqwik.api.Tuple.of(2, Combinators.combine(integers(), registers()).as((d, r) -> d + "(" + r + ")")),
                net.jqwik.api.Tuple.of(1, integers().map(n -> n + "(PC)")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("a+0(FP)", "x-8(SP)", "(AX", "8(", ")", "$", "*", "[X0-X3]",
                        "$(1.5)", "$(-0.0)", "$1.5", "'a'", "$'\\377'", "$''", "$'ab'", "*·f(SB)", "lbl", "", "$A", "A", "F(1)")));
    }

    static Arbitrary<String> mnemonics() {
        return Arbitraries.of("MOVQ", "MOVL", "MOVB", "ADDQ", "LEAQ", "CMPQ", "JMP", "JEQ", "JNE", "CALL", "RET", "NOP",
                "PUSHQ", "POPQ", "BYTE", "WORD", "LONG", "QUAD", "DUFFZERO", "LOOP", "XBEGIN", "VADDPD", "VMOVDQU", "MOVOU",
                "PCALIGN", "ADJSP", "INT", "UD2", "HLT", "SHLQ", "IMUL3Q", "FOO", "movq", "MOVQ.Z", "VADDPD.Z", "LOCK",
                "REP", "CMPXCHGQ");
    }

    static Arbitrary<String> instructions() {
        return Combinators.combine(mnemonics(), operands().list().ofMinSize(0).ofMaxSize(3))
                .as((m, ops) -> "\t" + m + " " + String.join(", ", ops));
    }

    static Arbitrary<String> frameSizes() {
        return Arbitraries.of("$0", "$8", "$16-8", "$0-8", "$-8", "$-8-8", "$7", "$4294967296-8", "$99999999999999-8",
                "$2147483648-8", "$2147483647", "$-2147483648", "$0x10-0x8", "$1-", "$", "$9223372036854775807-8",
                "$18446744073709551616-8", "$1<<20", "$(8)", "$16-99999999999");
    }

    static Arbitrary<String> directives() {
        Arbitrary<String> text = Combinators.combine(symbols(), Arbitraries.of("0", "NOSPLIT", "7", "$0", "0x8000", "",
                "NOFRAME|NOSPLIT", "-1"), frameSizes()).as((s, flag, frame) -> "TEXT " + s + "(SB)," + flag + "," + frame);
        Arbitrary<String> data = Combinators.combine(symbols(), integers(), Arbitraries.of("1", "2", "4", "8", "0", "3",
                "9", "16", "-1", "99999999999"), operands()).as((s, off, size, v) -> "DATA " + s + "+" + off + "(SB)/" + size + ", " + v);
        Arbitrary<String> globl = Combinators.combine(symbols(), Arbitraries.of("", "0,", "8,", "RODATA,", "NOPTR,", "$1,"),
                integers()).as((s, flag, size) -> "GLOBL " + s + "(SB)," + flag + "$" + size);
        Arbitrary<String> other = Arbitraries.of("PCDATA $0, $1", "PCDATA $99999999999, $-1", "FUNCDATA $0, ·g(SB)",
                "FUNCDATA $1, AX", "PCDATA", "GLOBL", "DATA", "TEXT", "TEXT ·f(SB)", "lbl:", "lbl: lbl:", "JMP lbl",
                "JMP nowhere", "JMP 0(PC)", "JMP 3(PC)", "JMP -1(PC)", "CALL 0(PC)", "RET; RET", ";", "//go:build x",
                "/* comment", "*/", "// comment", "\\", "\u0000", "\uFEFF", "\r", "\u00b7", "#", "#pragma", "@", "?");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, text),
                net.jqwik.api.Tuple.of(3, data),
                net.jqwik.api.Tuple.of(2, globl),
                net.jqwik.api.Tuple.of(3, other));
    }

    static Arbitrary<String> preprocessor() {
        return Arbitraries.of("#define A 1", "#define A", "#define F(x) x", "#define F(x, x) x", "#define F(x,) x",
                "#define F(", "#define 1", "#define A(x) x\\\n+1", "#undef A", "#undef NOSUCH", "#ifdef A", "#ifndef A",
                "#else", "#endif", "#include \"textflag.h\"", "#include \"inc.h\"", "#include \"adir\"", "#include \"\"",
                "#include \"nosuch.h\"", "#include \"main.s\"", "#include textflag.h", "#include \"\\xff\"",
                "#line 10 \"x.s\"", "#line 99999999999999999999 \"x.s\"", "#line x", "#line 5",
                // Not generated: #line numbers from 2^31 up (Go takes them, goasm reports them out
                // of range) and #line 0 (the object's line tables differ); see docs/CONFORMANCE.md.
                "#line 2147483647 \"y.s\"", "#foo", "# define A 2", "F(1)", "F(", "F", "A", "MOVQ $A, AX",
                "MOVQ $F, AX", "F(1,2)");
    }

    static Arbitrary<String> lines() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, instructions()),
                net.jqwik.api.Tuple.of(3, directives()),
                net.jqwik.api.Tuple.of(2, preprocessor()));
    }

    /** A source file: usually a function around hostile lines, so that they reach the back end. */
    static Arbitrary<byte[]> sources() {
        Arbitrary<String> body = lines().list().ofMinSize(1).ofMaxSize(8).map(ls -> String.join("\n", ls));
        Arbitrary<String> framed = Combinators.combine(Arbitraries.of("TEXT ·f(SB),0,$16-8\n", "TEXT ·f(SB),0,$0\n",
                "#include \"textflag.h\"\nTEXT ·f(SB),NOSPLIT,$0\n", ""), body, Arbitraries.of("\n\tRET\n", "\n", ""))
                .as((head, b, tail) -> head + b + tail);
        Arbitrary<byte[]> rawBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        return Combinators.combine(framed, rawBytes, Arbitraries.integers().between(0, 9)).as((text, raw, how) -> {
            byte[] t = text.getBytes(StandardCharsets.UTF_8);
            if (how != 0) {
                return t;
            }
            // Now and then, raw bytes spliced in (not UTF-8, NULs, a stray byte order mark).
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int cut = t.length / 2;
            out.write(t, 0, cut);
            out.write(raw, 0, raw.length);
            out.write(t, cut, t.length - cut);
            return out.toByteArray();
        });
    }

    // ---- command lines ----

    /** -o targets: plain, existing, a directory, a missing directory, links, the input itself, a device. */
    static Arbitrary<List<String>> outputs() {
        return Arbitraries.of(List.of("-o", "x.o"), List.of("-o", "x.o"), List.of("-o", "old.o"), List.of("-o", "adir"),
                List.of("-o", "nodir/x.o"), List.of("-o", "link.o"), List.of("-o", "dangling.o"), List.of("-o", "loop"),
                // Never a path outside the directory: Go removes its -o file after a failure, and
                // would delete /dev/null if it were named here.
                List.of("-o", "main.s/x.o"), List.of("-o", ""), List.of("-o"), List.of());
    }

    static Arbitrary<List<String>> flags() {
        Arbitrary<List<String>> one = Arbitraries.of(List.of("-S"), List.of("-S=2"), List.of("-S=3"), List.of("-e"), List.of("-D", "A"),
                List.of("-D", "A=2"), List.of("-D", "=1"), List.of("-D", "A B"), List.of("-D", "F(x)=x"), List.of("-D", "1A"),
                List.of("-D", "A=\"s\""), List.of("-I", "adir"), List.of("-I", "main.s"), List.of("-I", "nosuch"),
                List.of("-I", ""), List.of("-gensymabis"), List.of("-shared"), List.of("-dynlink"), List.of("-trimpath", "/"),
                List.of("-d", "nosuch=1"), List.of("-d", "help"), List.of("-d", "pctab=1"), List.of("-debug"),
                List.of("-V"), List.of("-V=full"), List.of("-V=goexperiment"), List.of("-V=x"), List.of("-v"),
                List.of("-spectre=all"), List.of("-spectre=bogus"), List.of("--"), List.of("-"), List.of("-nosuchflag"),
                List.of("-h"), List.of("-S=x"), List.of("-e=maybe"), List.of("-compiling-runtime"), List.of("-std"),
                List.of("-p", ""), List.of("-p", "a b"), List.of("-p", "x/y.z"));
        return one.list().ofMinSize(0).ofMaxSize(3).map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    static Arbitrary<List<String>> inputNames() {
        return Arbitraries.of(List.of("main.s"), List.of("main.s"), List.of("main.s"), List.of("main.s", "inc.h"),
                List.of("main.s", "main.s"), List.of("adir"), List.of("nosuch.s"), List.of(""), List.of("link.o"),
                List.of("main.s", "nosuch.s"), List.of());
    }

    /** A whole run: release, directory contents and command line. */
    public static Arbitrary<Input> inputs(Arbitrary<GoRelease> releases) {
        return Combinators.combine(releases, sources(), sources(), flags(), outputs(), inputNames(),
                Arbitraries.of(true, false)).as((release, main, include, flags, output, names, packageFlag) -> {
                    Map<String, byte[]> files = new LinkedHashMap<>();
                    files.put("main.s", main);
                    files.put("inc.h", include);
                    files.put("old.o", "previous object\n".getBytes(StandardCharsets.UTF_8));
                    files.put("target.o", "link target\n".getBytes(StandardCharsets.UTF_8));
                    Map<String, String> links = new LinkedHashMap<>();
                    links.put("link.o", "target.o");
                    links.put("dangling.o", "made-by-link.o");
                    links.put("loop", "loop2");
                    links.put("loop2", "loop");
                    List<String> args = new ArrayList<>();
                    if (packageFlag) {
                        args.addAll(List.of("-p", "main"));
                    }
                    args.addAll(flags);
                    args.addAll(output);
                    args.addAll(names);
                    return new Input(release, files, List.of("adir"), links, List.copyOf(args));
                });
    }
}
