package goasm.cli;

import org.junit.jupiter.api.Test;

import goasm.release.CommandLine;
import goasm.release.CommandLine.DebugKey;
import goasm.release.CommandLine.DebugValue;
import goasm.release.CommandLine.Flag;
import goasm.release.CommandLine.FlagKind;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Go's flag package grammar (flag.FlagSet.parseOne), reasoned from its documented rules. */
class GoFlagSetTest {
    private static GoFlagSet flags() {
        return new GoFlagSet(new CommandLine(List.of(
                new Flag("S", FlagKind.COUNT, "", "print", ""),
                new Flag("e", FlagKind.BOOL, "", "all errors", ""),
                new Flag("o", FlagKind.STRING, "string", "output", ""),
                new Flag("I", FlagKind.LIST, "value", "include", ""),
                new Flag("V", FlagKind.VERSION, "", "version", ""),
                new Flag("p", FlagKind.STRING, "string", "path", "<x>"),
                new Flag("d", FlagKind.DEBUG, "value", "debug", "")),
                List.of(new DebugKey("maymorestack", DebugValue.STRING, "call"),
                        new DebugKey("compressinstructions", DebugValue.INT, "compress\nmore")),
                CommandLine.ResponseFiles.NONE, new CommandLine.RuntimeAssembly.CompilingRuntimeFlag()));
    }

    @Test
    void acceptsGoSpellingsAndStopsAtFirstFile() throws Exception {
        GoFlagSet f = flags();
        f.parse(List.of("--S", "-e=false", "-o", "x.o", "-I=a", "-I", "b", "f.s", "-S"));
        assertThat(f.count("S")).isEqualTo(1);
        assertThat(f.bool("e")).isFalse();
        assertThat(f.string("o")).isEqualTo("x.o");
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
        assertThat(f.parse(List.of("-V=full", "-x"))).isEqualTo(GoFlagSet.Outcome.VERSION);
        assertThat(f.isSet("V")).isTrue();
    }

    @Test
    void debugKeysAreCheckedAsTheyAreParsed() throws Exception {
        GoFlagSet f = flags();
        assertThat(f.parse(List.of("-d", "maymorestack=f,compressinstructions:0", "a.s"))).isEqualTo(GoFlagSet.Outcome.PARSED);
        assertThat(f.debug("maymorestack")).contains("f");
        assertThat(f.debug("compressinstructions")).contains("0");
        // A string key without a value is set to the empty string (objabi's DebugFlag).
        GoFlagSet g = flags();
        g.parse(List.of("-d=maymorestack", "a.s"));
        assertThat(g.debug("maymorestack")).contains("");
        assertThat(flags().parse(List.of("-d", "help", "-x"))).isEqualTo(GoFlagSet.Outcome.DEBUG_HELP);
        assertThatThrownBy(() -> flags().parse(List.of("-d", "maymorestack=f,bogus")))
                .hasMessage("invalid value \"maymorestack=f,bogus\" for flag -d: unknown debug key bogus\n");
        assertThatThrownBy(() -> flags().parse(List.of("-d", "compressinstructions=x")))
                .isInstanceOf(GoFlagSet.Fatal.class).hasMessage("invalid debug value compressinstructions");
    }

    /* Layout checked against objabi's DebugFlag help: names padded to the longest, continuation lines indented. */
    @Test
    void debugHelpPadsNames() {
        assertThat(flags().debugHelp()).isEqualTo("usage: -d arg[,arg]* and arg is <key>[=<value>]\n\n<key> is one of:\n\n"
                + "\tcompressinstructions\tcompress\n\t                    \tmore\n"
                + "\tmaymorestack        \tcall\n");
    }

    @Test
    void stringDefaultsComeFromTheRelease() throws Exception {
        GoFlagSet f = flags();
        f.parse(List.of("a.s"));
        assertThat(f.string("p")).isEqualTo("<x>");
        assertThat(f.string("o")).isEmpty();
    }

    /* Layout checked against `go tool asm -h` (Go 1.19.8): one-letter bool flags keep usage on the same line. */
    @Test
    void defaultsLayoutMatchesGo() {
        assertThat(flags().defaults()).isEqualTo("""
                  -I value
                    \tinclude
                  -S\tprint
                  -V\tversion
                  -d value
                    \tdebug
                  -e\tall errors
                  -o string
                    \toutput
                  -p string
                    \tpath (default "<x>")
                """);
    }
}
