package goasm.frame;

import goasm.arch.amd64.Op;
import goasm.arch.amd64.Reg;
import goasm.obj.Addr;
import goasm.obj.AddrName;
import goasm.obj.AddrType;
import goasm.obj.Link;
import goasm.obj.OperandFormat;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Register;
import goasm.obj.Symbol;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * With -dynlink every global access loads the global's GOT entry into R15, so R15 holds junk
 * after one. Go rejects hand-written code that reads R15 on any path from a global access
 * before overwriting it (Go issue 43661); this is that flood fill, run before any rewriting.
 * Releases differ in what counts as a use ({@link goasm.release.FrameRules.R15Check}).
 */
public final class DynlinkR15Check {
    private final Link link;

    public DynlinkR15Check(Link link) {
        this.link = link;
    }

    public void check(Symbol fn) {
        if (!link.options().dynlink()) {
            return;
        }
        Set<Prog> junk = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Prog> work = new ArrayDeque<>();
        boolean mentionsR15 = false;
        for (Prog p = fn.func.text; p != null; p = p.link) {
            if (usesGlobal(p)) {
                work.push(p);
                junk.add(p);
            }
            mentionsR15 |= mentionsR15(p);
        }
        if (!mentionsR15) {
            return;
        }
        switch (link.release().frame().r15Check()) {
            case NONE -> {
            }
            case MENTION_THEN_OVERWRITE -> floodByMentions(work, junk);
            case READ_WRITE_EFFECTS -> floodByEffects(work, junk);
        }
    }

    private void report(Prog p) {
        link.diagnostics().passError(Path.of(p.pos.file()).getFileName() + ":" + p.pos.line()
                + ": when dynamic linking, R15 is clobbered by a global variable access and is used here: "
                + OperandFormat.withPosition(p));
    }

    /** Reads of R15 are errors, writes make it valid again, judged by each instruction's effects. */
    private void floodByEffects(Deque<Prog> work, Set<Prog> junk) {
        while (!work.isEmpty()) {
            Prog p = work.pop();
            int effects = effects(p);
            if (readsR15(p, effects)) {
                report(p);
                return;
            }
            if (writesR15(p, effects)) {
                continue;
            }
            Prog target = p.to.target();
            if (target != null && junk.add(target)) {
                work.push(target);
            }
            if (p.op == Pseudo.JMP || p.op == Pseudo.RET) {
                continue;
            }
            if (p.link != null && junk.add(p.link)) {
                work.push(p.link);
            }
        }
    }

    private static final int READ_FROM = 1;
    private static final int READ_TO = 2;
    private static final int READ_FROM3 = 4;
    private static final int WRITE_TO = 8;
    private static final int WRITE_FROM3 = 16;

    /** Instructions whose destination is written without being read. */
    private static final Set<String> PURE_WRITES = Set.of("POPW", "POPL", "POPQ", "LEAL", "LEAQ", "IMUL3W", "IMUL3L",
            "IMUL3Q", "PEXTRB", "PEXTRW", "PEXTRD", "PEXTRQ", "VPEXTRB", "VPEXTRW", "VPEXTRD", "VPEXTRQ", "EXTRACTPS",
            "BSFW", "BSFL", "BSFQ", "BSRW", "BSRL", "BSRQ", "POPCNTW", "POPCNTL", "POPCNTQ", "LZCNTW", "LZCNTL", "LZCNTQ",
            "SHLXL", "SHLXQ", "SHRXL", "SHRXQ", "SARXL", "SARXQ");

    /** What an instruction reads and writes; most update their destination. */
    private static int effects(Prog p) {
        int m = 0;
        if (p.from.type() != AddrType.NONE) {
            m |= READ_FROM;
        }
        if (p.to.type() != AddrType.NONE) {
            m |= READ_TO | WRITE_TO;
        }
        if (!p.restArgs.isEmpty()) {
            m |= READ_FROM3;
        }
        String name = p.op instanceof Op op ? op.name() : "";
        if (name.startsWith("MOV") || name.startsWith("PMOV") || PURE_WRITES.contains(name)) {
            m &= ~READ_TO;
        }
        if ((p.op == Op.XORL || p.op == Op.XORQ) && p.from.type() == AddrType.REG && p.to.type() == AddrType.REG
                && p.from.reg() == p.to.reg()) {
            m &= ~(READ_FROM | READ_TO);
        }
        if (p.op == Op.MULXL || p.op == Op.MULXQ) {
            m &= ~(READ_TO | READ_FROM3);
            m |= WRITE_FROM3;
        }
        return m;
    }

    private static boolean isR15Reg(Addr a) {
        return a.type() == AddrType.REG && isR15(a.reg());
    }

    private static boolean readsR15(Prog p, int m) {
        Addr from3 = p.restArgs.isEmpty() ? null : p.restArgs.get(0);
        if ((m & READ_FROM) != 0 && isR15Reg(p.from) || (m & READ_TO) != 0 && isR15Reg(p.to)
                || (m & READ_FROM3) != 0 && isR15Reg(from3)) {
            return true;
        }
        // Addressing through R15 reads it.
        return p.from.type() == AddrType.MEM && mentions(p.from) || p.to.type() == AddrType.MEM && mentions(p.to)
                || from3 != null && from3.type() == AddrType.MEM && mentions(from3);
    }

    private static boolean writesR15(Prog p, int m) {
        return (m & WRITE_TO) != 0 && isR15Reg(p.to)
                || (m & WRITE_FROM3) != 0 && !p.restArgs.isEmpty() && isR15Reg(p.restArgs.get(0));
    }

    /** Any mention of R15 is a use unless the instruction only overwrites it. */
    private void floodByMentions(Deque<Prog> work, Set<Prog> junk) {
        while (!work.isEmpty()) {
            Prog p = work.pop();
            Prog target = p.to.target();
            if (target != null && junk.add(target)) {
                work.push(target);
            }
            if (p.op == Pseudo.JMP || p.op == Pseudo.RET) {
                continue;
            }
            if (mentionsR15(p)) {
                if (overwritesR15(p)) {
                    continue;
                }
                report(p);
                return;
            }
            if (p.link != null && junk.add(p.link)) {
                work.push(p.link);
            }
        }
    }

    private static boolean isR15(Register r) {
        return r == Reg.R15 || r == Reg.R15B;
    }

    private static boolean mentions(Addr a) {
        return isR15(a.reg()) || isR15(a.index());
    }

    private static boolean mentionsR15(Prog p) {
        return mentions(p.from) || mentions(p.to) || (!p.restArgs.isEmpty() && mentions(p.restArgs.get(0)));
    }

    /** Writes R15 without reading it first (XOR R15, R15 counts as a write). */
    private static boolean overwritesR15(Prog p) {
        if (!(p.to.type() == AddrType.REG && isR15(p.to.reg()))) {
            return false;
        }
        if ((p.op == Op.XORL || p.op == Op.XORQ) && p.from.type() == AddrType.REG && isR15(p.from.reg())) {
            return true;
        }
        if (mentions(p.from) || (!p.restArgs.isEmpty() && mentions(p.restArgs.get(0)))) {
            return false;
        }
        return p.op == Op.MOVL || p.op == Op.MOVQ || p.op == Op.POPQ;
    }

    private static boolean usesGlobal(Prog p) {
        if (p.op == Pseudo.CALL || p.op == Pseudo.TEXT || p.op == Pseudo.FUNCDATA || p.op == Pseudo.RET
                || p.op == Pseudo.JMP || p.op == Op.LEAQ) {
            // No GOT access through R15 here (LEAQ loads the GOT entry into its own destination).
            return false;
        }
        return isGlobal(p.from) || isGlobal(p.to) || (!p.restArgs.isEmpty() && isGlobal(p.restArgs.get(0)));
    }

    private static boolean isGlobal(Addr a) {
        return a.name() == AddrName.EXTERN && a.sym() != null && !a.sym().has(Symbol.Attr.LOCAL);
    }
}
