package goasm.vet;

import goasm.lex.InputError;
import goasm.lex.Preprocessor;
import goasm.lex.TokenSource;
import goasm.obj.Addr;
import goasm.obj.Diagnostics;
import goasm.obj.Link;
import goasm.obj.Position;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Symbol;
import goasm.obj.TargetOs;
import goasm.parse.Parser;
import goasm.release.ReleaseProfile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An assembly file as goasm's own preprocessor and parser read it, regrouped by source line:
 * the statement words written on each line and the instructions they became. The checks walk
 * these lines in order, as go vet walks the file's text.
 */
final class AsmSource {
    /** One physical line of the file: its statements' words and the instructions parsed from them. */
    static final class Line {
        final int number;
        final List<String> words = new ArrayList<>();
        final List<Prog> progs = new ArrayList<>();
        /** The function a TEXT statement on this line defines, or null. */
        Symbol text;
        /** The name operand of a TEXT statement on this line as written ({@code ·f<ABIInternal>(SB)}), or null. */
        String textName;

        Line(int number) {
            this.number = number;
        }

        /** The TEXT instruction of this line, or null. */
        Prog textProg() {
            return text == null ? null : text.func.text;
        }

        boolean hasWord(String w) {
            return words.contains(w);
        }

        /** All operands of the line's instructions, in source order. */
        List<Addr> operands() {
            List<Addr> all = new ArrayList<>();
            for (Prog p : progs) {
                all.addAll(operands(p));
            }
            return all;
        }

        static List<Addr> operands(Prog p) {
            List<Addr> list = new ArrayList<>();
            if (!p.from.isNone()) {
                list.add(p.from);
            }
            list.addAll(p.restArgs);
            if (!p.to.isNone()) {
                list.add(p.to);
            }
            return list;
        }
    }

    final String file;
    final List<Line> lines;
    /** Why the file could not be read to its end (an #include not found, ...), or null. */
    final String failure;

    private AsmSource(String file, List<Line> lines, String failure) {
        this.file = file;
        this.lines = lines;
        this.failure = failure;
    }

    /**
     * Reads {@code file} (as named on the command line, relative to {@code workingDir}) with the
     * release's parser. Errors do not stop it: a statement that fails to parse leaves its words
     * on the line and no instruction, as go vet, which reads text, would still see them.
     */
    static AsmSource read(String file, Path workingDir, List<String> includeDirs, ReleaseProfile release) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        // Compiling-runtime mode lets ABI selectors through, as go vet accepts them anywhere.
        Link link = new Link(new Link.Options(false, false, true, false, false, TargetOs.LINUX, release),
                new Diagnostics(discard, true));
        TreeMap<Integer, Line> byLine = new TreeMap<>();
        String failure = null;
        try {
            TokenSource input = Preprocessor.open(file, includeDirs, textFlagsUnlessIncluded(file, workingDir, release),
                    release.experiments().defaults(), note -> { }, workingDir);
            // No -p: the flag's default, as go tool asm names local symbols without one.
            Parser parser = new Parser(link, input, goasm.release.SymbolNaming.UNLINKABLE);
            parser.setStatementObserver(new Parser.StatementObserver() {
                /** The line the current statement is written on, or null (another file, a macro's body). */
                private Line current;

                @Override
                public void statement(String word, List<String> operands, boolean fromMacro, Position at) {
                    // go vet reads the file's text: statements a macro expands to are not on any line.
                    current = isHere(at, file) && !fromMacro ? byLine.computeIfAbsent(physicalLine(at), Line::new)
                            : null;
                    if (current != null) {
                        current.words.add(word);
                        if (word.equals("TEXT") && !operands.isEmpty()) {
                            current.textName = operands.get(0);
                        }
                    }
                }

                @Override
                public void instruction(Prog prog) {
                    if (current == null) {
                        return;
                    }
                    if (prog.op == Pseudo.TEXT) {
                        current.text = prog.from.sym();
                    } else {
                        current.progs.add(prog);
                    }
                }
            });
            parser.parse();
        } catch (InputError e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            failure = e.toString();
        }
        return new AsmSource(file, List.copyOf(byLine.values()), failure);
    }

    /**
     * go vet reads flag names such as NOSPLIT as words, whether or not the file includes
     * textflag.h; a file that does not gets its definitions as -D values.
     */
    private static List<String> textFlagsUnlessIncluded(String file, Path workingDir, ReleaseProfile release) {
        try {
            if (Files.readString(workingDir.resolve(file), StandardCharsets.ISO_8859_1).contains("textflag.h")) {
                return List.of();
            }
            List<String> defines = new ArrayList<>();
            Path header = Path.of(release.goRoot(), "pkg", "include", "textflag.h");
            for (String line : Files.readAllLines(header, StandardCharsets.ISO_8859_1)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3 && f[0].equals("#define") && f[2].matches("[0-9]+")) {
                    defines.add(f[1] + "=" + f[2]);
                }
            }
            return defines;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean isHere(Position at, String file) {
        return (at.rawFile() != null ? at.rawFile() : at.file()).equals(file);
    }

    private static int physicalLine(Position at) {
        return at.rawFile() != null ? at.rawLine() : at.line();
    }
}
