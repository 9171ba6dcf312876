package goasm.release;

/**
 * How a release names the package being assembled in symbols written {@code ·f}: the lexer
 * marks them {@code "".f}, and the release either keeps that placeholder for the linker to
 * fill in or replaces it with the -p import path at once.
 *
 * @param localPackage what {@code "".} becomes
 * @param symAbiSelectors whether {@code f<ABIInternal>(SB)} is syntax at all, and how -gensymabis reads it
 */
public record SymbolNaming(LocalPackage localPackage, SymAbiSelectors symAbiSelectors) {
    /** The placeholder the lexer puts before a leading middle dot. */
    public static final String PLACEHOLDER = "\"\"";
    /** The package prefix Go uses when no -p was given. */
    public static final String UNLINKABLE = "<unlinkable>";

    public enum LocalPackage {
        /** {@code "".f}: the linker substitutes the package path later. */
        PLACEHOLDER,
        /** {@code main.f}: the -p path, escaped as in object files, or {@code <unlinkable>}. */
        IMPORT_PATH
    }

    /** Whether a symbol may carry an ABI selector, and how -gensymabis treats {@code <...>} after a function name. */
    public enum SymAbiSelectors {
        /**
         * No selectors (Go 1.15): only {@code <>} may follow a name ("expected '>'" otherwise),
         * and for -gensymabis anything after the name but +offset and (SB) makes the operand no
         * function address.
         */
        NOT_A_FUNCTION_ADDRESS,
        /** Read without complaint: a permitted, valid selector names the ABI, anything else is ABI0; {@code <>} is static. */
        READ
    }

    public static SymbolNaming of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> new SymbolNaming(LocalPackage.PLACEHOLDER, SymAbiSelectors.NOT_A_FUNCTION_ADDRESS);
            case GO1_19, GO1_21 -> new SymbolNaming(LocalPackage.PLACEHOLDER, SymAbiSelectors.READ);
            case GO1_22, GO1_23, GO1_24, GO1_26, GO1_27 -> new SymbolNaming(LocalPackage.IMPORT_PATH,
                    SymAbiSelectors.READ);
        };
    }

    /** The prefix a local name {@code "".f} gets for this -p path (empty: none given). */
    public String localPrefix(String importPath) {
        return switch (localPackage) {
            case PLACEHOLDER -> PLACEHOLDER;
            // An absent -p is "<unlinkable>" (the flag's default); an explicit empty one stays empty.
            case IMPORT_PATH -> pathToPrefix(importPath);
        };
    }

    /** The symbol name for {@code name} as written after the lexer, for this -p path. */
    public String qualify(String name, String importPath) {
        if (localPackage == LocalPackage.PLACEHOLDER || !name.startsWith(PLACEHOLDER + ".")) {
            return name;
        }
        return localPrefix(importPath) + name.substring(PLACEHOLDER.length());
    }

    /**
     * An import path as symbol names spell it: control characters, space, '%', '"', bytes from
     * 0x7f up, and dots after the last slash become %xx, so that the first dot after the last
     * slash ends the package part.
     */
    public static String pathToPrefix(String path) {
        byte[] bytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int lastSlash = path.lastIndexOf('/');
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c <= ' ' || (c == '.' && i > lastSlash) || c == '%' || c == '"' || c >= 0x7f) {
                sb.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
