package goasm.release;

import java.util.Set;

/**
 * The FUNCDATA a release's assembler supplies for package functions that do not declare it.
 *
 * @param addsArgInfo              whether an arginfo FUNCDATA ($5, f.arginfo0) is added (not in Go 1.15)
 * @param resolvesNoPointersMap    whether {@code no_pointers_stackmap(SB)} becomes the shared empty
 *                                 locals map (in Go 1.15 it stays an ordinary symbol)
 * @param abi0Only                 whether only ABI0 functions get the argument maps
 * @param exempt                   functions that never get them (host-ABI functions the linker treats specially)
 * @param localsMapHash            how the shared empty locals map's name is hashed from its contents
 * @param misuseWording            what precedes "FUNCDATA use of ... without ..." when a placeholder
 *                                 is used with the wrong index
 */
public record FuncDataRules(boolean addsArgInfo, boolean resolvesNoPointersMap, boolean abi0Only, Set<String> exempt,
                            LocalsMapHash localsMapHash, MisuseWording misuseWording) {
    public enum MisuseWording {
        /** Nothing. */
        BARE,
        /**
         * Go's internal position value printed with the string verb:
         * {@code {%!s(int32=1) %!s(src.lico=12288)}: } (Go 1.21 to 1.24).
         */
        RAW_POSITION,
        /** The instruction as -S prints it: {@code 00002 (f.s:3)\tFUNCDATA\t$1, go_args_stackmap(SB): }. */
        INSTRUCTION
    }

    /** gclocals·NAME: NAME is the base64 of 16 bytes of a hash of the map. */
    public enum LocalsMapHash {
        /** The first 16 bytes of SHA-256 with every bit inverted. */
        INVERTED_SHA256_HEAD,
        /** Bytes 8 to 23 of SHA-256. */
        SHA256_MIDDLE,
        /** The first 16 bytes of SHA-256 with the first byte inverted. */
        FLIPPED_SHA256_HEAD
    }

    public FuncDataRules {
        exempt = Set.copyOf(exempt);
    }

    public static FuncDataRules of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> new FuncDataRules(false, false, false, Set.of(), LocalsMapHash.INVERTED_SHA256_HEAD,
                    MisuseWording.BARE);
            case GO1_19 -> new FuncDataRules(true, true, true, Set.of(), LocalsMapHash.INVERTED_SHA256_HEAD,
                    MisuseWording.BARE);
            case GO1_21 -> new FuncDataRules(true, true, true, Set.of(), LocalsMapHash.INVERTED_SHA256_HEAD,
                    MisuseWording.RAW_POSITION);
            case GO1_22, GO1_23 -> new FuncDataRules(true, true, true, Set.of("runtime.addmoduledata"),
                    LocalsMapHash.INVERTED_SHA256_HEAD, MisuseWording.RAW_POSITION);
            case GO1_24 -> new FuncDataRules(true, true, true, Set.of("runtime.addmoduledata"),
                    LocalsMapHash.SHA256_MIDDLE, MisuseWording.RAW_POSITION);
            case GO1_26, GO1_27 -> new FuncDataRules(true, true, true, Set.of("runtime.addmoduledata"),
                    LocalsMapHash.FLIPPED_SHA256_HEAD, MisuseWording.INSTRUCTION);
        };
    }
}
