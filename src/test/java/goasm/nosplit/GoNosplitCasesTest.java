package goasm.nosplit;

import goasm.asm.AsmOptions;
import goasm.asm.Assembler;
import goasm.conformance.GoOracle;
import goasm.link.Linker;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go's own cases for the linker's NOSPLIT check (test/nosplit.go of each release): every case
 * is built into assembly as that file builds it, assembled by goasm, and goasm's check must
 * reject exactly the cases the file marks REJECT for amd64 (the verdicts of Go's linker).
 */
class GoNosplitCasesTest {
    private static final Pattern FUNCTION = Pattern.compile("(\\w+) (\\d+)( nosplit)?(.*)");
    private static final Pattern CALL = Pattern.compile("\\bcall (\\w+)\\b");
    private static final Pattern CALL_INDIRECT = Pattern.compile("\\bcallind\\b");

    /** A case: its text, the assembly built from it, and whether Go rejects it on amd64. */
    record Case(String stanza, String asm, boolean reject) {
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void goasmRejectsExactlyTheCasesGoRejects(GoRelease release, @TempDir Path dir) throws IOException {
        GoOracle.Toolchain go = GoOracle.of(release);
        go.goCommand();
        Path file = go.goRoot().resolve("test/nosplit.go");
        assertThat(file).as("Go's test/nosplit.go of %s (run .ci/install-go.sh %s)", release.line(), release.line())
                .exists();
        List<Case> cases = cases(Files.readString(file));
        assertThat(cases).as("cases read from %s", file).hasSizeGreaterThan(40);

        ReleaseProfile profile = ReleaseProfile.reference(release);
        List<String> disagreements = new ArrayList<>();
        int rejected = 0;
        for (Case c : cases) {
            Path asm = dir.resolve("asm.s");
            Files.writeString(asm, c.asm());
            AsmOptions options = AsmOptions.inMemory(List.of(asm.toString()), List.of(go.includeDir().toString()),
                    List.of(), profile.experiments().defaults(), profile);
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
            Assembler.Assembly assembly = new Assembler(options, discard, discard).assemble();
            assertThat(assembly.ok()).as("goasm assembles %s", c.asm()).isTrue();
            List<NosplitCheck.Overflow> overflows = NosplitCheck.check(
                    StackGraph.of(assembly.link().text(), Linker::goName), profile.nosplit());
            if (!overflows.isEmpty() != c.reject()) {
                disagreements.add((c.reject() ? "accepted, Go rejects: " : "rejected, Go accepts: ")
                        + c.stanza().replace("\n", "; ") + (overflows.isEmpty() ? "" : " -> " + overflows.get(0).lines()));
            }
            if (c.reject()) {
                rejected++;
            }
        }
        assertThat(rejected).as("cases Go rejects on amd64").isGreaterThan(10);
        assertThat(disagreements).as("cases where goasm's verdict differs from Go's (%d cases)", cases.size())
                .isEmpty();
    }

    /**
     * The cases of the file, built as the file's own main builds them: the first function of a
     * case (1.15: of every line) gets the room the limit grew by since the cases were written
     * (800 - 128 bytes), NOSPLIT is flag 7, {@code call f} and {@code callind} become CALLs, and
     * cases with frames only 4-aligned are left out on 64-bit systems.
     */
    static List<Case> cases(String source) {
        int start = source.indexOf("var tests = `") + "var tests = `".length();
        String tests = source.substring(start, source.indexOf('`', start)).replace("\t", " ");
        tests = tests.replaceAll("(?m)^#.*", "");
        // Up to 1.18 the first function of a case is called main and every line's first function grows;
        // later a wrapper main0 calls start and only the first NOSPLIT function grows.
        boolean wrapper = source.contains("TEXT ·main0(SB)");
        String first = wrapper ? "start" : "main";
        List<Case> cases = new ArrayList<>();
        while (!tests.isEmpty()) {
            String stanza;
            int i = tests.indexOf("\n" + first + " ");
            if (i < 0) {
                stanza = tests;
                tests = "";
            } else {
                stanza = tests.substring(0, i);
                tests = tests.substring(i + 1);
            }
            Matcher m = Pattern.compile("(?s)\\A(.+?)((\\n|; *)REJECT(.*))?\\z").matcher(stanza);
            if (!m.matches()) {
                continue;
            }
            String lines = m.group(1).strip();
            boolean reject = false;
            if (m.group(2) != null) {
                String arches = m.group(4).strip();
                reject = arches.isEmpty() || List.of(arches.split("\\s+")).contains("amd64");
            }
            if (lines.isEmpty() && !reject) {
                continue;
            }
            Case c = build(lines, reject, wrapper);
            if (c != null) {
                cases.add(c);
            }
        }
        return cases;
    }

    private static Case build(String lines, boolean reject, boolean wrapper) {
        StringBuilder asm = new StringBuilder("#define REGISTER AX\n");
        if (wrapper) {
            asm.append("TEXT ·main0(SB),0,$0-0\n\tCALL ·start(SB)\n");
        }
        boolean adjusted = false;
        for (String line : lines.split("\n")) {
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int index = 0;
            for (String sub : line.split(";")) {
                sub = sub.strip();
                if (sub.isEmpty()) {
                    continue;
                }
                Matcher m = FUNCTION.matcher(sub);
                if (!m.matches()) {
                    return null;
                }
                int size = Integer.parseInt(m.group(2));
                boolean nosplit = m.group(3) != null;
                if (wrapper ? !adjusted && nosplit : index == 0) {
                    adjusted = true;
                    size += 800 - 128;
                }
                index++;
                if (size % 8 == 4) {
                    return null;
                }
                String body = CALL.matcher(m.group(4)).replaceAll("CALL ·$1(SB);");
                body = CALL_INDIRECT.matcher(body).replaceAll("CALL REGISTER;");
                asm.append("TEXT ·").append(m.group(1)).append("(SB)").append(nosplit ? ",7" : ",0").append(",$")
                        .append(size).append("-0\n\t").append(body).append("\n\tRET\n\n");
            }
        }
        // The program's entry: main.main is called by a splittable runtime.main.
        if (wrapper) {
            asm.append("TEXT ·main(SB),0,$0-0\n\tCALL ·main0(SB)\n\tRET\n");
        }
        return new Case(lines, asm.toString(), reject);
    }
}
