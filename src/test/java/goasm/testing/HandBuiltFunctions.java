package goasm.testing;

import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.Link;
import goasm.obj.Opcode;
import goasm.obj.Position;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Symbol;
import goasm.obj.SymKind;

import java.util.List;

/**
 * Functions built by hand the way the parser builds them from a file "a.s", for tests of the
 * passes after parsing (frame lowering, encoding, listing).
 */
public final class HandBuiltFunctions {
    public static final String FILE = "a.s";

    private HandBuiltFunctions() {
    }

    /** TEXT name(SB), [NOSPLIT,] $frame-args at line {@code line}, followed by {@code body}. */
    public static Symbol define(Link link, String name, boolean nosplit, long frame, int args, int line, List<Prog> body) {
        Symbol s = link.lookup(name);
        s.kind = SymKind.STEXT;
        s.func = new Symbol.FuncInfo();
        s.set(Symbol.Attr.NOSPLIT, nosplit);
        s.set(Symbol.Attr.ON_LIST, true);
        Prog text = new Prog(Pseudo.TEXT, new Position(FILE, line));
        text.from = Addr.global(s, 0);
        text.to = Addr.textSize(frame, args);
        s.func.text = text;
        Prog last = text;
        for (Prog p : body) {
            last.link = p;
            last = p;
        }
        link.addText(s);
        return s;
    }

    public static Prog prog(int line, Opcode op, Addr from, Addr to) {
        Prog p = new Prog(op, new Position(FILE, line));
        p.from = from;
        p.to = to;
        return p;
    }

    /** CALL sym(SB) as the parser gives it: a memory operand that progedit turns into a branch. */
    public static Prog call(int line, Symbol target) {
        return prog(line, Pseudo.CALL, Addr.NONE, Addr.global(target, 0));
    }

    public static Prog ret(int line) {
        return prog(line, Pseudo.RET, Addr.NONE, Addr.NONE);
    }

    /** name+off(FP) */
    public static Addr param(String name, long off) {
        return new Addr(AddrType.MEM, null, null, 0, AddrName.PARAM, off, null, name, null);
    }

    /** name-off(SP) */
    public static Addr auto(String name, long off) {
        return new Addr(AddrType.MEM, null, null, 0, AddrName.AUTO, off, null, name, null);
    }
}
