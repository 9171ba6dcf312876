package goasm.asm;

import goasm.frame.Insertion;
import goasm.frame.InsertionLog;
import goasm.frame.StackLayout;
import goasm.obj.Abi;
import goasm.obj.Addr;
import goasm.obj.AddrType;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Symbol;
import goasm.obj.TextFlag;
import goasm.release.FuncDataRules;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FUNCDATA work Go's assembler does when it hands a file's functions to the back end:
 * the placeholder symbols go_args_stackmap and no_pointers_stackmap become the function's
 * args_stackmap and a shared "no pointers" locals map, and every package function in ABI0 that
 * does not declare them gets FUNCDATA for its argument pointer map and argument info.
 */
final class FuncDataPass {
    private final Link link;
    private final FuncDataRules rules;
    /** "main." (or {@code "".}): the functions of the package being assembled start with it. */
    private final String packagePrefix;

    /** Told which FUNCDATA were added (goasm explain). */
    private final InsertionLog insertions;

    FuncDataPass(Link link, String importPath) {
        this(link, importPath, InsertionLog.NONE);
    }

    FuncDataPass(Link link, String importPath, InsertionLog insertions) {
        this.link = link;
        this.insertions = insertions;
        this.rules = link.release().funcData();
        this.packagePrefix = link.release().symbolNaming().localPrefix(importPath) + ".";
    }

    void run(List<Symbol> functions) {
        // One walk per function: the FUNCDATA indexes it declares are noted on the way (renaming
        // changes only the symbols), so adding the missing ones needs no second walk. Kept per
        // symbol, as a function listed twice (an error some releases report and go on) is one.
        Map<Symbol, int[]> declared = new IdentityHashMap<>();
        for (Symbol fn : functions) {
            int[] bits = declared.computeIfAbsent(fn, k -> new int[1]);
            for (Prog p = fn.func.text; p != null; p = p.link) {
                if (p.op == Pseudo.FUNCDATA) {
                    bits[0] |= argMapBits(p);
                    renamePlaceholder(fn, p);
                }
            }
        }
        for (Symbol fn : functions) {
            if (fn.name().startsWith(packagePrefix) && (fn.abi() == Abi.ABI0 || !rules.abi0Only())
                    && !rules.exempt().contains(fn.name())) {
                int[] bits = declared.get(fn);
                bits[0] |= addMissingArgMaps(fn, (bits[0] & HAS_ARG_MAP) != 0, (bits[0] & HAS_ARG_INFO) != 0);
            }
        }
    }

    private static final int HAS_ARG_MAP = 1;
    private static final int HAS_ARG_INFO = 2;

    /** Which of the argument maps a FUNCDATA declares. */
    private static int argMapBits(Prog p) {
        if (p.from.type() != AddrType.CONST) {
            return 0;
        }
        return (p.from.offset() == StackLayout.FUNCDATA_ARGS_POINTER_MAPS ? HAS_ARG_MAP : 0)
                | (p.from.offset() == StackLayout.FUNCDATA_ARG_INFO ? HAS_ARG_INFO : 0);
    }

    private void renamePlaceholder(Symbol fn, Prog p) {
        Symbol target = p.to.sym();
        if (target == null) {
            return;
        }
        switch (target.name()) {
            case "go_args_stackmap" -> {
                if (p.from.type() != AddrType.CONST || p.from.offset() != StackLayout.FUNCDATA_ARGS_POINTER_MAPS) {
                    misuse(p, "FUNCDATA use of go_args_stackmap(SB) without FUNCDATA_ArgsPointerMaps");
                }
                p.to = p.to.withSym(derived(fn, ".args_stackmap"));
            }
            case "no_pointers_stackmap" -> {
                if (!rules.resolvesNoPointersMap()) {
                    return;
                }
                if (p.from.type() != AddrType.CONST || p.from.offset() != StackLayout.FUNCDATA_LOCALS_POINTER_MAPS) {
                    misuse(p, "FUNCDATA use of no_pointers_stackmap(SB) without FUNCDATA_LocalsPointerMaps");
                }
                p.to = p.to.withSym(noPointersLocalsMap());
            }
            default -> {
            }
        }
    }

    /** A placeholder used with the wrong FUNCDATA index, reported as the release words it. */
    private void misuse(Prog p, String message) {
        String where = switch (rules.misuseWording()) {
            case BARE -> "";
            case RAW_POSITION -> rawPosition(p) + ": ";
            case INSTRUCTION -> OperandFormat.withPosition(p) + ": ";
        };
        link.diagnostics().passError(where + message);
    }

    /**
     * Go's internal position value printed as if it were a string: the number of the position's
     * base (files and #line directives, numbered from 1 in the order instructions first use them)
     * and the line in the file shifted past the column and flag bits.
     */
    private String rawPosition(Prog at) {
        java.util.List<String> bases = new java.util.ArrayList<>();
        for (Symbol fn : link.text()) {
            for (Prog q = fn.func.text; q != null; q = q.link) {
                String base = q.pos == null ? null : baseKey(q.pos);
                if (base != null && !bases.contains(base)) {
                    bases.add(base);
                }
            }
        }
        String own = baseKey(at.pos);
        int index = bases.indexOf(own) + 1;
        if (index == 0) {
            index = bases.size() + 1;
        }
        int line = at.pos.rawFile() == null ? at.pos.line() : at.pos.rawLine();
        return "{%!s(int32=" + index + ") %!s(src.lico=" + ((long) line << 12) + ")}";
    }

    private static String baseKey(goasm.obj.Position pos) {
        return pos.rawFile() == null ? pos.file() : pos.rawFile() + "\0" + pos.file() + "\0" + (pos.line() - pos.rawLine());
    }

    /** The locals map of a frame without pointers (count 2, no bits), shared by content hash as Go does. */
    private Symbol noPointersLocalsMap() {
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(2).array();
        Symbol s = link.lookup("gclocals·" + contentHash(data, rules.localsMapHash()));
        if (!s.has(Symbol.Attr.ON_LIST)) {
            s.data = data;
            s.align = 4;
            s.set(Symbol.Attr.CONTENT_ADDRESSABLE, true);
            link.globl(s, data.length, TextFlag.RODATA | TextFlag.DUPOK);
        }
        return s;
    }

    /** The name Go gives a content-addressed GC map: 16 bytes of a SHA-256 variant, in standard base64. */
    private static String contentHash(byte[] data, FuncDataRules.LocalsMapHash hash) {
        byte[] sum;
        try {
            sum = MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        byte[] name = switch (hash) {
            case INVERTED_SHA256_HEAD -> {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] = (byte) ~sum[i];
                }
                yield java.util.Arrays.copyOf(sum, 16);
            }
            case SHA256_MIDDLE -> java.util.Arrays.copyOfRange(sum, 8, 24);
            case FLIPPED_SHA256_HEAD -> {
                sum[0] ^= (byte) 0xff;
                yield java.util.Arrays.copyOf(sum, 16);
            }
        };
        return Base64.getEncoder().encodeToString(name);
    }

    /** Adds the argument maps fn lacks; returns the bits of those it added. */
    private int addMissingArgMaps(Symbol fn, boolean hasArgMap, boolean hasArgInfo) {
        int added = 0;
        // Each is inserted right after TEXT, so the later one ends up first.
        if (!hasArgMap) {
            added |= HAS_ARG_MAP;
            Prog p = fn.func.text.append(Pseudo.FUNCDATA);
            p.from = Addr.constant(StackLayout.FUNCDATA_ARGS_POINTER_MAPS);
            p.to = Addr.global(derived(fn, ".args_stackmap"), 0);
            if (insertions.recording()) {
                insertions.note(p, new Insertion.FuncData(StackLayout.FUNCDATA_ARGS_POINTER_MAPS, p.to.sym().name()));
            }
        }
        if (!hasArgInfo && rules.addsArgInfo()) {
            added |= HAS_ARG_INFO;
            Prog p = fn.func.text.append(Pseudo.FUNCDATA);
            p.from = Addr.constant(StackLayout.FUNCDATA_ARG_INFO);
            p.to = Addr.global(derived(fn, ".arginfo" + fn.abi().ordinal()), 0);
            if (insertions.recording()) {
                insertions.note(p, new Insertion.FuncData(StackLayout.FUNCDATA_ARG_INFO, p.to.sym().name()));
            }
        }
        return added;
    }

    /** A symbol named after fn, file-local when fn is (a static function's maps are its own). */
    private Symbol derived(Symbol fn, String suffix) {
        String name = fn.name() + suffix;
        return fn.has(Symbol.Attr.STATIC) ? link.lookupStatic(name) : link.lookup(name);
    }
}
