package goasm.emit.goobj;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How source names are recorded, following the rules in Go's objabi.AbsFile documentation:
 * absolute against the working directory, -trimpath "prefix" removes a leading run of path
 * elements, "prefix=>replacement" replaces it, otherwise the Go root becomes "$GOROOT".
 */
class SourcePathsTest {
    @ParameterizedTest(name = "{0} in {1} with -trimpath \"{2}\" -> {3}")
    @CsvSource(delimiter = '|', value = {
            "a.s | /w | '' | /w/a.s",
            "./x/../a.s | /w/d | '' | /w/d/a.s",
            "/abs/a.s | /w | '' | /abs/a.s",
            "a.s | /w | /w | a.s",
            "a.s | /w | /w=>pkg | pkg/a.s",
            "a.s | /wide | /w | /wide/a.s",
            "a.s | /w | /nomatch;/w=>z | z/a.s",
            "/g/src/a.s | /w | '' | $GOROOT/src/a.s",
            "/g/src/a.s | /w | /g/src=>std | std/a.s",
            "/gopher/a.s | /w | '' | /gopher/a.s",
    })
    void absoluteName(String file, String dir, String trimPath, String expected) {
        assertThat(new SourcePaths(dir, trimPath, "/g", "gofile..").absolute(file)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/a/b, /a/b", "/a//b/./c/.., /a/b", "/.., /", "a/../.., ..", "'', ."})
    void cleanIsLexical(String path, String expected) {
        assertThat(SourcePaths.clean(path)).isEqualTo(expected);
    }
}
