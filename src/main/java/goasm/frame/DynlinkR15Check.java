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
                link.diagnostics().passError(Path.of(p.pos.file()).getFileName() + ":" + p.pos.line()
                        + ": when dynamic linking, R15 is clobbered by a global variable access and is used here: "
                        + OperandFormat.withPosition(p));
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
