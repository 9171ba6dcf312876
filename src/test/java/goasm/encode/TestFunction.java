package goasm.encode;

import goasm.arch.amd64.Op;
import goasm.arch.amd64.Reg;
import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.Diagnostics;
import goasm.obj.Link;
import goasm.obj.Opcode;
import goasm.obj.Position;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Reloc;
import goasm.obj.Symbol;
import goasm.release.GoRelease;
import goasm.release.ReleaseProfile;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a function from lines in Go's operand syntax (a small test-only reader for the
 * operand shapes these tests use: registers, $constants, off(base)(index*scale), sym+off(SB),
 * labels) and runs the encoder on it, so tests read like the oracle's listings.
 */
final class TestFunction {
    private static final Pattern MEMORY = Pattern.compile(
            "(-?(?:0x[0-9a-fA-F]+|\\d+))?\\((\\w+)\\)(?:\\((\\w+)\\*(\\d)\\))?");
    private static final Pattern GLOBAL = Pattern.compile("([\\w.·]+)(<>)?([+-]\\d+)?\\(SB\\)");

    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final Link link;
    final Symbol fn;
    final List<Prog> progs = new ArrayList<>();
    private final Map<String, Prog> labels = new HashMap<>();
    private final Map<Prog, String> pendingBranches = new HashMap<>();

    TestFunction(String name, Link.Options options) {
        link = new Link(options, new Diagnostics(new PrintStream(errBytes, true, StandardCharsets.UTF_8), false));
        fn = link.lookup(name);
        fn.func = new Symbol.FuncInfo();
        Prog text = new Prog(Pseudo.TEXT, new Position("e.s", 1));
        text.from = Addr.global(fn, 0);
        text.to = Addr.textSize(0, 0);
        fn.func.text = text;
        progs.add(text);
    }

    /** A function assembled as Go 1.19 does, the release these tests' expectations are worked out for. */
    static TestFunction of(String... lines) {
        return of(GoRelease.GO1_19, lines);
    }

    /** A function assembled as {@code release} does. */
    static TestFunction of(GoRelease release, String... lines) {
        TestFunction f = new TestFunction("f", Link.Options.DEFAULT.withRelease(ReleaseProfile.reference(release)));
        for (String l : lines) {
            f.add(l);
        }
        return f;
    }

    /** Adds "MNEMONIC op, op" or "label:" (a label names the next instruction). */
    TestFunction add(String line) {
        String s = line.strip();
        String label = null;
        int colon = s.indexOf(':');
        if (colon > 0 && s.substring(0, colon).matches("\\w+")) {
            label = s.substring(0, colon);
            s = s.substring(colon + 1).strip();
        }
        Prog p = parse(s, new Position("e.s", progs.size() + 1));
        Prog last = progs.get(progs.size() - 1);
        last.link = p;
        progs.add(p);
        if (label != null) {
            labels.put(label, p);
        }
        return this;
    }

    private Prog parse(String s, Position pos) {
        int sp = s.indexOf(' ');
        String mnemonic = sp < 0 ? s : s.substring(0, sp);
        Prog p = new Prog(opcode(mnemonic), pos);
        if (sp < 0) {
            return p;
        }
        String[] ops = s.substring(sp + 1).split(",\\s*");
        List<Addr> addrs = new ArrayList<>();
        for (String o : ops) {
            addrs.add(operand(o.strip(), p));
        }
        p.from = addrs.get(0);
        if (addrs.size() > 1) {
            p.to = addrs.get(addrs.size() - 1);
            p.restArgs = List.copyOf(addrs.subList(1, addrs.size() - 1));
        }
        if (addrs.size() == 1 && (isJump(p.op) || isUnaryDestination(p.op))) {
            // As Go's parser: jumps and instructions that write their one operand keep it in To.
            p.to = p.from;
            p.from = Addr.NONE;
        }
        if (p.to.type() == AddrType.BRANCH && p.to.sym() == null && p.to.target() == null) {
            pendingBranches.put(p, p.to.localName());
        }
        return p;
    }

    private static boolean isJump(Opcode op) {
        String m = op.mnemonic();
        return op == Pseudo.JMP || op == Pseudo.CALL || op == Pseudo.RET || m.startsWith("J") || m.startsWith("LOOP")
                || op == Op.XBEGIN;
    }

    /** Go's amd64 list of one-operand instructions whose operand is a destination. */
    private static boolean isUnaryDestination(Opcode op) {
        String m = op.mnemonic();
        return m.matches("BSWAP[LQ]|CMPXCHG(16|8)B|(DEC|INC|NEG|NOT)[BWLQ]|POP[LQW]|SET[A-Z]{2}|RD(FS|GS)BASE[LQ]"
                + "|RD(RAND|SEED)[WLQ]|CLDEMOTE|CLFLUSH(OPT)?|CLWB|SGDT|SIDT|SLDT[LQW]|SMSW[LQW]");
    }

    private static Opcode opcode(String m) {
        for (Pseudo p : Pseudo.values()) {
            if (p.name().equals(m)) {
                return p;
            }
        }
        return Op.valueOf(m);
    }

    private Addr operand(String o, Prog p) {
        if (o.startsWith("$")) {
            String v = o.substring(1);
            Matcher g = GLOBAL.matcher(v);
            if (g.matches()) {
                return global(g).withType(AddrType.ADDR);
            }
            return Addr.constant(number(v));
        }
        Reg r = Reg.byName(o);
        if (r != null) {
            return Addr.reg(r);
        }
        Matcher g = GLOBAL.matcher(o);
        if (g.matches()) {
            Addr a = global(g);
            // Go's parser makes CALL/JMP sym(SB) a branch to the symbol.
            return isJump(p.op) ? Addr.branchToSymbol(a.sym()) : a;
        }
        Matcher m = MEMORY.matcher(o);
        if (m.matches()) {
            long off = m.group(1) == null ? 0 : number(m.group(1));
            Addr a = Addr.mem(Reg.valueOf(m.group(2)), off);
            if (m.group(3) != null) {
                a = a.withIndex(Reg.valueOf(m.group(3)), Integer.parseInt(m.group(4)));
            }
            return a;
        }
        if (o.matches("-?(0x[0-9a-fA-F]+|\\d+)")) {
            return Addr.mem(null, number(o));
        }
        // A label: resolved when the function is complete.
        return new Addr(AddrType.BRANCH, null, null, 0, AddrName.NONE, 0, null, o, null);
    }

    private Addr global(Matcher g) {
        Symbol s = link.lookup(g.group(1).replace('·', '.'));
        long off = g.group(3) == null ? 0 : Long.parseLong(g.group(3).replace("+", ""));
        Addr a = Addr.global(s, off);
        return g.group(2) != null ? a.withName(AddrName.STATIC) : a;
    }

    private static long number(String v) {
        boolean neg = v.startsWith("-");
        String d = neg ? v.substring(1) : v;
        long n = d.startsWith("0x") ? Long.parseUnsignedLong(d.substring(2), 16) : Long.parseLong(d);
        return neg ? -n : n;
    }

    /** Resolves labels and runs the encoder. */
    TestFunction assemble() {
        pendingBranches.forEach((p, label) -> {
            if (p.to.target() != null) {
                return; // resolved by the test itself
            }
            Prog target = labels.get(label);
            if (target == null) {
                throw new IllegalArgumentException("no label " + label);
            }
            p.to = Addr.branchTo(target);
        });
        new Amd64Encoder(link).assemble(fn);
        return this;
    }

    String hex() {
        return HexFormat.ofDelimiter(" ").formatHex(fn.data);
    }

    /** The bytes of the n-th instruction after TEXT (1-based). */
    String hexOf(int n) {
        Prog p = progs.get(n);
        byte[] b = java.util.Arrays.copyOfRange(fn.data, (int) p.pc, (int) p.pc + p.size);
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    String errors() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** Relocations as Go's listing prints them: "rel 5+4 t=15 TLS+0". */
    List<String> relocs() {
        List<String> out = new ArrayList<>();
        for (Reloc r : fn.relocs) {
            String name = r.sym() != null ? r.sym().name() : r.type().name().equals("TLS_LE") ? "TLS" : "";
            out.add("rel " + r.offset() + "+" + r.size() + " t=" + link.release().relocKinds().number(r.type().goName()) + " " + name + "+" + r.add());
        }
        return out;
    }
}
