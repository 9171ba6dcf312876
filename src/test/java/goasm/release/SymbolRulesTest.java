package goasm.release;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Symbol naming and FIPS kinds, worked out by hand from the rules each release documents. */
class SymbolRulesTest {
    @Test
    void localSymbolsKeepThePlaceholderUntilGo122() {
        assertThat(SymbolNaming.of(GoRelease.GO1_21).qualify("\"\".f", "main")).isEqualTo("\"\".f");
        assertThat(SymbolNaming.of(GoRelease.GO1_22).qualify("\"\".f", "main")).isEqualTo("main.f");
        // No -p: the flag's default path, "<unlinkable>", which escapes to itself.
        assertThat(SymbolNaming.of(GoRelease.GO1_27).qualify("\"\".f", "<unlinkable>")).isEqualTo("<unlinkable>.f");
        // An explicit -p '': Go's parser prefixes the escaped path, which is empty.
        assertThat(SymbolNaming.of(GoRelease.GO1_27).qualify("\"\".f", "")).isEqualTo(".f");
        // Other packages' symbols are left alone.
        assertThat(SymbolNaming.of(GoRelease.GO1_27).qualify("runtime.f", "main")).isEqualTo("runtime.f");
    }

    @Test
    void importPathsEscapeDotsAfterTheLastSlash() {
        // '.' after the last slash is %2e; the one in the host name stays.
        assertThat(SymbolNaming.pathToPrefix("example.com/a.b")).isEqualTo("example.com/a%2eb");
        // Space is %20, '%' is %25, '"' is %22.
        assertThat(SymbolNaming.pathToPrefix("a b%\"")).isEqualTo("a%20b%25%22");
    }

    @Test
    void fipsKindsFromGo124InsideTheModule() {
        FipsScope f23 = FipsScope.of(GoRelease.GO1_23);
        FipsScope f24 = FipsScope.of(GoRelease.GO1_24);
        String pkg = "crypto/internal/fips140/sha256";
        assertThat(f23.kindName("STEXT", pkg + ".block", false, pkg)).isEqualTo("STEXT");
        assertThat(f24.kindName("STEXT", pkg + ".block", false, pkg)).isEqualTo("STEXTFIPS");
        assertThat(f24.kindName("SRODATA", pkg + ".table", false, pkg)).isEqualTo("SRODATAFIPS");
        // BSS kinds have no FIPS variant.
        assertThat(f24.kindName("SNOPTRBSS", pkg + ".buf", false, pkg)).isEqualTo("SNOPTRBSS");
        // A static symbol's name has no package: the package decides.
        assertThat(f24.kindName("SRODATA", "mask", true, pkg)).isEqualTo("SRODATAFIPS");
        assertThat(f24.kindName("SRODATA", "mask", true, "crypto/sha256")).isEqualTo("SRODATA");
        // Compiler-made metadata stays out, and "crypto/internal/fips140x" is not the module.
        assertThat(f24.kindName("SRODATA", pkg + ".block.args_stackmap", false, pkg)).isEqualTo("SRODATA");
        assertThat(f24.kindName("STEXT", "crypto/internal/fips140x.f", false, pkg)).isEqualTo("STEXT");
        // External test packages are outside.
        assertThat(f24.kindName("STEXT", pkg + ".block", false, pkg + "_test")).isEqualTo("STEXT");
    }
}
