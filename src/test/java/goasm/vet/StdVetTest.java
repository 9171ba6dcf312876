package goasm.vet;

import goasm.conformance.GoOracle;
import goasm.release.GoRelease;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standard library's assembly of every release is clean under goasm vet, as it is under
 * the release's {@code go vet -asmdecl -framepointer std}: no false positives on a large body
 * of real code, with most functions actually checked against their declarations.
 */
class StdVetTest {
    @ParameterizedTest
    @EnumSource(GoRelease.class)
    void standardLibraryAssemblyIsClean(GoRelease release, @TempDir Path tmp) {
        GoOracle.of(release).goCommand();
        VetRun run = VetRun.goasm(release, tmp, "-v", "std");
        String findings = String.join("\n", run.err().lines().filter(l -> !l.startsWith("vet: ")).toList());
        assertThat(findings).as("goasm vet std of %s", release.line()).isEmpty();
        assertThat(run.status()).isZero();

        Pattern summary = Pattern.compile("^vet: \\S+: (\\d+) assembly files, (\\d+) functions checked", Pattern.MULTILINE);
        Matcher m = summary.matcher(run.err());
        int packages = 0;
        int functions = 0;
        while (m.find()) {
            packages++;
            functions += Integer.parseInt(m.group(2));
        }
        // Every release has more than 20 packages with amd64 assembly and a few hundred functions.
        assertThat(packages).as("std packages with amd64 assembly").isGreaterThan(20);
        assertThat(functions).as("functions checked against their Go declarations").isGreaterThan(150);
    }
}
