package goasm.conformance;

import goasm.conformance.AsmListing.LineCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares goasm's encoding of a Go encoder test file (one instruction per line, such as
 * amd64enc.s) with Go's, per source line: the printed text and the machine code.
 *
 * <p>Go assembles the whole file once; that listing is the reference. goasm assembles the
 * whole file too; if it fails (one unsupported instruction fails the whole run), the
 * instruction lines are assembled again in chunks, each wrapped in a TEXT of its own, so that
 * every line goasm can assemble still counts: the lines a failing chunk's diagnostics name
 * (goasm runs with -e) count as failed and the rest is tried again; a failure that names no
 * line halves the chunk, down to single lines. Code does not depend on where it sits, except
 * branches: a line with a relative branch stays in one piece with the instructions up to its
 * target, and in a chunk with such a line Go is asked about that same chunk.
 */
final class EncodingComparison {
    /** Instruction lines per chunk before any halving. */
    private static final int FIRST_CHUNK = 128;
    private static final Pattern PC_RELATIVE = Pattern.compile("(-?\\d+)\\(PC\\)");
    /** What each chunk is wrapped in (the test file's own TEXT line, flags from textflag.h). */
    private static final String WRAPPER = "#include \"textflag.h\"\nTEXT asmtest(SB),DUPOK|NOSPLIT,$0\n";
    private static final Pattern HEX_COMMENT = Pattern.compile("//\\s*([0-9a-f]+)\\s*$");

    /** One source line of the test file that holds an instruction. */
    record SourceLine(int number, String text) {
        String mnemonic() {
            String code = code(text);
            int end = 0;
            while (end < code.length() && !Character.isWhitespace(code.charAt(end))) {
                end++;
            }
            return code.substring(0, end);
        }

        boolean isBranch() {
            String op = mnemonic();
            return op.startsWith("J") || op.startsWith("LOOP") || op.startsWith("CALL") || op.equals("XBEGIN");
        }

        /** The encoding Go's test data gives in the trailing comment, or null. */
        String expectedHex() {
            Matcher m = HEX_COMMENT.matcher(text);
            return m.find() ? m.group(1) : null;
        }
    }

    /** Lines assembled together (a branch with the instructions up to its target). */
    record Unit(List<SourceLine> lines) {
        boolean hasBranch() {
            return lines.stream().anyMatch(SourceLine::isBranch);
        }
    }

    /** How one line came out. goasmCode is null when goasm failed on it (see failure). */
    record LineResult(SourceLine line, LineCode go, LineCode goasm, String failure) {
        boolean textMatches() {
            return goasm != null && goasm.sameText(go);
        }

        boolean codeMatches() {
            return goasm != null && goasm.sameCode(go);
        }
    }

    /** The figures for the report. */
    record Summary(String fileName, int total, int both, int text, int code, String mode, List<LineResult> results) {
        String line() {
            return "%s: %d of %d instruction lines match (text %d, bytes %d)".formatted(fileName, both, total, text, code);
        }
    }

    private final Path source;
    private final Path work;
    private final Path includeDir;
    private final String fileName;
    private final Map<Integer, LineResult> results = new TreeMap<>();
    private Map<Integer, LineCode> goWholeFile;
    private String emptyWrapperFailure;
    private int chunkRuns;

    private final Function<List<String>, RunResult> underTest;

    /** Compares goasm (in-process) with Go. */
    EncodingComparison(Path source, Path work, Path includeDir) {
        this(source, work, includeDir, Goasm::asm);
    }

    /** Compares the given assembler (arguments as for `go tool asm`) with Go. */
    EncodingComparison(Path source, Path work, Path includeDir, Function<List<String>, RunResult> underTest) {
        this.underTest = underTest;
        this.source = source;
        this.work = work;
        this.includeDir = includeDir;
        this.fileName = source.getFileName().toString();
    }

    /** The instruction lines of a test file: not blank, not comment, not TEXT or preprocessor. */
    static List<SourceLine> instructionLines(List<String> lines) {
        List<SourceLine> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String code = code(lines.get(i));
            if (code.isEmpty() || code.startsWith("#") || code.startsWith("TEXT")) {
                continue;
            }
            result.add(new SourceLine(i + 1, lines.get(i)));
        }
        return result;
    }

    private static String code(String line) {
        int comment = line.indexOf("//");
        return (comment < 0 ? line : line.substring(0, comment)).strip();
    }

    /** Groups lines so that every n(PC) branch is assembled with the lines up to its target. */
    static List<Unit> units(List<SourceLine> lines) {
        int[] unitEnd = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            unitEnd[i] = i;
        }
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PC_RELATIVE.matcher(code(lines.get(i).text()));
            if (lines.get(i).isBranch() && m.find()) {
                int target = i + Integer.parseInt(m.group(1));
                int lo = Math.max(0, Math.min(i, target));
                int hi = Math.min(lines.size() - 1, Math.max(i, target));
                unitEnd[lo] = Math.max(unitEnd[lo], hi);
            }
        }
        List<Unit> units = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int end = unitEnd[i];
            for (int j = i; j <= end; j++) {
                end = Math.max(end, unitEnd[j]);
            }
            units.add(new Unit(List.copyOf(lines.subList(i, end + 1))));
            i = end + 1;
        }
        return units;
    }

    Summary run() throws IOException {
        List<SourceLine> lines = instructionLines(Files.readAllLines(source, StandardCharsets.UTF_8));
        if (lines.isEmpty()) {
            throw new AssertionError("no instruction lines found in " + source);
        }
        RunResult go = GoOracle.asm(args(work.resolve("go.o"), source));
        if (go.status() != 0) {
            throw new AssertionError("Go failed on " + source + ":\n" + go.stderrHead(10));
        }
        goWholeFile = linesOf(go, fileName, null);
        List<Integer> notListed = lines.stream().map(SourceLine::number).filter(n -> !goWholeFile.containsKey(n)).toList();
        if (goWholeFile.isEmpty() || !notListed.isEmpty()) {
            throw new AssertionError("Go's listing of " + fileName + " parsed to " + goWholeFile.size()
                    + " lines; instruction lines missing from it: " + notListed.stream().limit(10).toList());
        }

        String mode;
        RunResult whole = underTest.apply(args(work.resolve("goasm.o"), source));
        if (whole.status() == 0) {
            Map<Integer, LineCode> goasmLines = linesOf(whole, fileName, null);
            for (SourceLine line : lines) {
                record(line, goWholeFile.get(line.number()), goasmLines.get(line.number()),
                        goasmLines.containsKey(line.number()) ? null : "not in goasm's listing");
            }
            mode = "whole file";
        } else if (!assemblesEmptyWrapper()) {
            for (Unit unit : units(lines)) {
                fail(unit, "goasm fails on the empty function that wraps each chunk: " + emptyWrapperFailure);
            }
            mode = "not at all (goasm failed on the whole file and on an empty function: " + emptyWrapperFailure + ")";
        } else {
            List<Unit> units = units(lines);
            for (int from = 0; from < units.size(); from += FIRST_CHUNK) {
                assembleChunk(units.subList(from, Math.min(units.size(), from + FIRST_CHUNK)));
            }
            mode = "in chunks, " + chunkRuns + " goasm runs (goasm failed on the whole file: "
                    + firstLine(whole.stderr()) + ")";
        }
        List<LineResult> all = List.copyOf(results.values());
        int both = (int) all.stream().filter(r -> r.textMatches() && r.codeMatches()).count();
        int text = (int) all.stream().filter(LineResult::textMatches).count();
        int code = (int) all.stream().filter(LineResult::codeMatches).count();
        return new Summary(fileName, all.size(), both, text, code, mode, all);
    }

    /**
     * Whether goasm assembles the wrapper of a chunk with no instructions in it (Go does). If not,
     * no chunk can succeed, and halving down to single lines would only repeat that failure.
     */
    private boolean assemblesEmptyWrapper() throws IOException {
        Path empty = work.resolve("empty_" + fileName);
        Files.writeString(empty, WRAPPER, StandardCharsets.UTF_8);
        RunResult goasm = underTest.apply(args(work.resolve("empty.goasm.o"), empty));
        emptyWrapperFailure = goasm.status() == 0 ? null : firstLine(goasm.stderr());
        return goasm.status() == 0;
    }

    /** Go's own expected encodings (the trailing comments) against Go's listing: checks the parser. */
    List<String> commentsDisagreeingWithGo() throws IOException {
        List<String> disagreements = new ArrayList<>();
        for (SourceLine line : instructionLines(Files.readAllLines(source, StandardCharsets.UTF_8))) {
            String expected = line.expectedHex();
            LineCode go = goWholeFile.get(line.number());
            if (expected != null && go != null && !go.hex().equals(expected)) {
                disagreements.add("line " + line.number() + ": comment " + expected + ", listing " + go.hex());
            }
        }
        return disagreements;
    }

    /**
     * Assembles these units as one function. On failure, lines that goasm's diagnostics name
     * (with -e, all of them) are counted as failed and the rest is tried again; when no line
     * is named (say, an internal error), the chunk is halved.
     */
    private void assembleChunk(List<Unit> units) throws IOException {
        List<Unit> remaining = new ArrayList<>(units);
        while (!remaining.isEmpty()) {
            Chunk chunk = writeChunk(remaining);
            RunResult goasm = underTest.apply(args(List.of("-e"), work.resolve("chunk.goasm.o"), chunk.path()));
            if (goasm.status() == 0) {
                compareChunk(chunk, remaining, goasm);
                Files.delete(chunk.path());
                return;
            }
            Files.delete(chunk.path());
            Map<Unit, String> named = unitsNamedIn(goasm.stderr(), chunk);
            if (remaining.size() == 1 || named.size() == remaining.size()) {
                for (Unit unit : remaining) {
                    fail(unit, named.getOrDefault(unit, firstLine(goasm.stderr())));
                }
                return;
            }
            if (!named.isEmpty()) {
                named.forEach(this::fail);
                remaining.removeAll(named.keySet());
                continue;
            }
            int half = remaining.size() / 2;
            assembleChunk(List.copyOf(remaining.subList(0, half)));
            assembleChunk(List.copyOf(remaining.subList(half, remaining.size())));
            return;
        }
    }

    /** A chunk file and which source line each of its lines holds. */
    private record Chunk(Path path, Map<Integer, SourceLine> lineAt, Map<Integer, Unit> unitAt, boolean hasBranch) {
        String name() {
            return path.getFileName().toString();
        }
    }

    private Chunk writeChunk(List<Unit> units) throws IOException {
        // A new file each time: on some file systems truncating a file costs more than creating one.
        Path path = work.resolve("chunk" + (++chunkRuns) + "_" + fileName);
        Map<Integer, SourceLine> lineAt = new HashMap<>();
        Map<Integer, Unit> unitAt = new HashMap<>();
        StringBuilder text = new StringBuilder(WRAPPER);
        int chunkLine = (int) WRAPPER.lines().count();
        boolean branches = false;
        for (Unit unit : units) {
            branches |= unit.hasBranch();
            for (SourceLine line : unit.lines()) {
                lineAt.put(++chunkLine, line);
                unitAt.put(chunkLine, unit);
                text.append(line.text()).append('\n');
            }
        }
        Files.writeString(path, text, StandardCharsets.UTF_8);
        return new Chunk(path, lineAt, unitAt, branches);
    }

    private void compareChunk(Chunk chunk, List<Unit> units, RunResult goasm) {
        Map<Integer, LineCode> goasmLines = linesOf(goasm, chunk.name(), chunk.lineAt());
        // Branches are compared with what Go makes of this same chunk.
        Map<Integer, LineCode> goChunk = Map.of();
        if (chunk.hasBranch()) {
            RunResult go = GoOracle.asm(args(List.of(), work.resolve("chunk.go.o"), chunk.path()));
            goChunk = go.status() == 0 ? linesOf(go, chunk.name(), chunk.lineAt()) : Map.of();
        }
        for (Unit unit : units) {
            for (SourceLine line : unit.lines()) {
                LineCode reference = unit.hasBranch() && goChunk.containsKey(line.number())
                        ? goChunk.get(line.number()) : goWholeFile.get(line.number());
                LineCode mine = goasmLines.get(line.number());
                record(line, reference, mine, mine == null ? "not in goasm's listing" : null);
            }
        }
    }

    /** The units whose lines goasm's diagnostics point at ("chunk.s:12: ..." or "(chunk.s:12)"). */
    private static Map<Unit, String> unitsNamedIn(String stderr, Chunk chunk) {
        Pattern position = Pattern.compile("(?:^|[(/])" + Pattern.quote(chunk.name()) + ":(\\d+)[:)]");
        Map<Unit, String> named = new LinkedHashMap<>();
        for (String message : stderr.lines().toList()) {
            Matcher m = position.matcher(message);
            while (m.find()) {
                Unit unit = chunk.unitAt().get(Integer.parseInt(m.group(1)));
                if (unit != null) {
                    named.putIfAbsent(unit, shorten(message));
                }
            }
        }
        return named;
    }

    private void fail(Unit unit, String failure) {
        for (SourceLine line : unit.lines()) {
            record(line, goWholeFile.get(line.number()), null, failure);
        }
    }

    private void record(SourceLine line, LineCode go, LineCode goasm, String failure) {
        results.put(line.number(), new LineResult(line, go, goasm, failure));
    }

    /** Per source line of all functions in a listing; chunk line numbers mapped back when given. */
    private static Map<Integer, LineCode> linesOf(RunResult run, String file, Map<Integer, SourceLine> lineAt) {
        Map<Integer, LineCode> byLine = new LinkedHashMap<>();
        for (AsmListing.Function function : AsmListing.parse(run.stdout()).functions()) {
            function.bySourceLine(file).forEach((line, code) -> {
                if (lineAt == null) {
                    byLine.put(line, code);
                } else if (lineAt.containsKey(line)) {
                    byLine.put(lineAt.get(line).number(), code);
                }
            });
        }
        return byLine;
    }

    private List<String> args(Path output, Path file) {
        return args(List.of(), output, file);
    }

    private List<String> args(List<String> flags, Path output, Path file) {
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("-S", "-I", includeDir.toString(), "-o", output.toString(), file.toString()));
        return args;
    }

    private static String firstLine(String text) {
        return shorten(text.lines().findFirst().orElse("(no message)"));
    }

    private static String shorten(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
