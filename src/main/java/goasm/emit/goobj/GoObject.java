package goasm.emit.goobj;

import goasm.release.ObjectFormat;
import goasm.release.ReleaseProfile;

import goasm.obj.Abi;
import goasm.obj.AddrType;
import goasm.obj.Link;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Reloc;
import goasm.obj.SymKind;
import goasm.obj.Symbol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The object file of one assembler run, as the followed release's cmd/asm writes it: the
 * header line, then the indexed object with its string table, symbol definitions and
 * references, relocations, aux symbols (func info, funcdata, DWARF, pc tables) and data. What
 * differs between releases comes from {@link ObjectFormat}.
 *
 * <pre>{@code
 * GoObject object = GoObject.build(link, new GoObject.Options("example.com/p", false, false, cwd, "", goRoot,
 *         GoObject.headerLine(profile, "linux", experiments), profile, experiments));
 * byte[] file = object.bytes();
 * }</pre>
 */
public final class GoObject {
    /** Go's -p default: objects of an unnamed package cannot be linked. */
    static final String UNLINKABLE = "<unlinkable>";

    /**
     * What the command line contributes to the object.
     *
     * @param importPath -p
     * @param shared     -shared or -dynlink
     * @param linkShared -linkshared: every symbol is referred to by name
     * @param workingDir the directory relative source names are resolved against
     * @param trimPath   -trimpath rewrites
     * @param goRoot     the Go root recorded as $GOROOT in file names
     * @param headerLine  the first line, from {@link #headerLine(ReleaseProfile, String, List)}
     * @param release     the Go release whose object format is written
     * @param experiments the enabled GOEXPERIMENTs (the dwarf5 one changes the debug info)
     * @param std         -std (Go 1.27): the package is part of the standard library
     */
    public record Options(String importPath, boolean shared, boolean linkShared, String workingDir, String trimPath,
                          String goRoot, String headerLine, ReleaseProfile release, List<String> experiments,
                          boolean std) {
        public Options {
            experiments = List.copyOf(experiments);
        }

        /** Without -std. */
        public Options(String importPath, boolean shared, boolean linkShared, String workingDir, String trimPath,
                       String goRoot, String headerLine, ReleaseProfile release, List<String> experiments) {
            this(importPath, shared, linkShared, workingDir, trimPath, goRoot, headerLine, release, experiments, false);
        }
    }

    /** A DWARF symbol attached to a function, as the -S=2 listing shows it ("aux for f"). */
    public record AuxSymbol(Symbol parent, Symbol aux) {
    }

    /** The package indices with a special meaning (goobj.PkgIdx*), numbered down from this one. */
    private static final int PKG_NONE_NUMBER = (1 << 31) - 1;

    // Header flags.
    private static final int OBJ_SHARED = 1;
    private static final int OBJ_FROM_ASSEMBLY = 4;
    private static final int OBJ_UNLINKABLE = 8;
    private static final int OBJ_STD = 16;

    // Symbol flags.
    private static final int SYM_DUPOK = 1;
    private static final int SYM_LOCAL = 2;
    private static final int SYM_LEAF = 8;
    private static final int SYM_NOSPLIT = 16;
    private static final int SYM_REFLECT_METHOD = 32;
    private static final int SYM_GO_TYPE = 64;
    /** Go 1.15 only: later releases keep it in the function info. */
    private static final int SYM_TOP_FRAME = 128;
    private static final int ABI_STATIC = 0xffff;

    // Aux symbol kinds.
    private static final int AUX_FUNC_INFO = 1;
    private static final int AUX_FUNCDATA = 2;
    private static final int AUX_DWARF_INFO = 3;
    private static final int AUX_DWARF_LINES = 6;
    private static final int AUX_PCSP = 7;
    private static final int AUX_PCFILE = 8;
    private static final int AUX_PCLINE = 9;
    private static final int AUX_PCINLINE = 10;
    private static final int AUX_PCDATA = 11;

    private static final int BLOCKS = 19;
    /** The largest symbol the linker accepts (Go's cutoff, "2 GB or so"). */
    private static final long SIZE_LIMIT = 2_000_000_000L;

    /** Which list a symbol is found in: Go's special package indices (no other package is referred to by index). */
    private enum Pkg {
        /** No symbol: written as package 0. */
        NIL,
        /** Definitions and references by name. */
        NONE,
        /** Content-addressable definitions of up to 8 bytes. */
        HASHED64,
        /** Other content-addressable definitions. */
        HASHED,
        /** The runtime's builtin symbols. */
        BUILTIN,
        /** This package's own definitions. */
        SELF
    }

    /** Where a symbol is found: a package (a special one) and an index within it. */
    private record Ref(Pkg pkg, int index) {
        static final Ref NIL = new Ref(Pkg.NIL, 0);
    }

    /** What Go's linkpcln and populateDWARF attach to a function. */
    private static final class FuncAux {
        final List<Symbol> funcdata = new ArrayList<>();
        Symbol pcsp;
        Symbol pcfile;
        Symbol pcline;
        Symbol pcinline;
        final List<Symbol> pcdata = new ArrayList<>();
        /** By file number, or (Go 1.15) in the order the function first uses them. */
        final Set<Integer> usedFiles;
        /** Go 1.15: the FUNCDATA offsets (each FUNCDATA's operand offset), by index. */
        final List<Long> funcdataOffsets = new ArrayList<>();

        FuncAux(boolean filesPerFunction) {
            usedFiles = filesPerFunction ? new LinkedHashSet<>() : new TreeSet<>();
        }
        /** Null without a package path: Go then makes no debug info. */
        Symbol dwarfInfo;
        Symbol dwarfLines;

        /** The debug info symbols, lines first (none without a package path). */
        List<Symbol> dwarf() {
            return dwarfInfo == null ? List.of() : List.of(dwarfLines, dwarfInfo);
        }
        Symbol funcInfo;
        /** Windows: the SEH unwind information, or null. */
        Symbol sehUnwind;
    }

    private final Link link;
    private final Options options;
    private final ObjectFormat format;
    /** The package path as it appears in symbol names ("" replaced by it). */
    private final String pkgPrefix;
    private final FileTable files;
    private final List<Symbol> text;
    private final List<Symbol> data;
    private final Map<Symbol, FuncAux> funcs = new IdentityHashMap<>();
    private final Set<Symbol> pcdataSymbols = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Symbol, Ref> refs = new IdentityHashMap<>();
    /** The numbers as -S=3 lists them: before the DWARF symbols are numbered again as this package's own. */
    private final Map<Symbol, Ref> listedRefs = new IdentityHashMap<>();
    private final List<Symbol> defs = new ArrayList<>();
    private final List<Symbol> hashed64Defs = new ArrayList<>();
    private final List<Symbol> hashedDefs = new ArrayList<>();
    private final List<Symbol> nonPkgDefs = new ArrayList<>();
    private final List<Symbol> nonPkgRefs = new ArrayList<>();
    private final Map<Symbol, byte[]> hashes = new IdentityHashMap<>();
    /** Errors found while building the pc tables (Go's linkpcln), in function order. */
    private final List<String> tableErrors = new ArrayList<>();

    private GoObject(Link link, Options options) {
        this.link = link;
        this.options = options;
        this.format = options.release().objectFormat();
        this.pkgPrefix = pathToPrefix(options.importPath());
        this.files = new FileTable(new SourcePaths(options.workingDir(), options.trimPath(), options.goRoot(),
                format.fileSymbolPrefix()), link);
        this.text = link.text();
        this.data = switch (format.layout()) {
            // The linker made the $f64.* constants itself, from their names: the object only refers to them.
            case PC_TABLES_IN_FUNC_INFO -> link.dataInListingOrder().stream()
                    .filter(s -> !s.has(Symbol.Attr.CONTENT_ADDRESSABLE) || link.data().contains(s)).toList();
            case HASHED_SYMBOLS -> link.dataInListingOrder();
        };
    }

    /** Lays out the object for a link whose functions are all assembled. */
    public static GoObject build(Link link, Options options) {
        GoObject o = new GoObject(link, options);
        for (Symbol fn : o.text) {
            o.funcs.put(fn, o.funcAux(fn));
        }
        o.numberSymbols();
        // Go lists the symbols (-S) between numbering them and renumbering the DWARF symbols.
        o.listedRefs.putAll(o.refs);
        o.addFuncInfoSymbols();
        return o;
    }

    /**
     * The line every Go object starts with (then "!\n"), naming the target and the toolchain:
     * "go object linux amd64 go1.19.8 X:regabiwrappers,regabiargs" for Go 1.19's defaults, with
     * " GOAMD64=v1" before the experiments from 1.21 on, and no experiments in 1.15.
     */
    public static String headerLine(ReleaseProfile release, String goos, List<String> enabledExperiments) {
        return headerLine(release, goos, "v1", enabledExperiments);
    }

    /** The same for a GOAMD64 level ("v1" to "v4"), which the line names from 1.21 on. */
    public static String headerLine(ReleaseProfile release, String goos, String goamd64,
                                    List<String> enabledExperiments) {
        String line = "go object " + goos + " amd64 " + release.goVersion();
        String experiments = " X:" + String.join(",", enabledExperiments);
        return switch (release.objectFormat().headerLine()) {
            case VERSION_ONLY -> line + "\n";
            case EXPERIMENTS -> line + experiments + "\n";
            case ARCH_LEVEL_AND_EXPERIMENTS -> line + " GOAMD64=" + goamd64 + experiments + "\n";
        };
    }

    /**
     * Errors Go reports while making the pc tables (a FUNCDATA index used twice) and writing the
     * object (a symbol over the linker's 2 GB limit), in
     * its order, without the "asm: " prefix; the object must not be kept when there are any.
     */
    public List<String> errors() {
        List<String> errors = new ArrayList<>(tableErrors);
        for (List<Symbol> list : List.of(defs, hashed64Defs, hashedDefs, nonPkgDefs, nonPkgRefs)) {
            for (Symbol s : list) {
                if (s.size > SIZE_LIMIT) {
                    errors.add(objectName(s) + ": symbol too large (" + s.size + " bytes > " + SIZE_LIMIT + " bytes)");
                }
            }
        }
        return errors;
    }

    /**
     * Whether Go stops with "empty package path" instead of writing an object without -p (from
     * Go 1.16; Go 1.15 writes one without debug info).
     */
    public static boolean requiresPackagePath(ReleaseProfile release) {
        return switch (release.objectFormat().layout()) {
            case PC_TABLES_IN_FUNC_INFO -> false;
            case HASHED_SYMBOLS -> true;
        };
    }

    /** A symbol's place in the object: its package index (goobj.PkgIdx*) and its index there. */
    public record SymbolIndex(int pkgIdx, int symIdx) {
    }

    /**
     * Where the object numbers {@code s} when Go lists it (a function's DWARF symbols are still
     * references by name then), or null for a symbol it neither defines nor refers to.
     */
    public SymbolIndex indexOf(Symbol s) {
        Ref r = listedRefs.get(s);
        return r == null ? null : new SymbolIndex(pkgNumber(r.pkg()), r.index());
    }

    /** The DWARF symbols of every function, in Go's -S=2 order (none without a package path). */
    public List<AuxSymbol> dwarfSymbols() {
        List<AuxSymbol> all = new ArrayList<>();
        if (options.importPath().isEmpty()) {
            return all;
        }
        for (Symbol fn : text) {
            FuncAux f = funcs.get(fn);
            all.add(new AuxSymbol(fn, f.dwarfLines));
            all.add(new AuxSymbol(fn, f.dwarfInfo));
        }
        return all;
    }

    // ---- per-function tables (Go's linkpcln and populateDWARF) ----

    private FuncAux funcAux(Symbol fn) {
        boolean filesPerFunction = pcTablesInFuncInfo();
        FuncAux f = new FuncAux(filesPerFunction);
        int pcdataCount = 0;
        int funcdataCount = 0;
        Set<Integer> pcdataWithValues = new java.util.HashSet<>();
        // The FUNCDATA are gathered here so that the tables below need not walk the code again.
        List<Prog> funcdata = new ArrayList<>();
        for (Prog p = fn.func.text; p != null; p = p.link) {
            if (p.op == Pseudo.PCDATA && p.to.offset() != -1) {
                pcdataCount = (int) Math.max(pcdataCount, p.from.offset() + 1);
                pcdataWithValues.add((int) p.from.offset());
            }
            if (p.op == Pseudo.FUNCDATA) {
                funcdataCount = (int) Math.max(funcdataCount, p.from.offset() + 1);
                funcdata.add(p);
            }
        }
        List<PcTable> tables = new ArrayList<>(List.of(new PcTable.StackDepth(),
                new PcTable.FileNumber(files, f.usedFiles, filesPerFunction),
                new PcTable.LineNumber(), new PcTable.InlineIndex()));
        for (int i = 0; i < pcdataCount; i++) {
            if (pcdataWithValues.contains(i)) {
                tables.add(new PcTable.PcData(i));
            }
        }
        Iterator<byte[]> encoded = PcTable.encodeAll(tables, fn).iterator();
        f.pcsp = pcdataSymbol(encoded.next());
        f.pcfile = pcdataSymbol(encoded.next());
        f.pcline = pcdataSymbol(encoded.next());
        f.pcinline = pcdataSymbol(encoded.next());
        for (int i = 0; i < pcdataCount; i++) {
            f.pcdata.add(pcdataSymbol(pcdataWithValues.contains(i) ? encoded.next() : new byte[0]));
        }
        for (int i = 0; i < funcdataCount; i++) {
            f.funcdata.add(null);
            f.funcdataOffsets.add(0L);
        }
        Set<Long> funcdataSeen = new java.util.HashSet<>();
        for (Prog p : funcdata) {
            if (!funcdataSeen.add(p.from.offset())) {
                tableErrors.add("multiple definitions for FUNCDATA $" + p.from.offset());
            }
        }
        for (Prog p : funcdata) {
            f.funcdataOffsets.set((int) p.from.offset(), p.to.offset());
            if (p.to.type() == AddrType.MEM) {
                f.funcdata.set((int) p.from.offset(), p.to.sym());
            }
        }
        f.sehUnwind = fn.func.sehUnwind;
        DwarfFunction.Forms forms = new DwarfFunction.Forms(format.dwarf(),
                format.dwarf().version5(options.experiments()));
        if (!options.importPath().isEmpty()) {
            f.dwarfInfo = DwarfFunction.info(fn, qualified(fn.name()), files.index(fn.func.text.pos), forms);
            f.dwarfLines = DwarfFunction.lines(fn, files, forms);
        }
        return f;
    }

    private Symbol pcdataSymbol(byte[] table) {
        Symbol s = new Symbol("", Abi.ABI0);
        s.kind = SymKind.SRODATA;
        s.set(Symbol.Attr.CONTENT_ADDRESSABLE, true);
        s.data = table;
        s.size = table.length;
        pcdataSymbols.add(s);
        return s;
    }

    // ---- numbering (Go's NumberSyms and genFuncInfoSyms) ----

    private void numberSymbols() {
        for (Symbol s : all()) {
            numberDefinition(s);
            FuncAux f = funcs.get(s);
            if (f != null && !pcTablesInFuncInfo()) {
                for (Symbol pc : pcTables(f)) {
                    numberDefinition(pc);
                }
            }
        }
        int nonPkgDefCount = nonPkgDefs.size();
        for (Symbol s : all()) {
            for (Reloc r : s.relocs) {
                if (r.sym() != null) {
                    numberReference(r.sym(), nonPkgDefCount);
                }
            }
            FuncAux f = funcs.get(s);
            if (f != null) {
                forEachAux(f, true, rs -> numberReference(rs, nonPkgDefCount));
            }
        }
    }

    private void numberDefinition(Symbol s) {
        boolean hashable = !pcTablesInFuncInfo() && s.has(Symbol.Attr.CONTENT_ADDRESSABLE)
                && (!options.importPath().isEmpty() || s.relocs.isEmpty());
        if (hashable) {
            if (s.size <= 8 && s.relocs.isEmpty() && section(s) == 0) {
                refs.put(s, new Ref(Pkg.HASHED64, hashed64Defs.size()));
                hashed64Defs.add(s);
            } else {
                refs.put(s, new Ref(Pkg.HASHED, hashedDefs.size()));
                hashedDefs.add(s);
            }
        } else if (!s.has(Symbol.Attr.STATIC) || options.linkShared()) {
            refs.put(s, new Ref(Pkg.NONE, nonPkgDefs.size()));
            nonPkgDefs.add(s);
        } else {
            refs.put(s, new Ref(Pkg.SELF, defs.size()));
            defs.add(s);
        }
    }

    private void numberReference(Symbol s, int nonPkgDefCount) {
        if (refs.containsKey(s)) {
            return;
        }
        if (!options.linkShared()) {
            int builtin = format.builtinIndex(s.name(), s.abi().ordinal());
            if (builtin >= 0) {
                refs.put(s, new Ref(Pkg.BUILTIN, builtin));
                return;
            }
        }
        refs.put(s, new Ref(Pkg.NONE, nonPkgDefCount + nonPkgRefs.size()));
        nonPkgRefs.add(s);
    }

    /**
     * The symbols a function's aux data refers to, in Go's order: funcdata, the files it uses,
     * then its DWARF symbols and its SEH unwind symbol, each followed (when asked) by what it
     * refers to.
     */
    private void forEachAux(FuncAux f, boolean withDwarfRefs, Consumer<Symbol> visit) {
        for (Symbol d : f.funcdata) {
            if (d != null) {
                visit.accept(d);
            }
        }
        for (int file : f.usedFiles) {
            visit.accept(link.lookup(files.symbols().get(file)));
        }
        List<Symbol> auxData = new ArrayList<>(f.dwarf());
        if (f.sehUnwind != null) {
            auxData.add(f.sehUnwind);
        }
        for (Symbol aux : auxData) {
            visit.accept(aux);
            if (withDwarfRefs) {
                for (Reloc r : aux.relocs) {
                    visit.accept(r.sym());
                }
            }
        }
    }

    private static List<Symbol> pcTables(FuncAux f) {
        List<Symbol> all = new ArrayList<>(List.of(f.pcsp, f.pcfile, f.pcline, f.pcinline));
        all.addAll(f.pcdata);
        return all;
    }

    /** Func info symbols, then each function's DWARF symbols, get package indices after the statics. */
    private void addFuncInfoSymbols() {
        for (Symbol fn : text) {
            FuncAux f = funcs.get(fn);
            f.funcInfo = pcTablesInFuncInfo() ? funcInfoSymbolWithPcOffsets(fn, f)
                    : funcInfoSymbol(fn, f, format.funcInfoStartLine());
            refs.put(f.funcInfo, new Ref(Pkg.SELF, defs.size()));
            defs.add(f.funcInfo);
            for (Symbol dwarf : f.dwarf()) {
                refs.put(dwarf, new Ref(Pkg.SELF, defs.size()));
                defs.add(dwarf);
            }
            switch (options.release().sehUnwind().placement()) {
                // Numbered again for each function naming it: every entry is written, the last number used.
                case AFTER_FUNCTION_AUX -> {
                    if (f.sehUnwind != null) {
                        refs.put(f.sehUnwind, new Ref(Pkg.SELF, defs.size()));
                        defs.add(f.sehUnwind);
                    }
                }
                case HASHED_DATA, NONE -> {
                }
            }
        }
    }

    private static Symbol funcInfoSymbol(Symbol fn, FuncAux f, boolean withStartLine) {
        ByteSink b = new ByteSink();
        b.u32(fn.func.args);
        b.u32(fn.func.locals);
        b.u8(fn.func.funcId);
        b.u8(funcFlag(fn));
        b.u16(0);
        if (withStartLine) {
            b.u32(startLine(fn));
        }
        b.u32(f.usedFiles.size());
        for (int file : f.usedFiles) {
            b.u32(file);
        }
        b.u32(0); // no inlining tree
        Symbol s = new Symbol("", Abi.ABI0);
        s.kind = SymKind.SDATA;
        s.data = b.toByteArray();
        s.size = s.data.length;
        return s;
    }

    /** Where the next function's pc tables start in Go 1.15's pc data block. */
    private long pcDataOffset;

    /**
     * Go 1.15's function info: sizes, then where each pc table starts in the pc data block (and
     * where the last ends), the FUNCDATA offsets and references to the function's files.
     */
    private Symbol funcInfoSymbolWithPcOffsets(Symbol fn, FuncAux f) {
        ByteSink b = new ByteSink();
        b.u32(fn.func.args);
        b.u32(fn.func.locals);
        for (Symbol table : List.of(f.pcsp, f.pcfile, f.pcline, f.pcinline)) {
            b.u32(pcDataOffset);
            pcDataOffset += table.data.length;
        }
        b.u32(f.pcdata.size());
        for (Symbol table : f.pcdata) {
            b.u32(pcDataOffset);
            pcDataOffset += table.data.length;
        }
        b.u32(pcDataOffset);
        b.u32(f.funcdataOffsets.size());
        for (long offset : f.funcdataOffsets) {
            b.u32(offset);
        }
        b.u32(f.usedFiles.size());
        for (int file : f.usedFiles) {
            writeRef(b, link.lookup(files.symbols().get(file)));
        }
        b.u32(0); // no inlining tree
        Symbol s = new Symbol("", Abi.ABI0);
        s.kind = SymKind.SDATA;
        s.data = b.toByteArray();
        // Go never sets this symbol's size.
        s.size = 0;
        return s;
    }

    private boolean pcTablesInFuncInfo() {
        return format.layout() == ObjectFormat.Layout.PC_TABLES_IN_FUNC_INFO;
    }

    /** The line of the function's TEXT, as its line table counts lines (after #line). */
    static int startLine(Symbol fn) {
        return fn.func.text.pos == null ? 0 : fn.func.text.pos.line();
    }

    /** objabi.FuncFlag: TOPFRAME 1, SPWRITE 2, ASM 4. */
    private static int funcFlag(Symbol fn) {
        return (fn.func.topFrame ? 1 : 0) | (fn.func.spWrite ? 2 : 0) | (fn.func.asm ? 4 : 0);
    }

    private List<Symbol> all() {
        List<Symbol> all = new ArrayList<>(text);
        all.addAll(data);
        return all;
    }

    // ---- writing (Go's WriteObjFile) ----

    /** The whole object file. */
    public byte[] bytes() {
        ByteSink out = new ByteSink();
        out.string(options.headerLine());
        out.string("!\n");
        out.bytes(switch (format.layout()) {
            case PC_TABLES_IN_FUNC_INFO -> indexedObjectWithPcData();
            case HASHED_SYMBOLS -> indexedObject();
        });
        return out.toByteArray();
    }

    /** Go 1.15's indexed object ("go115ld"). */
    private byte[] indexedObjectWithPcData() {
        final int blocks = 15;
        ByteSink w = new ByteSink();
        long[] offsets = new long[blocks];
        w.string(format.magic());
        w.u64(0); // fingerprint: assembly objects have none
        w.u32(options.shared() ? OBJ_SHARED : 0);
        int offsetsAt = w.length();
        for (int i = 0; i < blocks; i++) {
            w.u32(0);
        }
        StringTable strings = stringTable(w);
        int block = 0;
        offsets[block++] = w.length(); // autolib: none
        offsets[block++] = w.length();
        strings.ref(""); // package 0 is invalid; no packages are referred to by index
        offsets[block++] = w.length();
        for (String file : files.symbols()) {
            strings.ref(file);
        }
        List<List<Symbol>> lists = List.of(defs, nonPkgDefs, nonPkgRefs);
        for (List<Symbol> list : lists) {
            offsets[block++] = w.length();
            for (Symbol s : list) {
                writeSymWithoutFlag2(w, strings, s);
            }
        }
        List<Symbol> defined = new ArrayList<>(defs);
        defined.addAll(nonPkgDefs);
        block = writeIndexedContents(w, defined, offsets, block);
        offsets[block++] = w.length();
        for (Symbol fn : text) {
            FuncAux f = funcs.get(fn);
            for (Symbol table : List.of(f.pcsp, f.pcfile, f.pcline, f.pcinline)) {
                w.bytes(table.data);
            }
            for (Symbol table : f.pcdata) {
                w.bytes(table.data);
            }
        }
        offsets[block++] = w.length(); // referenced names of other packages: none
        offsets[block] = w.length();
        for (int i = 0; i < blocks; i++) {
            w.patchU32(offsetsAt + 4 * i, offsets[i]);
        }
        return w.toByteArray();
    }

    /**
     * The reloc, aux and data indices, then the relocations, aux symbols and data of the defined
     * symbols; returns the next block number.
     */
    private int writeIndexedContents(ByteSink w, List<Symbol> defined, long[] offsets, int block) {
        offsets[block++] = w.length();
        long count = 0;
        for (Symbol s : defined) {
            w.u32(count);
            count += s.relocs.size();
        }
        w.u32(count);
        offsets[block++] = w.length();
        count = 0;
        for (Symbol s : defined) {
            w.u32(count);
            count += auxCount(s);
        }
        w.u32(count);
        offsets[block++] = w.length();
        count = 0;
        for (Symbol s : defined) {
            w.u32(count);
            count += s.data.length;
        }
        w.u32(count);
        offsets[block++] = w.length();
        for (Symbol s : defined) {
            for (Reloc r : relocsByOffset(s)) {
                w.u32(r.offset());
                w.u8(r.size());
                if (pcTablesInFuncInfo()) {
                    w.u8(relocNumber(r));
                } else {
                    w.u16(relocNumber(r));
                }
                w.u64(r.add());
                writeRef(w, r.sym());
            }
        }
        offsets[block++] = w.length();
        for (Symbol s : defined) {
            writeAux(w, s);
        }
        offsets[block++] = w.length();
        for (Symbol s : defined) {
            w.bytes(s.data);
        }
        return block;
    }

    /** Every string the object refers to, in Go's order; written at the writer's position. */
    private StringTable stringTable(ByteSink w) {
        StringTable strings = new StringTable(w);
        strings.add("");
        strings.add(""); // the package list's one (empty) entry
        for (Symbol s : all()) {
            strings.addName(this, s);
            for (Reloc r : s.relocs) {
                if (r.sym() != null) {
                    strings.addName(this, r.sym());
                }
            }
            FuncAux f = funcs.get(s);
            if (f != null) {
                forEachAux(f, true, rs -> strings.addName(this, rs));
                for (Symbol pc : pcTables(f)) {
                    strings.addName(this, pc);
                }
            }
        }
        for (String file : files.symbols()) {
            strings.add(file);
        }
        return strings;
    }

    private byte[] indexedObject() {
        ByteSink w = new ByteSink();
        long[] offsets = new long[BLOCKS];
        w.string(format.magic());
        w.u64(0); // fingerprint: assembly objects have none
        int flags = OBJ_FROM_ASSEMBLY;
        if (options.shared()) {
            flags |= OBJ_SHARED;
        }
        if (pkgPrefix.equals(UNLINKABLE)) {
            flags |= OBJ_UNLINKABLE;
        }
        if (options.std()) {
            flags |= OBJ_STD;
        }
        w.u32(flags);
        int offsetsAt = w.length();
        for (int i = 0; i < BLOCKS; i++) {
            w.u32(0);
        }

        StringTable strings = stringTable(w);

        int block = 0;
        offsets[block++] = w.length(); // autolib: none
        offsets[block++] = w.length();
        strings.ref(""); // package 0 is invalid; no packages are referred to by index
        offsets[block++] = w.length();
        for (String file : files.symbols()) {
            strings.ref(file);
        }
        List<List<Symbol>> lists = List.of(defs, hashed64Defs, hashedDefs, nonPkgDefs, nonPkgRefs);
        for (List<Symbol> list : lists) {
            offsets[block++] = w.length();
            for (Symbol s : list) {
                writeSym(w, strings, s);
            }
        }
        offsets[block++] = w.length(); // ref flags: none (nothing is referred to by package index)
        offsets[block++] = w.length();
        for (Symbol s : hashed64Defs) {
            w.bytes(Arrays.copyOf(s.data, 8));
        }
        offsets[block++] = w.length();
        for (Symbol s : hashedDefs) {
            w.bytes(contentHash(s));
        }
        List<Symbol> defined = new ArrayList<>();
        for (List<Symbol> list : lists.subList(0, 4)) {
            defined.addAll(list);
        }
        block = writeIndexedContents(w, defined, offsets, block);
        offsets[block++] = w.length(); // referenced names of other packages: none
        offsets[block] = w.length();
        for (int i = 0; i < BLOCKS; i++) {
            w.patchU32(offsetsAt + 4 * i, offsets[i]);
        }
        return w.toByteArray();
    }

    /** Go sorts relocations by offset before writing them (an insertion sort for short lists: stable). */
    private static List<Reloc> relocsByOffset(Symbol s) {
        List<Reloc> sorted = new ArrayList<>(s.relocs);
        sorted.sort(Comparator.comparingInt(Reloc::offset));
        return sorted;
    }

    /** The number written for a package: Go 1.15 had no hashed packages between "none" and builtin. */
    private int pkgNumber(Pkg pkg) {
        List<Pkg> special = switch (format.layout()) {
            case PC_TABLES_IN_FUNC_INFO -> List.of(Pkg.NONE, Pkg.BUILTIN, Pkg.SELF);
            case HASHED_SYMBOLS -> List.of(Pkg.NONE, Pkg.HASHED64, Pkg.HASHED, Pkg.BUILTIN, Pkg.SELF);
        };
        return pkg == Pkg.NIL ? 0 : PKG_NONE_NUMBER - special.indexOf(pkg);
    }

    private void writeRef(ByteSink w, Symbol s) {
        Ref r = s == null ? Ref.NIL : refs.get(s);
        w.u32(pkgNumber(r.pkg()));
        w.u32(r.index());
    }

    private int auxCount(Symbol s) {
        FuncAux f = funcs.get(s);
        if (f == null) {
            return 0;
        }
        int n = 1 + f.funcdata.size() + f.dwarf().size();
        if (pcTablesInFuncInfo()) {
            return n;
        }
        for (Symbol pc : List.of(f.pcsp, f.pcfile, f.pcline, f.pcinline)) {
            if (pc.size != 0) {
                n++;
            }
        }
        if (f.sehUnwind != null) {
            n++;
        }
        return n + f.pcdata.size();
    }

    private void writeAux(ByteSink w, Symbol s) {
        FuncAux f = funcs.get(s);
        if (f == null) {
            return;
        }
        aux(w, AUX_FUNC_INFO, f.funcInfo);
        for (Symbol d : f.funcdata) {
            aux(w, AUX_FUNCDATA, d);
        }
        if (f.dwarfInfo != null) {
            aux(w, AUX_DWARF_INFO, f.dwarfInfo);
            aux(w, AUX_DWARF_LINES, f.dwarfLines);
        }
        if (pcTablesInFuncInfo()) {
            return;
        }
        int[] kinds = {AUX_PCSP, AUX_PCFILE, AUX_PCLINE, AUX_PCINLINE};
        List<Symbol> tables = List.of(f.pcsp, f.pcfile, f.pcline, f.pcinline);
        for (int i = 0; i < kinds.length; i++) {
            if (tables.get(i).size != 0) {
                aux(w, kinds[i], tables.get(i));
            }
        }
        if (f.sehUnwind != null) {
            aux(w, options.release().sehUnwind().auxKind(), f.sehUnwind);
        }
        for (Symbol pc : f.pcdata) {
            aux(w, AUX_PCDATA, pc);
        }
    }

    private void aux(ByteSink w, int kind, Symbol target) {
        w.u8(kind);
        writeRef(w, target);
    }

    /** The symbol flag bits every object format takes from the symbol's attributes. */
    private static int attributeFlags(Symbol s) {
        int flag = 0;
        if (s.has(Symbol.Attr.DUPOK)) {
            flag |= SYM_DUPOK;
        }
        if (s.has(Symbol.Attr.LOCAL)) {
            flag |= SYM_LOCAL;
        }
        if (s.has(Symbol.Attr.LEAF)) {
            flag |= SYM_LEAF;
        }
        if (s.has(Symbol.Attr.NOSPLIT)) {
            flag |= SYM_NOSPLIT;
        }
        if (s.has(Symbol.Attr.REFLECTMETHOD)) {
            flag |= SYM_REFLECT_METHOD;
        }
        return flag;
    }

    /** Go 1.15's symbol entry: one flag byte (with the top-frame bit), no second one. */
    private void writeSymWithoutFlag2(ByteSink w, StringTable strings, Symbol s) {
        String name = objectName(s);
        int flag = attributeFlags(s);
        if (s.func != null && s.func.topFrame) {
            flag |= SYM_TOP_FRAME;
        }
        if (name.startsWith("type.") && name.length() > 5 && name.charAt(5) != '.' && s.kind == SymKind.SRODATA) {
            flag |= SYM_GO_TYPE;
        }
        strings.ref(name);
        w.u16(s.has(Symbol.Attr.STATIC) ? ABI_STATIC : s.abi().ordinal());
        boolean linkerMade = s.has(Symbol.Attr.CONTENT_ADDRESSABLE) && !link.data().contains(s);
        w.u8(s.kind == null || linkerMade ? 0 : kindNumber(s));
        w.u8(flag);
        w.u32(s.size);
        w.u32(s.func != null ? s.func.align : 0);
    }

    /** The number of s's kind, or of its FIPS variant when s is inside the FIPS 140 module. */
    private int kindNumber(Symbol s) {
        String kind = options.release().fips().kindName(s.kind.name(), s.name(), s.has(Symbol.Attr.STATIC),
                options.importPath());
        return format.symKindNumber(kind);
    }

    private void writeSym(ByteSink w, StringTable strings, Symbol s) {
        String name = objectName(s);
        int flag = attributeFlags(s);
        String typePrefix = format.typePrefix();
        if (name.startsWith(typePrefix) && name.length() > typePrefix.length()
                && name.charAt(typePrefix.length()) != '.' && s.kind == SymKind.SRODATA) {
            flag |= SYM_GO_TYPE;
        }
        ObjectFormat.Flag2 bits = format.flag2();
        int flag2 = 0;
        if (name.startsWith(format.goPrefix() + "itab.") && s.kind == SymKind.SRODATA) {
            flag2 |= bits.itab();
        }
        String dictPrefix = options.importPath() + "..dict";
        if (name.startsWith(dictPrefix)) {
            flag2 |= bits.dict();
        }
        switch (format.asmLinkname()) {
            case NONE -> { }
            case EVERY_NAMED_SYMBOL -> {
                if (!name.isEmpty()) {
                    flag2 |= bits.linkname();
                }
            }
            case MAIN_AND_MARKED -> {
                if (s.has(Symbol.Attr.LINKNAME) || name.equals("main.main")) {
                    flag2 |= bits.linkname();
                }
            }
        }
        if (s.has(Symbol.Attr.ABIWRAPPER)) {
            flag2 |= bits.abiWrapper();
        }
        if (s.has(Symbol.Attr.PKGINIT)) {
            flag2 |= bits.pkgInit();
        }
        strings.ref(name);
        w.u16(s.has(Symbol.Attr.STATIC) ? ABI_STATIC : s.abi().ordinal());
        w.u8(s.kind == null ? 0 : kindNumber(s));
        w.u8(flag);
        w.u8(flag2);
        w.u32(s.size);
        w.u32(alignment(s, name));
    }

    /**
     * Functions carry their PCALIGN; hashed data its natural alignment (some kinds are byte
     * strings), or from 1.27 the alignment it was made with.
     */
    private long alignment(Symbol s, String name) {
        long align = s.func != null ? s.func.align : 0;
        if (!s.has(Symbol.Attr.CONTENT_ADDRESSABLE) || s.size == 0) {
            return align;
        }
        return switch (format.alignment()) {
            case DECLARED -> pcdataSymbols.contains(s) ? 1 : (s.align != 0 ? s.align : align);
            case BY_NAME_AND_SIZE -> naturalAlignment(s, name);
        };
    }

    private long naturalAlignment(Symbol s, String name) {
        String typePrefix = format.typePrefix();
        if (name.startsWith(format.goPrefix() + "string.") || name.startsWith(typePrefix + ".namedata.")
                || name.startsWith(typePrefix + ".importpath.")
                || (typePrefix.equals("type.") && name.startsWith("runtime.gcbits."))
                || name.endsWith(".opendefer") || name.endsWith(".arginfo0") || name.endsWith(".arginfo1")
                || name.endsWith(".argliveinfo")) {
            return 1;
        }
        if (name.startsWith("gclocals·")) {
            return 4;
        }
        for (long align = 8; align > 1; align /= 2) {
            if (s.size % align == 0) {
                return align;
            }
        }
        return 1;
    }

    /** The name written to the object: "" replaced by the package path (Go 1.15 leaves it). */
    String objectName(Symbol s) {
        return pcTablesInFuncInfo() ? s.name() : s.name().replace("\"\".", pkgPrefix + ".");
    }

    private String qualified(String name) {
        return name.replace("\"\".", pkgPrefix + ".");
    }

    /**
     * The relocation type number written for r: every relocation number the object holds comes
     * from here.
     */
    private int relocNumber(Reloc r) {
        return options.release().relocKinds().number(r.type().goName());
    }

    private boolean isBuiltin(Symbol s) {
        Ref r = refs.get(s);
        return r != null && r.pkg() == Pkg.BUILTIN;
    }

    /**
     * Which section a hashed symbol must stay in, as part of its hash: pc tables 'P', GC and
     * argument metadata 'F', type data 'T', anything else 0.
     */
    private char section(Symbol s) {
        String name = objectName(s);
        if (pcdataSymbols.contains(s)) {
            return 'P';
        }
        if (name.startsWith("gcargs.") || name.startsWith("gclocals.") || name.startsWith("gclocals·")
                || name.endsWith(".opendefer") || name.endsWith(".arginfo0") || name.endsWith(".arginfo1")
                || name.endsWith(".argliveinfo") || name.endsWith(".wrapinfo") || name.endsWith(".args_stackmap")
                || name.endsWith(".stkobj")) {
            return 'F';
        }
        if (name.startsWith(format.typePrefix())) {
            return 'T';
        }
        return 0;
    }

    /**
     * The 16-byte content hash of a hashed symbol: NOTSHA256 (SHA-256 with every bit inverted)
     * of its size and section, its bytes without trailing zeros, and its relocations.
     */
    private byte[] contentHash(Symbol s) {
        byte[] cached = hashes.get(s);
        if (cached != null) {
            return cached;
        }
        ByteSink in = new ByteSink();
        in.u64(s.size);
        in.u8(section(s));
        int end = s.data.length;
        while (end > 0 && s.data[end - 1] == 0) {
            end--;
        }
        in.bytes(Arrays.copyOf(s.data, end));
        for (Reloc r : s.relocs) {
            in.u32(r.offset());
            in.u8(r.size());
            in.u8(relocNumber(r));
            in.u64(r.add());
            Ref target = refs.get(r.sym());
            switch (target.pkg()) {
                case HASHED64 -> {
                    in.u8(0);
                    in.bytes(Arrays.copyOf(r.sym().data, 8));
                }
                case HASHED -> {
                    in.u8(1);
                    in.bytes(contentHash(r.sym()));
                }
                case NONE -> {
                    in.u8(2);
                    in.string(objectName(r.sym()));
                }
                case BUILTIN -> {
                    in.u8(3);
                    in.u32(target.index());
                }
                default -> {
                    in.string(pkgPrefix);
                    in.u32(target.index());
                }
            }
        }
        byte[] hash = Arrays.copyOf(switch (format.contentHash()) {
            case NOT_SHA256 -> notSha256(in.toByteArray());
            case SHA256_AFTER_ONE -> sha256AfterOne(in.toByteArray());
        }, 16);
        hashes.put(s, hash);
        return hash;
    }

    /** SHA-256 of a 1 byte and the data: Go's hash.New32, kept apart from plain SHA-256. */
    static byte[] sha256AfterOne(byte[] data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) 1);
            return sha.digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static byte[] notSha256(byte[] data) {
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256").digest(data);
            for (int i = 0; i < sum.length; i++) {
                sum[i] = (byte) ~sum[i];
            }
            return sum;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** objabi.PathToPrefix: escapes what a symbol name cannot hold (and dots after the last slash). */
    static String pathToPrefix(String path) {
        int slash = path.lastIndexOf('/');
        StringBuilder sb = new StringBuilder();
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c <= ' ' || (c == '.' && i > slash) || c == '%' || c == '"' || c >= 0x7f) {
                sb.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** The object's string table: each string once, where it was first added. */
    private static final class StringTable {
        private final ByteSink w;
        private final Map<String, Integer> offsets = new HashMap<>();

        StringTable(ByteSink w) {
            this.w = w;
        }

        void add(String s) {
            if (!offsets.containsKey(s)) {
                offsets.put(s, w.length());
                w.string(s);
            }
        }

        /** Adds a symbol's name unless it is a builtin (known by index; Go 1.15 still adds them). */
        void addName(GoObject o, Symbol s) {
            if (!o.isBuiltin(s) || o.pcTablesInFuncInfo()) {
                add(o.objectName(s));
            }
        }

        void ref(String s) {
            w.u32(s.getBytes(StandardCharsets.UTF_8).length);
            w.u32(offsets.get(s));
        }
    }
}
