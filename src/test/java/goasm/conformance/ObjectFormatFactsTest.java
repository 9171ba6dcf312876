package goasm.conformance;

import goasm.release.GoRelease;
import goasm.release.ObjectFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tables of {@link ObjectFormat} are each release's own: checked against the installed
 * release's sources (its builtin symbol list, its symbol kinds and the object magic), read at
 * test time.
 */
class ObjectFormatFactsTest {
    private static final Pattern BUILTIN = Pattern.compile("^\\t\\{\"(.*)\", (\\d+)},$", Pattern.MULTILINE);
    private static final Pattern KIND = Pattern.compile("^\\t(S[A-Z0-9_]*|Sxxx)\\b", Pattern.MULTILINE);
    private static final Pattern MAGIC = Pattern.compile("const Magic = \"\\\\x00(go1\\d\\dld)\"");

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void builtinsAreTheReleases(GoRelease release) throws IOException {
        String source = Files.readString(goobjDir(release).resolve("builtinlist.go"));
        List<ObjectFormat.Builtin> expected = new ArrayList<>();
        Matcher m = BUILTIN.matcher(source);
        while (m.find()) {
            expected.add(new ObjectFormat.Builtin(m.group(1), Integer.parseInt(m.group(2))));
        }
        assertThat(expected).as("entries found in Go %s's builtinlist.go", release.line()).hasSizeGreaterThan(100);
        assertThat(ObjectFormat.of(release).builtins()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void symbolKindsAreNumberedAsTheReleaseNumbersThem(GoRelease release) throws IOException {
        String source = Files.readString(goRoot(release).resolve("src/cmd/internal/objabi/symkind.go"));
        String constants = source.substring(source.indexOf("const ("), source.indexOf("\n)", source.indexOf("const (")));
        List<String> expected = new ArrayList<>();
        Matcher m = KIND.matcher(constants);
        while (m.find()) {
            expected.add(m.group(1));
        }
        assertThat(ObjectFormat.of(release).symKinds()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void magicIsTheReleases(GoRelease release) throws IOException {
        Matcher m = MAGIC.matcher(Files.readString(goobjDir(release).resolve("objfile.go")));
        assertThat(m.find()).as("Go %s's goobj magic", release.line()).isTrue();
        assertThat(ObjectFormat.of(release).magic()).isEqualTo("\0" + m.group(1));
    }

    /**
     * Hand-checked against objabi.SymKind: Go 1.15 had no separate function DWARF kind; windows
     * unwind info exists only in releases that write it.
     */
    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void everyKindTheAssemblerDefinesHasANumber(GoRelease release) {
        boolean writesUnwindInfo = goasm.release.SehUnwind.of(release).placement()
                != goasm.release.SehUnwind.Placement.NONE;
        for (goasm.obj.SymKind kind : goasm.obj.SymKind.values()) {
            if (kind == goasm.obj.SymKind.SSEHUNWINDINFO && !writesUnwindInfo) {
                assertThat(ObjectFormat.of(release).symKinds()).doesNotContain(kind.name());
                continue;
            }
            assertThat(ObjectFormat.of(release).symKindNumber(kind.name())).as("%s in %s", kind, release.line())
                    .isPositive();
        }
    }

    private static Path goRoot(GoRelease release) {
        Path root = GoOracle.of(release).goRoot();
        // Fails (never skips) with the install hint when the release is missing.
        GoOracle.of(release).asmTool();
        return root;
    }

    /** cmd/internal/goobj, or Go 1.15's goobj2 (its goobj read the old format). */
    private static Path goobjDir(GoRelease release) throws IOException {
        Path internal = goRoot(release).resolve("src/cmd/internal");
        try (Stream<Path> dirs = Files.list(internal)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("goobj"))
                    .filter(d -> Files.exists(d.resolve("builtinlist.go")))
                    .findFirst().orElseThrow(() -> new AssertionError("no goobj with builtinlist.go in " + internal));
        }
    }
}
