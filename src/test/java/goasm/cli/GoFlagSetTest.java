package goasm.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Go's flag package grammar (flag.FlagSet.parseOne), reasoned from its documented rules. */
class GoFlagSetTest {
    private static GoFlagSet flags() {
        return new GoFlagSet()
                .define("S", GoFlagSet.Kind.COUNT, "", "print", "")
                .define("e", GoFlagSet.Kind.BOOL, "", "all errors", "")
                .define("o", GoFlagSet.Kind.STRING, "string", "output", "")
                .define("I", GoFlagSet.Kind.LIST, "value", "include", "")
                .define("V", GoFlagSet.Kind.STRING_OPTIONAL, "", "version", "");
    }

    @Test
    void acceptsGoSpellingsAndStopsAtFirstFile() throws Exception {
        GoFlagSet f = flags();
        f.parse(List.of("--S", "-e=false", "-o", "x.o", "-I=a", "-I", "b", "f.s", "-S"));
        assertThat(f.count("S")).isEqualTo(1);
        assertThat(f.bool("e")).isFalse();
        assertThat(f.string("o", "")).isEqualTo("x.o");
        assertThat(f.list("I")).containsExactly("a", "b");
        assertThat(f.positional()).containsExactly("f.s", "-S");
    }

    @Test
    void countFlagAddsOrSets() throws Exception {
        GoFlagSet f = flags();
        f.parse(List.of("-S", "-S"));
        assertThat(f.count("S")).isEqualTo(2);
        GoFlagSet g = flags();
        g.parse(List.of("-S=5"));
        assertThat(g.count("S")).isEqualTo(5);
    }

    @Test
    void doubleDashEndsFlags() throws Exception {
        GoFlagSet f = flags();
        f.parse(List.of("-e", "--", "-S"));
        assertThat(f.positional()).containsExactly("-S");
        assertThat(f.count("S")).isZero();
    }

    @Test
    void errorsUseGoWording() {
        assertThatThrownBy(() -> flags().parse(List.of("-x"))).hasMessage("flag provided but not defined: -x");
        assertThatThrownBy(() -> flags().parse(List.of("-o"))).hasMessage("flag needs an argument: -o");
        assertThatThrownBy(() -> flags().parse(List.of("-e=maybe")))
                .hasMessage("invalid boolean value \"maybe\" for -e: parse error");
        assertThatThrownBy(() -> flags().parse(List.of("---e"))).hasMessage("bad flag syntax: ---e");
    }

    @Test
    void versionActsAtOnce() throws Exception {
        GoFlagSet f = flags();
        f.parse(List.of("-V=full", "-x"));
        assertThat(f.isSet("V")).isTrue();
    }

    /* Layout checked against `go tool asm -h` (Go 1.19.8): one-letter bool flags keep usage on the same line. */
    @Test
    void defaultsLayoutMatchesGo() {
        assertThat(flags().defaults()).isEqualTo("""
                  -I value
                    \tinclude
                  -S\tprint
                  -V\tversion
                  -e\tall errors
                  -o string
                    \toutput
                """);
    }
}
