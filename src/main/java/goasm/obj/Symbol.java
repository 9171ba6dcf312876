package goasm.obj;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A linker symbol the assembler defines or refers to: a function (with its instructions) or a data
 * object (with its bytes), identified by name and ABI.
 */
public final class Symbol {
    /** Attributes that Go prints in TEXT lines and symbol headers. */
    public enum Attr {
        DUPOK, NOSPLIT, WRAPPER, NEEDCTXT, NOFRAME, REFLECTMETHOD, ABIWRAPPER, TOPFRAME, LEAF,
        /** sym<>: file-local. */
        STATIC,
        /** Declared by TEXT or GLOBL in this file. */
        ON_LIST,
        /** TEXT flag PKGINIT: the package's init function. */
        PKGINIT,
        /** Declared by a GLOBL (Go 1.15 reports a second one on stdout). */
        SEEN_GLOBL,
        /** Known to be defined in this module: -dynlink code reaches it directly, not through the GOT. */
        LOCAL,
        /** Named by its contents ($f64.*, gclocals·*): the object file identifies it by a content hash. */
        CONTENT_ADDRESSABLE,
        /**
         * Marked by the back end as reached by linkname, so that any package may refer to it
         * (plan9's _privates, which holds the TLS base).
         */
        LINKNAME
    }

    private final String name;
    private final Abi abi;
    public SymKind kind;
    public final Set<Attr> attrs = EnumSet.noneOf(Attr.class);
    public long size;
    /** Alignment the assembler gives a data symbol it creates itself ($f64.* 8, gclocals·* 4); 0 for none. */
    public int align;
    /** Contents (code bytes or DATA initializers); may be shorter than size. */
    public byte[] data = new byte[0];
    public final List<Reloc> relocs = new ArrayList<>();
    /** Non-null for functions. */
    public FuncInfo func;

    public Symbol(String name, Abi abi) {
        this.name = name;
        this.abi = abi;
    }

    public String name() {
        return name;
    }

    public Abi abi() {
        return abi;
    }

    public boolean has(Attr a) {
        return attrs.contains(a);
    }

    public void set(Attr a, boolean on) {
        if (on) {
            attrs.add(a);
        } else {
            attrs.remove(a);
        }
    }

    /** Writes bytes at an offset, growing the contents as needed. */
    public void writeBytes(long offset, byte[] bytes) {
        int end = (int) offset + bytes.length;
        if (end > data.length) {
            data = java.util.Arrays.copyOf(data, end);
        }
        System.arraycopy(bytes, 0, data, (int) offset, bytes.length);
    }

    public void setCode(ByteArrayOutputStream code) {
        data = code.toByteArray();
    }

    @Override
    public String toString() {
        return name + "<" + abi + ">";
    }

    /** What a function symbol carries besides its bytes. */
    public static final class FuncInfo {
        /** The TEXT Prog heading the instruction list. */
        public Prog text;
        public long args;
        public long locals;
        public int funcId;
        public int align;
        /** The ASM func flag: set for everything this assembler defines. */
        public boolean asm = true;
        public boolean topFrame;
        /** The function writes SP itself (Go's SPWRITE func flag): tracebacks stop here. */
        public boolean spWrite;
        /** Windows: the SEH unwind information of its frame (a go:sehuw.* symbol), or null. */
        public Symbol sehUnwind;
    }
}
