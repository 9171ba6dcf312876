package goasm.frame;

import goasm.arch.amd64.Reg;
import goasm.obj.Addr;
import goasm.obj.Link;
import goasm.obj.Prog;
import goasm.obj.Pseudo;
import goasm.obj.Symbol;

/**
 * With the two-instruction TLS sequence (-shared on linux and freebsd; always on android,
 * windows and plan9), "MOVQ 0(R)(TLS*2), R" must not be
 * preempted: resumed on another thread, the TLS base in R would be wrong. After encoding, Go
 * brackets each such instruction with PCDATA $0 (UnsafePoint) $-2 ... $prev, taking no bytes.
 */
public final class TlsUnsafePoints {
    private final Link link;
    /** Told about the PCDATA inserted (goasm explain). */
    private final InsertionLog log;

    public TlsUnsafePoints(Link link) {
        this(link, InsertionLog.NONE);
    }

    public TlsUnsafePoints(Link link, InsertionLog log) {
        this.link = link;
        this.log = log;
    }

    public void mark(Symbol fn) {
        if (link.options().os().tls().sequence().oneInstruction(link.options().shared())) {
            return;
        }
        Prog prev = fn.func.text;
        long prevValue = -1;
        for (Prog p = prev.link; p != null; prev = p, p = p.link) {
            if (p.op == Pseudo.PCDATA && p.from.offset() == StackLayout.PCDATA_UNSAFE_POINT) {
                prevValue = p.to.offset();
                continue;
            }
            if (prevValue == StackLayout.PCDATA_UNSAFE_POINT_UNSAFE || !readsThroughTls(p)) {
                continue;
            }
            Prog start = pcdata(prev, StackLayout.PCDATA_UNSAFE_POINT_UNSAFE);
            start.pc = p.pc;
            if (log.recording()) {
                log.note(start, new Insertion.UnsafePoint(true, Insertion.UnsafeBecause.TLS_BASE));
            }
            while (p.link != null && readsThroughTls(p.link)) {
                p = p.link;
            }
            if (p.link == null) {
                break;
            }
            Prog end = pcdata(p, prevValue);
            end.pc = end.link.pc;
            if (log.recording()) {
                log.note(end, new Insertion.UnsafePoint(false, Insertion.UnsafeBecause.TLS_BASE));
            }
            p = end;
        }
    }

    private static boolean readsThroughTls(Prog p) {
        return p.from.index() == Reg.TLS;
    }

    private static Prog pcdata(Prog after, long value) {
        Prog q = after.append(Pseudo.PCDATA);
        q.from = Addr.constant(StackLayout.PCDATA_UNSAFE_POINT);
        q.to = Addr.constant(value);
        return q;
    }
}
