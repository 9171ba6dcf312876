package goasm.emit;

import goasm.emit.goobj.GoObject;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Prog;
import goasm.obj.Reloc;
import goasm.obj.RelocType;
import goasm.obj.Symbol;
import goasm.obj.SymKind;
import goasm.release.FipsScope;
import goasm.release.ListingFormat;
import goasm.release.RelocKinds;

import java.util.Comparator;
import java.util.List;

/**
 * The -S listing: per symbol a header line, for functions every instruction with its pc and
 * source line, then a hex and ASCII dump of the bytes and the relocations sorted by offset.
 * Functions come first in definition order, then data. The header's fields and the way
 * relocation kinds are shown follow the release ({@link ListingFormat}, {@link RelocKinds}).
 */
public final class Listing {
    private Listing() {
    }

    public static void write(Link link, StringBuilder out) {
        write(link, out, false);
    }

    /** @param showAbi -S=2: symbol names carry their ABI number, as in "f<0>" */
    public static void write(Link link, StringBuilder out, boolean showAbi) {
        write(link, out, showAbi, List.of());
    }

    /**
     * The listing followed by the functions' DWARF symbols, as -S=2 prints them once the object
     * file is laid out ("aux for f<0> SDWARFLINES ...").
     */
    public static void write(Link link, StringBuilder out, boolean showAbi, List<GoObject.AuxSymbol> dwarf) {
        write(link, out, showAbi, dwarf, "");
    }

    /** @param importPath the -p path, which decides whether symbols are listed with FIPS kinds */
    public static void write(Link link, StringBuilder out, boolean showAbi, List<GoObject.AuxSymbol> dwarf,
                             String importPath) {
        write(link, out, showAbi, dwarf, importPath, null);
    }

    /**
     * @param indexes -S=3: the object whose symbol indexes follow the ABI numbers, in the releases
     *                that print them ({@link ListingFormat#showsSymbolIndexes()}); null for -S and -S=2
     */
    public static void write(Link link, StringBuilder out, boolean showAbi, List<GoObject.AuxSymbol> dwarf,
                             String importPath, GoObject indexes) {
        ListingFormat format = link.release().listing();
        Style style = new Style(format, link.release().relocKinds(), link.release().fips(),
                importPath, showAbi, format.showsSymbolIndexes() ? indexes : null);
        for (Symbol s : link.text()) {
            writeSymbol(s, s.name(), out, style);
        }
        for (Symbol s : link.dataInListingOrder()) {
            if (style.format().listsConstants() || !s.has(Symbol.Attr.CONTENT_ADDRESSABLE)) {
                writeSymbol(s, s.name(), out, style);
            }
        }
        for (GoObject.AuxSymbol a : dwarf) {
            writeSymbol(a.aux(), "aux for " + a.parent().name(), out, style);
        }
    }

    /** What the release prints, and whether -S=2 asked for ABI numbers. */
    private record Style(ListingFormat format, RelocKinds relocKinds, FipsScope fips, String importPath,
                         boolean showAbi, GoObject indexes) {
    }

    private static void writeSymbol(Symbol s, String name, StringBuilder out, Style style) {
        boolean showAbi = style.showAbi();
        out.append(name);
        if (showAbi) {
            out.append('<').append(s.abi().ordinal()).append('>');
        }
        if (style.indexes() != null) {
            // A symbol the object does not number keeps Go's zero value, PkgIdxInvalid 0.
            GoObject.SymbolIndex index = style.indexes().indexOf(s);
            out.append("<idx ").append(index == null ? 0 : index.pkgIdx()).append(' ')
                    .append(index == null ? 0 : index.symIdx()).append('>');
        }
        out.append(' ');
        if (s.kind != null) {
            out.append(style.fips().kindName(s.kind.name(), s.name(), s.has(Symbol.Attr.STATIC), style.importPath()))
                    .append(' ');
        }
        if (s.has(Symbol.Attr.STATIC)) {
            out.append("static ");
        }
        if (s.has(Symbol.Attr.DUPOK)) {
            out.append("dupok ");
        }
        if (s.has(Symbol.Attr.NOSPLIT)) {
            out.append("nosplit ");
        }
        if (s.func != null && s.func.topFrame) {
            out.append("topframe ");
        }
        if (s.func != null && s.func.asm && style.format().showsAsmFlag()) {
            out.append("asm ");
        }
        out.append("size=").append(s.size);
        boolean text = s.kind == SymKind.STEXT;
        int align = text ? s.func.align : s.align;
        switch (style.format().header()) {
            case SIZE_ARGS_LOCALS -> {
                if (text) {
                    out.append(" args=").append(hex(s.func.args)).append(" locals=").append(hex(s.func.locals));
                }
            }
            case SIZE_ARGS_LOCALS_FUNCID_ALIGN -> {
                if (text) {
                    out.append(" args=").append(hex(s.func.args)).append(" locals=").append(hex(s.func.locals))
                            .append(" funcid=").append(hex(s.func.funcId)).append(" align=").append(hex(align));
                }
            }
            case SIZE_ALIGN_ARGS_LOCALS_FUNCID -> {
                out.append(" align=").append(hex(align));
                if (text) {
                    out.append(" args=").append(hex(s.func.args)).append(" locals=").append(hex(s.func.locals))
                            .append(" funcid=").append(hex(s.func.funcId));
                }
            }
        }
        if (text && s.has(Symbol.Attr.LEAF)) {
            out.append(" leaf");
        }
        out.append('\n');
        if (s.kind == SymKind.STEXT) {
            for (Prog p = s.func.text; p != null; p = p.link) {
                out.append('\t').append(pcHex(p.pc)).append(' ')
                        .append(String.format("%05d", p.pc))
                        .append(" (").append(OperandFormat.position(p)).append(")\t")
                        .append(OperandFormat.instruction(p)).append('\n');
            }
        }
        appendDump(s.data, out);
        List<Reloc> relocs = s.relocs.stream().sorted(Comparator.comparingInt(Reloc::offset)).toList();
        for (Reloc r : relocs) {
            out.append("\trel ").append(r.offset()).append('+').append(r.size()).append(" t=")
                    .append(relocKind(r.type(), style)).append(' ')
                    .append(relocTargetName(r, showAbi)).append('+').append(r.add()).append('\n');
        }
    }

    private static String relocKind(RelocType type, Style style) {
        return switch (style.format().relocType()) {
            case NUMBER -> Integer.toString(style.relocKinds().number(type.goName()));
            case NAME -> type.goName();
        };
    }

    /** The symbol's name; a TLS relocation has no symbol and Go prints "TLS". */
    private static String relocTargetName(Reloc r, boolean showAbi) {
        if (r.sym() == null) {
            return r.type() == RelocType.TLS_LE ? "TLS" : "";
        }
        return showAbi ? r.sym().name() + "<" + r.sym().abi().ordinal() + ">" : r.sym().name();
    }

    /** 16 bytes a line: offset, hex bytes padded to full width, two spaces, printable ASCII or '.'. */
    private static void appendDump(byte[] data, StringBuilder out) {
        for (int i = 0; i < data.length; i += 16) {
            out.append('\t').append(pcHex(i));
            int j = i;
            for (; j < i + 16 && j < data.length; j++) {
                out.append(' ').append(Character.forDigit((data[j] >> 4) & 0xf, 16))
                        .append(Character.forDigit(data[j] & 0xf, 16));
            }
            for (; j < i + 16; j++) {
                out.append("   ");
            }
            out.append("  ");
            for (j = i; j < i + 16 && j < data.length; j++) {
                int c = data[j] & 0xff;
                out.append(c >= ' ' && c <= 0x7e ? (char) c : '.');
            }
            out.append('\n');
        }
    }

    /** Go's %#04x as the listing uses it: "0x" and at least four hex digits (0x0000, 0x002c, 0x12345). */
    static String pcHex(long v) {
        String h = Long.toHexString(v);
        return "0x" + (h.length() < 4 ? "0".repeat(4 - h.length()) + h : h);
    }

    /** Go's %#x of an unsigned 64-bit value. */
    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
