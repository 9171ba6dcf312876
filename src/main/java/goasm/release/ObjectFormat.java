package goasm.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a release writes an object file (-o): the header line, the indexed object's magic and
 * layout, symbol kind numbers, flags, alignment rules, file symbols, the builtin symbols known by
 * index, and the DWARF it attaches to functions.
 *
 * @param magic                 the bytes that start the indexed object ("\0go120ld")
 * @param headerLine            what the "go object ..." line names besides the OS, arch and version
 * @param layout                the shape of the indexed object
 * @param symKinds              objabi.SymKind names in Go's order: a kind's number is its index
 * @param fileSymbolPrefix      the prefix of a source file's symbol ("gofile..", or none)
 * @param funcInfoStartLine     whether a function's info records the line of its TEXT
 * @param linkerPrefixSeparator the character after "type" and "go" in linker-made names ('.' or ':')
 * @param asmLinkname           which symbols the object marks as reached by linkname
 * @param alignment             how the alignment of a content-addressable symbol is decided
 * @param flag2                 the bits of the second symbol flag byte
 * @param contentHash           how content-addressable symbols are hashed
 * @param dwarf                 the function debug info
 * @param builtins              the symbols referred to by builtin index, by index
 */
public record ObjectFormat(String magic, HeaderLine headerLine, Layout layout, List<String> symKinds,
                           String fileSymbolPrefix, boolean funcInfoStartLine, char linkerPrefixSeparator,
                           AsmLinkname asmLinkname, Alignment alignment, Flag2 flag2, ContentHash contentHash,
                           Dwarf dwarf, List<Builtin> builtins) {
    private static final Map<GoRelease, ObjectFormat> FORMATS = formats();

    public ObjectFormat {
        symKinds = List.copyOf(symKinds);
        builtins = List.copyOf(builtins);
    }

    /** What the header line names after "go object GOOS GOARCH VERSION". */
    public enum HeaderLine {
        /** Nothing more. */
        VERSION_ONLY,
        /** " X:" and the enabled experiments. */
        EXPERIMENTS,
        /** " GOAMD64=v1", then " X:" and the enabled experiments. */
        ARCH_LEVEL_AND_EXPERIMENTS
    }

    /** The shape of the indexed object. */
    public enum Layout {
        /**
         * Go 1.15: definitions, non-package definitions and references only, no second flag byte;
         * relocation types in one byte; pc tables in a block of their own, addressed from the
         * function info, whose files are the function's own; names keep their "" package (the
         * assembler writes no package path; only the debug info names it); no assembly flag;
         * builtin symbols' names in the string table although nothing refers to them.
         */
        PC_TABLES_IN_FUNC_INFO,
        /**
         * Go 1.16 on: hashed (content-addressable) definitions, a second flag byte and an
         * alignment per symbol, two-byte relocation types, pc tables as symbols of their own.
         */
        HASHED_SYMBOLS
    }

    /** Which symbols carry the "reached by linkname" flag. */
    public enum AsmLinkname {
        /** None an assembler defines (Go before 1.23). */
        NONE,
        /** Every named symbol of an assembly object (Go 1.23 to 1.26). */
        EVERY_NAMED_SYMBOL,
        /**
         * main.main (the runtime reaches it by linkname) and symbols the back end marks as
         * reached by linkname (plan9's _privates) (Go 1.27).
         */
        MAIN_AND_MARKED
    }

    /** How the object's alignment of a content-addressable (hashed) symbol is decided. */
    public enum Alignment {
        /** By its name (strings and byte data 1, GC locals 4), else by the largest power of two dividing its size. */
        BY_NAME_AND_SIZE,
        /** As the symbol declares it (pc tables 1; functions their PCALIGN). */
        DECLARED
    }

    /**
     * The bits of the second symbol flag byte.
     *
     * @param itab       a go.itab symbol
     * @param dict       a global dictionary
     * @param linkname   reached by linkname (0: not written by this release)
     * @param abiWrapper an ABI wrapper function (0: not written)
     */
    public record Flag2(int itab, int dict, int linkname, int abiWrapper, int pkgInit) {
    }

    /**
     * The DWARF a function carries: a subprogram entry and a line program.
     *
     * @param wrapperEntries  whether wrapper functions get an entry of their own (only a wrapper
     *                        flag, no file or line); Go 1.15 describes them as any function
     * @param linesStartAddress whether the line program starts by setting the function's address
     *                        (Go 1.15 leaves that to the linker)
     * @param declLine        whether the subprogram entry records the line of the TEXT (after its file)
     * @param lineProgramFile what file a line program starts with
     * @param addressIndex    whether the release can write DWARF 5, where the entry's low pc is a
     *                        4-byte .debug_addr index (an R_DWTXTADDR_U4 relocation) followed by
     *                        the size; it does when the dwarf5 experiment is on
     */
    public record Dwarf(boolean wrapperEntries, boolean linesStartAddress, boolean declLine, LineProgramFile lineProgramFile,
                        boolean addressIndex) {
        /** Whether the entry is written in DWARF 5 forms with these experiments enabled. */
        public boolean version5(List<String> enabledExperiments) {
            return addressIndex && enabledExperiments.contains("dwarf5");
        }
    }

    /** The file a line program starts with, before any set_file. */
    public enum LineProgramFile {
        /** None: the first row always sets the file. */
        NONE,
        /** File 1: set_file only for a function whose first row is in another file. */
        FIRST
    }

    /** The hash that identifies a content-addressable symbol (its first 16 bytes). */
    public enum ContentHash {
        /** SHA-256 with every bit inverted (Go's notsha256). */
        NOT_SHA256,
        /** SHA-256 of a 1 byte followed by the content. */
        SHA256_AFTER_ONE
    }

    /** A runtime symbol the object refers to by its index in the builtin list. */
    public record Builtin(String name, int abi) {
    }

    public static ObjectFormat of(GoRelease release) {
        return FORMATS.get(release);
    }

    private static Map<GoRelease, ObjectFormat> formats() {
        Map<GoRelease, ObjectFormat> all = new EnumMap<>(GoRelease.class);
        for (GoRelease r : GoRelease.values()) {
            all.put(r, build(r));
        }
        return Collections.unmodifiableMap(all);
    }

    private static ObjectFormat build(GoRelease release) {
        List<String> kinds15 = List.of("Sxxx", "STEXT", "SRODATA", "SNOPTRDATA", "SDATA", "SBSS", "SNOPTRBSS",
                "STLSBSS", "SDWARFINFO", "SDWARFRANGE", "SDWARFLOC", "SDWARFLINES", "SABIALIAS",
                "SLIBFUZZER_EXTRA_COUNTER");
        List<String> kinds19 = List.of("Sxxx", "STEXT", "SRODATA", "SNOPTRDATA", "SDATA", "SBSS", "SNOPTRBSS",
                "STLSBSS", "SDWARFCUINFO", "SDWARFCONST", "SDWARFFCN", "SDWARFABSFCN", "SDWARFTYPE", "SDWARFVAR",
                "SDWARFRANGE", "SDWARFLOC", "SDWARFLINES", "SLIBFUZZER_8BIT_COUNTER");
        List<String> kinds21 = List.of("Sxxx", "STEXT", "SRODATA", "SNOPTRDATA", "SDATA", "SBSS", "SNOPTRBSS",
                "STLSBSS", "SDWARFCUINFO", "SDWARFCONST", "SDWARFFCN", "SDWARFABSFCN", "SDWARFTYPE", "SDWARFVAR",
                "SDWARFRANGE", "SDWARFLOC", "SDWARFLINES", "SLIBFUZZER_8BIT_COUNTER", "SCOVERAGE_COUNTER",
                "SCOVERAGE_AUXVAR", "SSEHUNWINDINFO");
        // 1.24 adds the FIPS kinds after the text, read-only and data kinds.
        List<String> kinds24 = List.of("Sxxx", "STEXT", "STEXTFIPS", "SRODATA", "SRODATAFIPS", "SNOPTRDATA",
                "SNOPTRDATAFIPS", "SDATA", "SDATAFIPS", "SBSS", "SNOPTRBSS", "STLSBSS", "SDWARFCUINFO", "SDWARFCONST",
                "SDWARFFCN", "SDWARFABSFCN", "SDWARFTYPE", "SDWARFVAR", "SDWARFRANGE", "SDWARFLOC", "SDWARFLINES",
                "SLIBFUZZER_8BIT_COUNTER", "SCOVERAGE_COUNTER", "SCOVERAGE_AUXVAR", "SSEHUNWINDINFO");
        List<String> kinds26 = List.of("Sxxx", "STEXT", "STEXTFIPS", "SRODATA", "SRODATAFIPS", "SNOPTRDATA",
                "SNOPTRDATAFIPS", "SDATA", "SDATAFIPS", "SBSS", "SNOPTRBSS", "STLSBSS", "SDWARFCUINFO", "SDWARFCONST",
                "SDWARFFCN", "SDWARFABSFCN", "SDWARFTYPE", "SDWARFVAR", "SDWARFRANGE", "SDWARFLOC", "SDWARFLINES",
                "SDWARFADDR", "SLIBFUZZER_8BIT_COUNTER", "SCOVERAGE_COUNTER", "SCOVERAGE_AUXVAR", "SSEHUNWINDINFO");
        // PKGINIT (TEXT flag 8192) marks the symbol from Go 1.21.
        Flag2 flag2Before21 = new Flag2(2, 4, 0, 0, 0);
        Flag2 flag2Before23 = new Flag2(2, 4, 0, 0, 8);
        Flag2 flag2From23 = new Flag2(2, 4, 16, 32, 8);
        // 1.27 puts "linkname in the standard library" before the ABI wrapper bit.
        Flag2 flag2From27 = new Flag2(2, 4, 16, 64, 8);
        Dwarf dwarf15 = new Dwarf(false, false, false, LineProgramFile.NONE, false);
        Dwarf dwarf19 = new Dwarf(true, true, false, LineProgramFile.NONE, false);
        Dwarf dwarf21 = new Dwarf(true, true, true, LineProgramFile.NONE, false);
        Dwarf dwarf22 = new Dwarf(true, true, true, LineProgramFile.FIRST, false);
        Dwarf dwarf26 = new Dwarf(true, true, true, LineProgramFile.FIRST, true);
        String magic120 = "\0go120ld";
        HeaderLine archAndExperiments = HeaderLine.ARCH_LEVEL_AND_EXPERIMENTS;
        Layout hashed = Layout.HASHED_SYMBOLS;
        Alignment byName = Alignment.BY_NAME_AND_SIZE;
        List<Builtin> builtins = builtins(release);
        return switch (release) {
            case GO1_15 -> new ObjectFormat("\0go115ld", HeaderLine.VERSION_ONLY, Layout.PC_TABLES_IN_FUNC_INFO,
                    kinds15, "gofile..", false, '.', AsmLinkname.NONE, byName, flag2Before21,
                    ContentHash.NOT_SHA256, dwarf15, builtins);
            case GO1_19 -> new ObjectFormat("\0go118ld", HeaderLine.EXPERIMENTS, hashed, kinds19, "gofile..", false,
                    '.', AsmLinkname.NONE, byName, flag2Before21, ContentHash.NOT_SHA256, dwarf19, builtins);
            case GO1_21 -> new ObjectFormat(magic120, archAndExperiments, hashed, kinds21, "gofile..", true, ':',
                    AsmLinkname.NONE, byName, flag2Before23, ContentHash.NOT_SHA256, dwarf21, builtins);
            case GO1_22 -> new ObjectFormat(magic120, archAndExperiments, hashed, kinds21, "", true, ':',
                    AsmLinkname.NONE, byName, flag2Before23, ContentHash.NOT_SHA256, dwarf22, builtins);
            case GO1_23 -> new ObjectFormat(magic120, archAndExperiments, hashed, kinds21, "", true, ':',
                    AsmLinkname.EVERY_NAMED_SYMBOL, byName, flag2From23, ContentHash.NOT_SHA256, dwarf22, builtins);
            case GO1_24 -> new ObjectFormat(magic120, archAndExperiments, hashed, kinds24, "", true, ':',
                    AsmLinkname.EVERY_NAMED_SYMBOL, byName, flag2From23, ContentHash.SHA256_AFTER_ONE, dwarf22,
                    builtins);
            case GO1_26 -> new ObjectFormat(magic120, archAndExperiments, hashed, kinds26, "", true, ':',
                    AsmLinkname.EVERY_NAMED_SYMBOL, byName, flag2From23, ContentHash.SHA256_AFTER_ONE, dwarf26,
                    builtins);
            case GO1_27 -> new ObjectFormat(magic120, archAndExperiments, hashed, kinds26, "", true, ':',
                    AsmLinkname.MAIN_AND_MARKED, Alignment.DECLARED, flag2From27, ContentHash.SHA256_AFTER_ONE, dwarf26,
                    builtins);
        };
    }

    /**
     * The number Go writes for a kind, by its objabi name ("SRODATA"); -1 when the release has no
     * such kind. Go 1.15 called a function's debug info SDWARFINFO.
     */
    public int symKindNumber(String goName) {
        int number = symKinds.indexOf(goName);
        return number < 0 && goName.equals("SDWARFFCN") ? symKinds.indexOf("SDWARFINFO") : number;
    }

    /** "type." or "type:": the prefix of runtime type symbols. */
    public String typePrefix() {
        return "type" + linkerPrefixSeparator;
    }

    /** "go." or "go:": the prefix of linker-made symbols such as go:itab.* and go:string.*. */
    public String goPrefix() {
        return "go" + linkerPrefixSeparator;
    }

    /** The builtin index of a symbol in an ABI, or -1. */
    public int builtinIndex(String name, int abi) {
        for (int i = 0; i < builtins.size(); i++) {
            Builtin b = builtins.get(i);
            if (b.name().equals(name)) {
                return b.abi() == abi ? i : -1;
            }
        }
        return -1;
    }

    /** The release's builtin list, from the resource goasm/release/builtins/go1.N.txt ("name abi" per line). */
    private static List<Builtin> builtins(GoRelease release) {
        String resource = "builtins/go" + release.line() + ".txt";
        try (InputStream in = ObjectFormat.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource goasm/release/" + resource);
            }
            List<Builtin> list = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                list.add(new Builtin(line.substring(0, space), Integer.parseInt(line.substring(space + 1))));
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
