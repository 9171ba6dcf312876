package goasm.cli;

import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every rule by which goasm picks the release it follows, first to last, and toolexec's two paths. */
class ReleaseChoiceTest {
    @TempDir
    Path work;

    /** A GOROOT with a VERSION file (none when {@code version} is null) and a tool directory. */
    private Path goRoot(String name, String version) throws IOException {
        Path root = Files.createDirectories(work.resolve(name));
        Files.createDirectories(root.resolve("pkg/tool/linux_amd64"));
        if (version != null) {
            Files.writeString(root.resolve("VERSION"), version + "\ntime 2026-01-01T00:00:00Z\n");
        }
        return root;
    }

    private static Path asmOf(Path root) {
        return root.resolve("pkg/tool/linux_amd64/asm");
    }

    @Test
    void withNothingToGoByTheNewestReleaseIsFollowed() throws Exception {
        ReleaseProfile p = ReleaseChoice.choose(Map.of());
        assertThat(p.release()).isEqualTo(GoRelease.GO1_27);
        assertThat(p.goVersion()).isEqualTo("go1.27.3");
        assertThat(p.goRoot()).isEqualTo("/usr/lib/go-1.27");
    }

    @Test
    void goasmGoNamesTheReleaseInAnySpelling() throws Exception {
        assertThat(ReleaseChoice.choose(Map.of("GOASM_GO", "1.22")).goVersion()).isEqualTo("go1.22.12");
        assertThat(ReleaseChoice.choose(Map.of("GOASM_GO", "go1.22")).release()).isEqualTo(GoRelease.GO1_22);
        // An exact patch release is taken as named.
        assertThat(ReleaseChoice.choose(Map.of("GOASM_GO", "go1.22.5")).goVersion()).isEqualTo("go1.22.5");
        assertThat(ReleaseChoice.choose(Map.of("GOASM_GO", "1.15.2")).goVersion()).isEqualTo("go1.15.2");
    }

    @Test
    void goasmGoWinsOverEveryGoroot() throws Exception {
        Path root = goRoot("go21", "go1.21.2");
        ReleaseProfile p = ReleaseChoice.choose(Map.of("GOASM_GO", "1.19", "GOROOT", root.toString()),
                Optional.of(asmOf(root)));
        assertThat(p.release()).isEqualTo(GoRelease.GO1_19);
        assertThat(p.goVersion()).isEqualTo("go1.19.8");
        assertThat(p.goRoot()).isEqualTo("/usr/lib/go-1.19");
    }

    @Test
    void goasmGoTakesThePatchAndRootOfAGorootOfTheSameRelease() throws Exception {
        Path root = goRoot("go22", "go1.22.7");
        ReleaseProfile p = ReleaseChoice.choose(Map.of("GOASM_GO", "1.22", "GOROOT", root.toString()));
        assertThat(p.goVersion()).isEqualTo("go1.22.7");
        assertThat(p.goRoot()).isEqualTo(root.toString());
    }

    @Test
    void theToolPathNamesTheGoroot() throws Exception {
        Path tool = goRoot("go21", "go1.21.2");
        Path env = goRoot("go24", "go1.24.1");
        ReleaseProfile p = ReleaseChoice.choose(Map.of("GOROOT", env.toString()), Optional.of(asmOf(tool)));
        assertThat(p.release()).isEqualTo(GoRelease.GO1_21);
        assertThat(p.goVersion()).isEqualTo("go1.21.2");
        assertThat(p.goRoot()).isEqualTo(tool.toString());
    }

    @Test
    void aToolPathThatSaysNothingLeavesItToGoroot() throws Exception {
        Path unversioned = goRoot("plain", null);
        Path env = goRoot("go24", "go1.24.1");
        assertThat(ReleaseChoice.choose(Map.of("GOROOT", env.toString()), Optional.of(asmOf(unversioned))).goVersion())
                .isEqualTo("go1.24.1");
        // Not shaped like GOROOT/pkg/tool/os_arch/asm at all.
        assertThat(ReleaseChoice.choose(Map.of("GOROOT", env.toString()), Optional.of(work.resolve("bin/asm")))
                .goVersion()).isEqualTo("go1.24.1");
        assertThat(ReleaseChoice.choose(Map.of(), Optional.of(asmOf(unversioned))).release()).isEqualTo(GoRelease.NEWEST);
    }

    @Test
    void gorootAloneNamesTheRelease() throws Exception {
        Path root = goRoot("go26", "go1.26.1 X:nodwarf5");
        ReleaseProfile p = ReleaseChoice.choose(Map.of("GOROOT", root.toString()));
        assertThat(p.release()).isEqualTo(GoRelease.GO1_26);
        assertThat(p.goVersion()).isEqualTo("go1.26.1");
        assertThat(p.goRoot()).isEqualTo(root.toString());
    }

    @Test
    void anUnsupportedReleaseIsOneLineNamingTheSupportedOnes() throws Exception {
        Path old = goRoot("go20", "go1.20.3");
        String supported = "(supported: 1.15, 1.19, 1.21, 1.22, 1.23, 1.24, 1.26, 1.27)";
        assertThatThrownBy(() -> ReleaseChoice.choose(Map.of("GOASM_GO", "1.20")))
                .hasMessage("goasm: unsupported Go release 1.20 in GOASM_GO " + supported);
        assertThatThrownBy(() -> ReleaseChoice.choose(Map.of("GOROOT", old.toString())))
                .hasMessage("goasm: unsupported Go release go1.20.3 at GOROOT " + old + " " + supported);
        assertThatThrownBy(() -> ReleaseChoice.choose(Map.of(), Optional.of(asmOf(old))))
                .hasMessage("goasm: unsupported Go release go1.20.3 at GOROOT " + old + " " + supported);

        Result r = main(Map.of("GOASM_GO", "2.0"), "asm", "-V");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).isEqualTo("goasm: unsupported Go release 2.0 in GOASM_GO " + supported + "\n");
        assertThat(r.out).isEmpty();
    }

    @Test
    void goRootOfToolWantsThePkgToolShape() {
        assertThat(ReleaseChoice.goRootOfTool(Path.of("/usr/lib/go-1.27/pkg/tool/linux_amd64/asm")))
                .contains(Path.of("/usr/lib/go-1.27"));
        assertThat(ReleaseChoice.goRootOfTool(Path.of("/usr/lib/go-1.27/bin/asm"))).isEmpty();
        assertThat(ReleaseChoice.goRootOfTool(Path.of("/asm"))).isEmpty();
    }

    @Test
    void versionAndAsmVSayWhichReleaseIsFollowed() throws Exception {
        Path root = goRoot("go23", "go1.23.2");
        Result version = main(Map.of("GOROOT", root.toString()), "version");
        assertThat(version.status).isZero();
        assertThat(version.out).contains("follows go1.23.2 amd64, GOROOT " + root);
        Result asm = main(Map.of("GOROOT", root.toString()), "asm", "-V");
        assertThat(asm.out).isEqualTo("asm version go1.23.2\n");
    }

    @Test
    void toolexecAssemblesForTheToolsGorootAndNeverRunsTheRealAssembler() throws Exception {
        Path root = goRoot("go21", "go1.21.2");
        Path marker = work.resolve("real-asm-ran");
        Path asm = asmOf(root);
        Files.writeString(asm, "#!/bin/sh\ntouch " + marker + "\n");
        asm.toFile().setExecutable(true);

        Result full = main(Map.of(), "toolexec", asm.toString(), "-V=full");
        assertThat(full.status).isZero();
        // Go's line, then goasm's build, so that go's cache tells the two assemblers apart.
        assertThat(full.out).matches("asm version go1\\.21\\.2 goasm=[0-9a-f]{32}\n");
        Result plain = main(Map.of(), "toolexec", asm.toString(), "-V");
        assertThat(plain.out).isEqualTo("asm version go1.21.2\n");
        Result experiment = main(Map.of("GOEXPERIMENT", "fieldtrack"), "toolexec", asm.toString(), "-V=full");
        assertThat(experiment.out).matches("asm version go1\\.21\\.2 X:fieldtrack goasm=[0-9a-f]{32}\n");

        Path source = work.resolve("a.s");
        Files.writeString(source, "TEXT ·f(SB),0,$0\n\tRET\n");
        Result assembled = main(Map.of(), "toolexec", asm.toString(), "-p", "x", "-o", work.resolve("a.o").toString(),
                source.toString());
        assertThat(assembled.status).as(assembled.err).isZero();
        assertThat(Files.readString(work.resolve("a.o"), StandardCharsets.ISO_8859_1)).startsWith("go object linux amd64 go1.21.2");
        assertThat(marker).doesNotExist();
    }

    @Test
    void toolexecRunsEveryOtherToolUnchanged() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "SEEN", "yes"));
        Result r = main(env, "toolexec", "/bin/sh", "-c", "echo out $SEEN \"$0\"; echo err >&2; exit 3", "a b");
        assertThat(r.status).isEqualTo(3);
        assertThat(r.out).isEqualTo("out yes a b\n");
        assertThat(r.err).isEqualTo("err\n");
        // A compile named by its GOROOT path is run, not assembled.
        assertThat(ToolexecCommand.isAssembler(Path.of("/g/pkg/tool/linux_amd64/compile"))).isFalse();
        assertThat(ToolexecCommand.isAssembler(Path.of("/g/pkg/tool/linux_amd64/asm"))).isTrue();
        Result missing = main(env, "toolexec", work.resolve("missing-tool").toString());
        assertThat(missing.status).isEqualTo(1);
        assertThat(missing.err).isEqualTo("goasm toolexec: fork/exec " + work.resolve("missing-tool")
                + ": no such file or directory\n");
    }

    private record Result(int status, String out, String err) {
    }

    private Result main(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, work, env, o, e);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
