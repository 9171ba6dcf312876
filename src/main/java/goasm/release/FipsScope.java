package goasm.release;

import java.util.List;

/**
 * The FIPS 140 module boundary of Go 1.24 on: symbols of crypto/internal/fips140 and its
 * packages get kinds of their own (STEXTFIPS, SRODATAFIPS, SNOPTRDATAFIPS, SDATAFIPS) so the
 * linker can lay the module out contiguously and checksum it.
 *
 * @param marksKinds        whether the release has FIPS kinds at all
 * @param modulePath        the import path the module's packages start with
 * @param runtimeDataMarkers name parts of compiler-made data kept out of the module (so it may
 *                          hold data relocations); "suffix:" entries match only at the end
 */
public record FipsScope(boolean marksKinds, String modulePath, List<String> runtimeDataMarkers) {
    public FipsScope {
        runtimeDataMarkers = List.copyOf(runtimeDataMarkers);
    }

    public static FipsScope of(GoRelease release) {
        return switch (release) {
            case GO1_15, GO1_19, GO1_21, GO1_22, GO1_23 -> new FipsScope(false, "", List.of());
            case GO1_24, GO1_26, GO1_27 -> new FipsScope(true, "crypto/internal/fips140",
                    List.of(".inittask", ".dict", ".typeAssert", "suffix:.arginfo0", "suffix:.arginfo1",
                            "suffix:.argliveinfo", "suffix:.args_stackmap", "suffix:.opendefer", "suffix:.stkobj",
                            "suffix:\u00b7f"));
        };
    }

    /** Whether the package being assembled is inside the module (its external tests are not). */
    public boolean packageInModule(String importPath) {
        return marksKinds && !importPath.endsWith("_test")
                && (importPath.equals(modulePath) || importPath.startsWith(modulePath + "/"));
    }

    /**
     * The kind a symbol is listed with: {@code kind} or its FIPS variant.
     *
     * @param kind       the symbol's kind name (STEXT, SRODATA, ...)
     * @param name       the symbol's full name
     * @param isStatic   a file-local symbol (sym<>), whose name carries no package
     * @param importPath the -p path of the package being assembled
     */
    public String kindName(String kind, String name, boolean isStatic, String importPath) {
        if (!marksKinds || importPath.endsWith("_test")) {
            return kind;
        }
        if (!kind.equals("STEXT") && !kind.equals("SDATA") && !kind.equals("SRODATA") && !kind.equals("SNOPTRDATA")) {
            return kind;
        }
        if (isStatic) {
            return packageInModule(importPath) ? kind + "FIPS" : kind;
        }
        if (name.length() <= modulePath.length() || !name.startsWith(modulePath)
                || (name.charAt(modulePath.length()) != '.' && name.charAt(modulePath.length()) != '/')) {
            return kind;
        }
        if (!kind.equals("STEXT")) {
            for (String marker : runtimeDataMarkers) {
                boolean excluded = marker.startsWith("suffix:") ? name.endsWith(marker.substring("suffix:".length()))
                        : name.contains(marker);
                if (excluded) {
                    return kind;
                }
            }
            if (name.equals(modulePath + "/check.linkinfo")) {
                return kind;
            }
        }
        return kind + "FIPS";
    }
}
