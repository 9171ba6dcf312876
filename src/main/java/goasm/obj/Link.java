package goasm.obj;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one assembler run across its input files: options, the symbol table, and the
 * functions and data objects defined so far, in definition order (the order Go lists them in).
 */
public final class Link {
    /** Options that change what the passes generate. */
    public record Options(boolean dynlink, boolean shared, boolean compilingRuntime, boolean retpoline,
                          boolean mayMoreStackSet) {
        public static final Options DEFAULT = new Options(false, false, false, false, false);
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

    public Link(Options options, Diagnostics diagnostics) {
        this.options = options;
        this.diagnostics = diagnostics;
    }

    public Options options() {
        return options;
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

    /** Records a function in definition order. */
    public void addText(Symbol s) {
        text.add(s);
    }

    /** Records a data object in definition order. */
    public void addData(Symbol s) {
        data.add(s);
    }

    public List<Symbol> text() {
        return text;
    }

    public List<Symbol> data() {
        return data;
    }
}
