package goasm.runtime;

/** How the goroutine that called morestack continues. */
public sealed interface NewstackResult {
    /** Resume it (gogo(&gp.sched)): jump to pc with these SP, BP and DX (closure context). */
    record Resume(long pc, long sp, long bp, long ctxt) implements NewstackResult {
    }

    /** It was preempted (gopreempt_m): now runnable, to be resumed later from its sched. */
    record Preempted(G g) implements NewstackResult {
    }
}
