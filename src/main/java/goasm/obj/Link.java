package goasm.obj;

import goasm.release.ReleaseProfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one assembler run across its input files: options, the symbol table, and the
 * functions and data objects defined so far, in definition order (the order Go lists them in).
 */
public final class Link {
    /**
     * Options that change what the passes generate.
     *
     * @param os      the target operating system (GOOS): how thread-local storage is reached and more
     * @param release the Go release whose assembler is followed
     */
    public record Options(boolean dynlink, boolean shared, boolean compilingRuntime, boolean retpoline,
                          boolean mayMoreStackSet, TargetOs os, ReleaseProfile release) {
        public static final Options DEFAULT = new Options(false, false, false, false, false);

        /** For linux and the newest release, Go's defaults. */
        public Options(boolean dynlink, boolean shared, boolean compilingRuntime, boolean retpoline,
                       boolean mayMoreStackSet) {
            this(dynlink, shared, compilingRuntime, retpoline, mayMoreStackSet, TargetOs.LINUX, ReleaseProfile.newest());
        }

        public Options {
            java.util.Objects.requireNonNull(os, "os");
            java.util.Objects.requireNonNull(release, "release");
        }

        public Options withRelease(ReleaseProfile newRelease) {
            return new Options(dynlink, shared, compilingRuntime, retpoline, mayMoreStackSet, os, newRelease);
        }
    }

    private record Key(String name, Abi abi) {
    }

    private final Options options;
    private final Diagnostics diagnostics;
    private final Map<Key, Symbol> symbols = new HashMap<>();
    /** File-local symbols (sym<>), a namespace of their own. */
    private final Map<String, Symbol> statics = new HashMap<>();
    private final List<Symbol> text = new ArrayList<>();
    private final List<Symbol> data = new ArrayList<>();
    private final List<UnlistedPosition> unlistedPositions = new ArrayList<>();
    /** Content-addressed constants ($f64.*, gclocals·*) created by passes; listed after data, by name. */
    private final List<Symbol> constants = new ArrayList<>();
    /** Windows SEH unwind symbols kept as data (go:sehuw.*); listed after the constants, by name. */
    private final List<Symbol> unwindInfo = new ArrayList<>();

    /** -v output (Go's ctxt.Logf), or a sink that drops it. */
    private final java.util.function.Consumer<String> verboseLog;

    public Link(Options options, Diagnostics diagnostics) {
        this(options, diagnostics, line -> { });
    }

    public Link(Options options, Diagnostics diagnostics, java.util.function.Consumer<String> verboseLog) {
        this(options, diagnostics, verboseLog, line -> { });
    }

    /** {@code stdout} takes the lines Go prints straight to standard output (fmt.Printf). */
    public Link(Options options, Diagnostics diagnostics, java.util.function.Consumer<String> verboseLog,
                java.util.function.Consumer<String> stdout) {
        this.options = options;
        this.diagnostics = diagnostics;
        this.verboseLog = verboseLog;
        this.stdout = stdout;
    }

    /** Lines Go prints unbuffered on stdout, outside its listing. */
    private final java.util.function.Consumer<String> stdout;

    /** Writes a -v line (no-op unless -v was given). */
    public void logVerbose(String line) {
        verboseLog.accept(line);
    }

    public Options options() {
        return options;
    }

    /** The Go release being followed: every fact that differs between releases comes from here. */
    public ReleaseProfile release() {
        return options.release();
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** The symbol with this name and ABI, created on first use. */
    public Symbol lookup(String name, Abi abi) {
        return symbols.computeIfAbsent(new Key(name, abi), k -> new Symbol(k.name(), k.abi()));
    }

    /** An ABI0 symbol by name. */
    public Symbol lookup(String name) {
        return lookup(name, Abi.ABI0);
    }

    /** The file-local symbol {@code name<>}, created on first use. */
    public Symbol lookupStatic(String name) {
        return statics.computeIfAbsent(name, n -> {
            Symbol s = new Symbol(n, Abi.ABI0);
            s.set(Symbol.Attr.STATIC, true);
            return s;
        });
    }

    /**
     * A position the parser made for a statement that no function's instruction list keeps (a
     * GLOBL in releases that position it; an instruction before the first TEXT, which Go
     * drops): it stood after instruction {@code after} (null: before any). Its file still
     * enters the object's file table there.
     */
    public record UnlistedPosition(Prog after, Position pos) {
    }

    /** Records a position no kept instruction carries. */
    public void addUnlistedPosition(UnlistedPosition site) {
        unlistedPositions.add(site);
    }

    /** The positions no kept instruction carries, in source order. */
    public List<UnlistedPosition> unlistedPositions() {
        return java.util.Collections.unmodifiableList(unlistedPositions);
    }

    /** Records a function in definition order. */
    public void addText(Symbol s) {
        text.add(s);
    }

    /** Records a constant symbol made by a pass (Go lists these after the data, sorted by name). */
    public void addConstant(Symbol s) {
        constants.add(s);
    }

    /** Records an SEH unwind symbol kept as data (each once, however many functions share it). */
    public void addUnwindInfo(Symbol s) {
        unwindInfo.add(s);
    }

    /**
     * Declares a data object as GLOBL does: records it, sets its size, and picks its kind from
     * the flags (RODATA, else NOPTR, else TLSBSS; initialized data stays data).
     */
    public void globl(Symbol s, long size, int flags) {
        globl(s, size, flags, null);
    }

    /** As {@link #globl(Symbol, long, int)} for a GLOBL written at {@code pos} (null: made by the assembler). */
    public void globl(Symbol s, long size, int flags, Position pos) {
        if (s.has(Symbol.Attr.SEEN_GLOBL) && options.release().textSymbols().duplicateGloblOnStdout()) {
            stdout.accept("duplicate " + s.name());
        }
        s.set(Symbol.Attr.SEEN_GLOBL, true);
        if (s.has(Symbol.Attr.ON_LIST)) {
            diagnostics.passError(switch (options.release().textSymbols().redeclaration()) {
                case DOUBLE_INIT_THEN_LISTED -> "symbol " + s.name() + " listed multiple times";
                case REDECLARED_AT_POSITIONS -> (pos == null ? "<unknown line number>" : pos.toString()) + ": symbol "
                        + s.name() + " redeclared";
            });
        }
        s.set(Symbol.Attr.ON_LIST, true);
        data.add(s);
        s.size = size;
        if (s.kind == null) {
            s.kind = SymKind.SBSS;
        }
        if ((flags & TextFlag.DUPOK) != 0) {
            s.set(Symbol.Attr.DUPOK, true);
        }
        if ((flags & TextFlag.RODATA) != 0) {
            s.kind = SymKind.SRODATA;
        } else if ((flags & TextFlag.NOPTR) != 0) {
            s.kind = s.kind == SymKind.SDATA ? SymKind.SNOPTRDATA : SymKind.SNOPTRBSS;
        } else if ((flags & TextFlag.TLSBSS) != 0) {
            s.kind = SymKind.STLSBSS;
        }
    }

    /**
     * Data objects in Go's listing order: declaration order (by name on aix), then pass-made
     * constants by name, then SEH unwind symbols by name.
     */
    public List<Symbol> dataInListingOrder() {
        List<Symbol> all = new ArrayList<>(data);
        if (options.os().sortsData()) {
            all.sort(java.util.Comparator.comparing(Symbol::name));
        }
        constants.stream().sorted(java.util.Comparator.comparing(Symbol::name)).forEach(all::add);
        unwindInfo.stream().sorted(java.util.Comparator.comparing(Symbol::name)).forEach(all::add);
        return all;
    }

    public List<Symbol> text() {
        return text;
    }

    public List<Symbol> data() {
        return data;
    }
}
