package goasm.lex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Expected messages were checked against Go 1.19's "go tool asm" on the same input (the test
 * names the file x.s as those runs did); token streams follow text/scanner's rules by hand.
 */
class PreprocessorTest {
    private final List<String> notes = new ArrayList<>();

    private Preprocessor text(String src, String... defines) {
        return Preprocessor.ofText("x.s", src, List.of(), List.of(defines), false, notes::add);
    }

    /** "text@line" for each token up to EOF, newlines shown as \n. */
    private static List<String> tokens(TokenSource in) {
        List<String> out = new ArrayList<>();
        for (Token t = in.next(); !t.is(Token.Kind.EOF); t = in.next()) {
            out.add((t.is(Token.Kind.NEWLINE) ? "\\n" : t.text()) + "@" + in.line());
        }
        return out;
    }

    private static String error(TokenSource in) {
        try {
            tokens(in);
        } catch (InputError e) {
            return e.render();
        }
        return "no error";
    }

    @Test
    void scansIdentifiersNumbersAndOperators() {
        List<String> toks = tokens(text("MOVQ runtime·x<>+0x10(SB), AX // c\n"));
        // The newline token already counts the next line, as Go's tokenizer does.
        assertThat(toks).containsExactly("MOVQ@1", "runtime·x@1", "<@1", ">@1", "+@1", "0x10@1", "(@1", "SB@1",
                ")@1", ",@1", "AX@1", "\\n@2");
    }

    @Test
    void twoCharacterOperatorsAndNoAndNot() {
        // Go's tokenizer joins << and >> only; &^ stays two tokens.
        assertThat(tokens(text("1<<2>>3&^4"))).containsExactly("1@1", "<<@1", "2@1", ">>@1", "3@1", "&@1", "^@1",
                "4@1");
    }

    @Test
    void divisionSlashIsPartOfIdentifiers() {
        Preprocessor in = text("runtime∕debug·f");
        Token t = in.next();
        assertThat(t.kind()).isEqualTo(Token.Kind.IDENT);
        assertThat(t.withGoNames().text()).isEqualTo("runtime/debug.f");
        assertThat(new Token(Token.Kind.IDENT, "·f").withGoNames().text()).isEqualTo("\"\".f");
    }

    @Test
    void blockCommentsCountTheirNewlines() {
        assertThat(tokens(text("A /* one\ntwo\n*/ B\nC"))).containsExactly("A@1", "B@3", "\\n@4", "C@4");
    }

    @Test
    void objectAndFunctionMacros() {
        String src = "#define N 8\n#define ADD(a, b) a+b*N\nX ADD(1, (2,3))\n";
        // A directive's line comes out as a single '#' token (its newline is consumed with it).
        assertThat(tokens(text(src))).containsExactly("#@2", "#@3", "X@3", "1@3", "+@3", "(@3", "2@3", ",@3",
                "3@3", ")@3", "*@3", "8@3", "\\n@4");
    }

    @Test
    void spaceBeforeParenMakesAnObjectMacro() {
        assertThat(tokens(text("#define F (x)\nF\n"))).containsExactly("#@2", "(@2", "x@2", ")@2", "\\n@3");
    }

    @Test
    void continuedMacroKeepsItsNewlinesAndReportsTheUseLine() {
        String src = "#define TWO \\\n\tNOP \\\n\tNOP\n\n\nTWO\n";
        // The escaped newlines stay in the body, so the use expands to two statements on line 6.
        assertThat(tokens(text(src))).containsExactly("#@4", "\\n@5", "\\n@6", "\\n@6", "NOP@6", "\\n@6", "NOP@6",
                "\\n@7");
    }

    @Test
    void commandLineDefines() {
        assertThat(tokens(text("A B\n", "A", "B=2+3"))).containsExactly("1@1", "2@1", "+@1", "3@1", "\\n@2");
        assertThatThrownBy(() -> text("", "1x=2")).isInstanceOf(InputError.class)
                .hasMessage("parsing -D: \"1\" is not a valid identifier name");
    }

    @Test
    void conditionals() {
        String src = "#define A\n#ifdef A\nyes\n#else\nno\n#endif\n#ifndef A\nno2\n#else\n#ifdef B\nno3\n#else\nyes2\n#endif\n#endif\n";
        List<String> words = tokens(text(src)).stream().filter(s -> !s.startsWith("\\n") && !s.startsWith("#")).toList();
        assertThat(words).containsExactly("yes@3", "yes2@13");
    }

    @Test
    void undefRemovesAMacro() {
        List<String> words = tokens(text("#define A 1\n#undef A\nA\n")).stream().filter(s -> !s.startsWith("\\n") && !s.startsWith("#")).toList();
        assertThat(words).containsExactly("A@3");
    }

    @Test
    void includesSearchTheMainFileFolderThenDashI(@TempDir Path dir) throws IOException {
        Path inc = Files.createDirectories(dir.resolve("inc"));
        Files.writeString(inc.resolve("a.h"), "#define FROM_A 7\nINSIDE\n");
        Path main = dir.resolve("m.s");
        Files.writeString(main, "#include \"a.h\"\nFROM_A\n");
        Preprocessor in = Preprocessor.open(main.toString(), List.of(inc.toString()), List.of(), false, notes::add);
        List<String> files = new ArrayList<>();
        for (Token t = in.next(); !t.is(Token.Kind.EOF); t = in.next()) {
            if (t.is(Token.Kind.IDENT) || t.is(Token.Kind.INT)) {
                files.add(t.text() + "@" + in.file() + ":" + in.line());
            }
        }
        // An included file is named as the #include wrote it.
        assertThat(files).containsExactly("INSIDE@a.h:2", "7@" + main + ":2");
    }

    @Test
    void missingIncludeNamesTheLastPlaceTried() {
        // go tool asm (no -I, file in the working directory): "x.s:2: #include: open nope.h: no such file or directory"
        assertThat(error(text("#include \"nope.h\"\n"))).isEqualTo("x.s:2: #include: open nope.h: no such file or directory");
    }

    @Test
    void includeCycleIsInputRecursion(@TempDir Path dir) throws IOException {
        Path self = dir.resolve("self.s");
        Files.writeString(self, "#include \"" + self + "\"\n");
        Preprocessor in = Preprocessor.open(self.toString(), List.of(), List.of(), false, notes::add);
        // go tool asm: "self.s:2: input recursion" (the include is named as written)
        assertThat(error(in)).isEqualTo(self + ":2: input recursion");
    }

    @Test
    void directiveErrorsInGosWords() {
        // Each message and line as go tool asm printed it for the same text.
        assertThat(error(text("#ifdef X\nTEXT ·f(SB), 4, $0\n"))).isEqualTo("x.s:3: unclosed #ifdef or #ifndef");
        assertThat(error(text("#define A A\nTEXT ·f(SB), 4, $0\n\tMOVQ $A, AX\n"))).isEqualTo("x.s:3: recursive macro invocation");
        assertThat(error(text("TEXT ·f(SB), 4, $0\n #foo\n"))).isEqualTo("x.s:2: unexpected token after '#': foo");
        assertThat(error(text("TEXT ·f(SB), 4, $0\n RET #define\n"))).isEqualTo("x.s:2: '#' must be first item on line");
        assertThat(error(text("#define A 1\n#define A 2\n"))).isEqualTo("x.s:3: redefinition of macro: A");
        assertThat(error(text("#undef A\n"))).isEqualTo("x.s:1: #undef for undefined macro: A");
        assertThat(error(text("#else\n"))).isEqualTo("x.s:2: unmatched #else");
        assertThat(error(text("#endif\n"))).isEqualTo("x.s:2: unmatched #endif");
        assertThat(error(text("#define F(a,b) a+b\nTEXT ·f(SB), 4, $0\n MOVQ $F(1), AX\n"))).isEqualTo("x.s:3: wrong arg count for macro F");
        assertThat(error(text("#define F(a,b) a+b\nTEXT ·f(SB), 4, $0\n MOVQ $F(1,\n 2), AX\n"))).isEqualTo("x.s:4: unterminated arg list invoking macro: F");
        assertThat(error(text("#define F 1"))).isEqualTo("x.s:1: missing newline in definition for macro: F");
        assertThat(error(text("#define F 1 \\ 2\n"))).isEqualTo("x.s:1: can only escape \\ or \\n in definition for macro: F");
    }

    @Test
    void scannerComplaintsAreNotesWithColumns() {
        // go tool asm: "x.s:2:8: literal not terminated", "x.s:2:7: invalid character NUL", "x.s:2:2: comment not terminated"
        tokens(text("TEXT ·f(SB), 4, $0\n MOVQ $\"abc, AX\n"));
        tokens(text("TEXT ·f(SB), 4, $0\n MOVQ \0, AX\n"));
        tokens(text("TEXT ·f(SB), 4, $0\n /* abc \n RET\n"));
        tokens(text("MOVQ $09, AX\n"));
        assertThat(notes).containsExactly("x.s:2:8: literal not terminated", "x.s:2:7: invalid character NUL",
                "x.s:2:2: comment not terminated", "x.s:1:7: invalid digit '9' in octal literal");
    }

    @Test
    void invalidUtf8IsReportedPerByte() throws IOException {
        byte[] src = "TEXT f(SB), 4, $0\n MOVQ \u00ff\u00fe, AX\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Preprocessor in = Preprocessor.open(writeTemp(src), List.of(), List.of(), false, notes::add);
        tokens(in);
        // go tool asm printed "badutf.s:2:7: invalid UTF-8 encoding" twice for the bytes FF FE.
        assertThat(notes).hasSize(2).allMatch(n -> n.endsWith(":2:7: invalid UTF-8 encoding"));
    }

    @Test
    void lineDirectiveRenamesTheFile() {
        Preprocessor in = text("A\n#line 100 \"other.s\"\nB\n");
        in.next();
        in.next();
        Token b = in.next();
        while (!b.is(Token.Kind.IDENT)) {
            b = in.next();
        }
        // go tool asm -S listed the instruction on the line after "#line 100" as other.s:99, with
        // where it really is in brackets: (other.s:99[t.s:3]); errors name only other.s:99.
        assertThat(in.file()).isEqualTo("other.s");
        assertThat(in.position(in.line()).fileLine()).isEqualTo("other.s:99");
        assertThat(in.position(in.line()).rawLine()).isEqualTo(3);
    }

    @Test
    void emptyInputIsJustEof() {
        assertThat(text("").next().kind()).isEqualTo(Token.Kind.EOF);
    }

    @Test
    void megabyteLineIsFine() {
        String big = "1+".repeat(500_000) + "1\n";
        assertThat(tokens(text(big))).hasSize(1_000_002);
    }

    private static String writeTemp(byte[] content) throws IOException {
        Path p = Files.createTempFile("goasm", ".s");
        Files.write(p, content);
        p.toFile().deleteOnExit();
        return p.toString();
    }
}
