package goasm.link;

import goasm.nosplit.NosplitCheck;
import goasm.nosplit.StackGraph;
import goasm.obj.Abi;
import goasm.obj.AddrType;
import goasm.obj.Link;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Reloc;
import goasm.obj.SymKind;
import goasm.obj.Symbol;
import goasm.release.LinkRules;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links an assembled program (package main) in memory, the way Go's linker lays out an amd64
 * executable: text from 0x401000 with functions 32-byte aligned and padded with INT3, then
 * rodata, noptrdata, data, bss and noptrbss. Native runtime functions get stub addresses at the
 * start of the text, where Go's runtime package would be.
 */
public final class Linker {
    public static final long TEXT_START = 0x401000;
    /** The spacing of the native runtime stubs at the start of the text. */
    static final int FUNC_ALIGN = 32;
    static final int PAGE = 0x1000;
    private static final byte INT3 = (byte) 0xcc;
    /** On linux/amd64 g lives 8 bytes below the FS base (Go's Tlsoffset). */
    public static final long TLS_OFFSET = -8;

    /** The data sections in Go's order, and which symbol kinds go in each. */
    private enum Section {
        RODATA(".rodata"), NOPTRDATA(".noptrdata"), DATA(".data"), BSS(".bss"), NOPTRBSS(".noptrbss");

        final String elfName;

        Section(String elfName) {
            this.elfName = elfName;
        }

        static Section of(SymKind kind) {
            return switch (kind) {
                case SRODATA -> RODATA;
                case SNOPTRDATA -> NOPTRDATA;
                case SDATA -> DATA;
                case SNOPTRBSS -> NOPTRBSS;
                case SBSS, STLSBSS -> BSS;
                case STEXT, SDWARFFCN, SDWARFLINES, SSEHUNWINDINFO ->
                        throw new IllegalArgumentException(kind + " symbol in data");
            };
        }
    }

    private final Map<Symbol, Long> addresses = new IdentityHashMap<>();
    private final Map<String, Long> natives = new LinkedHashMap<>();
    private final Set<String> errors = new LinkedHashSet<>();
    private final LinkRules rules;

    private Linker(LinkRules rules) {
        this.rules = rules;
    }

    /** Go's name for a symbol of package main ("" is the package being assembled). */
    public static String goName(Symbol s) {
        return s.name().replace("\"\".", "main.");
    }

    /**
     * Links the assembled program with native runtime functions.
     *
     * @param nativeFunctions Go names of the runtime functions provided natively, in stub order
     * @param entryName       the function to start at ("main.main")
     */
    public static Image link(Link program, List<String> nativeFunctions, String entryName) throws LinkException {
        return new Linker(program.release().linkRules()).run(program, nativeFunctions, entryName);
    }

    private Image run(Link program, List<String> nativeFunctions, String entryName) throws LinkException {
        List<Symbol> text = program.text();
        refuseNosplitOverflow(program, nativeFunctions);
        List<Symbol> data = program.dataInListingOrder();

        // Text: native stubs, then the program's functions.
        long pc = TEXT_START;
        for (String name : nativeFunctions) {
            natives.put(name, pc);
            pc += FUNC_ALIGN;
        }
        // The program's functions aligned as the release's linker aligns them (the stubs are goasm's own).
        pc = align(pc, rules.funcAlign());
        for (Symbol fn : text) {
            addresses.put(fn, pc);
            pc = align(pc + fn.data.length, rules.funcAlign());
        }
        long textEnd = pc;

        // Data sections, each symbol aligned as Go aligns it.
        Map<Section, List<Symbol>> bySection = new LinkedHashMap<>();
        for (Section s : Section.values()) {
            bySection.put(s, new ArrayList<>());
        }
        for (Symbol d : data) {
            bySection.get(Section.of(d.kind == null ? SymKind.SBSS : d.kind)).add(d);
        }
        long addr = align(textEnd, PAGE);
        Map<Section, long[]> bounds = new LinkedHashMap<>();
        for (Section s : Section.values()) {
            if (s == Section.RODATA || s == Section.NOPTRDATA) {
                addr = align(addr, PAGE); // read-only and writable segments start on new pages
            }
            long start = addr;
            for (Symbol d : bySection.get(s)) {
                long size = Math.max(d.size, d.data.length);
                addr = align(addr, dataAlign(size));
                addresses.put(d, addr);
                addr += size;
            }
            bounds.put(s, new long[] {start, addr});
        }

        // checkdatsize: beyond 2e9 bytes of data and bss, 32-bit offsets cannot reach it all.
        long dataSize = addr - bounds.get(Section.RODATA)[0];
        if (dataSize > LinkRules.DATA_CUTOFF) {
            for (String section : rules.dataLimitSections()) {
                errors.add("too much data, last section " + section + " (" + dataSize + ", over 2e+09 bytes)");
            }
        }

        Map<String, Long> symbols = new LinkedHashMap<>();
        natives.forEach(symbols::put);
        for (Map.Entry<Symbol, Long> e : addresses.entrySet()) {
            symbols.putIfAbsent(goName(e.getKey()), e.getValue());
        }

        // Bytes with relocations applied.
        byte[] textBytes = new byte[(int) (textEnd - TEXT_START)];
        Arrays.fill(textBytes, INT3);
        for (Symbol fn : text) {
            byte[] code = relocated(fn);
            System.arraycopy(code, 0, textBytes, (int) (addresses.get(fn) - TEXT_START), code.length);
        }
        List<Image.Segment> segments = new ArrayList<>();
        segments.add(new Image.Segment(".text", TEXT_START, textBytes.length, textBytes,
                Image.Protection.READ_EXECUTE));
        for (Section s : Section.values()) {
            long[] b = bounds.get(s);
            if (b[1] == b[0]) {
                continue;
            }
            boolean initialized = s != Section.BSS && s != Section.NOPTRBSS;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] image = new byte[initialized ? (int) (b[1] - b[0]) : 0];
            if (initialized) {
                for (Symbol d : bySection.get(s)) {
                    byte[] content = relocated(d);
                    System.arraycopy(content, 0, image, (int) (addresses.get(d) - b[0]), content.length);
                }
            }
            bytes.writeBytes(image);
            segments.add(new Image.Segment(s.elfName, b[0], b[1] - b[0], bytes.toByteArray(),
                    s == Section.RODATA ? Image.Protection.READ : Image.Protection.READ_WRITE));
        }

        Long entry = symbols.get(entryName);
        if (entry == null || natives.containsKey(entryName)) {
            errors.add("runtime.main_main·f: function main is undeclared in the main package");
        }
        if (!errors.isEmpty()) {
            throw new LinkException(List.copyOf(errors));
        }
        return new Image(List.copyOf(segments), Map.copyOf(natives), symbols, entry, functionTable(text));
    }

    /** Go's %#x of an int64: "0x83ce1b2a", "-0x10". */
    private static String goHex(long v) {
        return v < 0 ? "-0x" + Long.toHexString(-v) : "0x" + Long.toHexString(v);
    }

    /**
     * Go's linker checks NOSPLIT chains before laying out anything and stops with its report;
     * native runtime functions count as ordinary (splittable) functions.
     */
    private static void refuseNosplitOverflow(Link program, List<String> nativeFunctions) throws LinkException {
        StackGraph assembled = StackGraph.of(program.text(), Linker::goName);
        Map<String, StackGraph.Func> functions = new LinkedHashMap<>(assembled.functions());
        for (String name : nativeFunctions) {
            functions.putIfAbsent(name, new StackGraph.Func(name, 0, false, 0, List.of(), null));
        }
        List<NosplitCheck.Overflow> overflows = NosplitCheck.check(new StackGraph(functions),
                program.release().nosplit());
        if (!overflows.isEmpty()) {
            List<String> lines = new ArrayList<>();
            overflows.forEach(o -> lines.addAll(o.lines()));
            throw new LinkException(lines);
        }
    }

    private static long align(long v, long a) {
        return (v + a - 1) & -a;
    }

    /** Go's symalign: the smallest power of two covering the size, at most 32. */
    private static long dataAlign(long size) {
        long a = 1;
        while (a < size && a < 32) {
            a <<= 1;
        }
        return a;
    }

    private byte[] relocated(Symbol s) {
        byte[] out = Arrays.copyOf(s.data, s.data.length);
        long base = addresses.get(s);
        for (Reloc r : s.relocs) {
            long value;
            switch (r.type()) {
                case CALLIND, USEFIELD -> {
                    continue;
                }
                case TLS_LE -> value = TLS_OFFSET + r.add();
                case ADDR -> value = target(s, r) + r.add();
                case CALL, PCREL -> {
                    value = target(s, r) + r.add() - (base + r.offset() + r.size());
                    // On amd64 a 4-byte displacement is sign-extended: beyond ±2 GB Go's linker refuses.
                    if (r.size() == 4 && value != (int) value) {
                        errors.add(goName(s) + ": pc-relative relocation "
                                + (rules.overflowNamesKind() ? r.type().goName() + " " : "") + "address for "
                                + goName(r.sym()) + " is too big: " + goHex(value));
                    }
                }
                default -> {
                    errors.add(goName(s) + ": unsupported relocation type " + r.type().goName()
                            + " when linking in memory");
                    continue;
                }
            }
            for (int i = 0; i < r.size(); i++) {
                out[r.offset() + i] = (byte) (value >>> (8 * i));
            }
        }
        return out;
    }

    private long target(Symbol from, Reloc r) {
        Symbol t = r.sym();
        Long a = addresses.get(t);
        if (a != null) {
            return a;
        }
        String name = goName(t);
        if (t.abi() == Abi.ABI0 && natives.containsKey(name)) {
            return natives.get(name);
        }
        String message;
        if (name.equals("main.main")) {
            message = "function main is undeclared in the main package";
        } else {
            Abi other = definedAbi(name, t.abi());
            message = other == null ? "relocation target " + name + " not defined"
                    : "relocation target " + name + " not defined for " + t.abi() + " (but is defined for " + other + ")";
        }
        errors.add(goName(from) + ": " + message);
        return 0;
    }

    private Abi definedAbi(String name, Abi wanted) {
        for (Symbol s : addresses.keySet()) {
            if (goName(s).equals(name) && s.abi() != wanted) {
                return s.abi();
            }
        }
        if (wanted != Abi.ABI0 && natives.containsKey(name)) {
            return Abi.ABI0;
        }
        return null;
    }

    private FunctionTable functionTable(List<Symbol> text) {
        List<LinkedFunction> all = new ArrayList<>();
        for (Map.Entry<String, Long> n : natives.entrySet()) {
            all.add(new LinkedFunction(n.getKey(), n.getValue(), n.getValue() + FUNC_ALIGN, null, List.of(), List.of(),
                    true, 0, 0));
        }
        for (Symbol fn : text) {
            long entry = addresses.get(fn);
            List<LinkedFunction.Instruction> instructions = new ArrayList<>();
            List<LinkedFunction.FuncData> funcData = new ArrayList<>();
            int sp = 0;
            long frame = 0;
            for (Prog p = fn.func.text; p != null; p = p.link) {
                if (p.op == Pseudo.TEXT) {
                    frame = p.to.type() == AddrType.TEXTSIZE ? p.to.offset() : 0;
                } else if (p.op == Pseudo.FUNCDATA && p.to.sym() != null) {
                    funcData.add(new LinkedFunction.FuncData(p.from.offset(), goName(p.to.sym())));
                } else if (p.size > 0) {
                    String file = p.pos == null ? "?" : p.pos.file();
                    int line = p.pos == null ? 0 : p.pos.line();
                    instructions.add(new LinkedFunction.Instruction(p.pc, file, line, sp, p));
                }
                sp += p.spadj;
            }
            all.add(new LinkedFunction(goName(fn), entry, entry + fn.data.length, fn, List.copyOf(instructions),
                    List.copyOf(funcData), fn.has(Symbol.Attr.NOSPLIT), frame, fn.func.args));
        }
        all.sort((a, b) -> Long.compareUnsigned(a.entry(), b.entry()));
        return new FunctionTable(all);
    }
}
