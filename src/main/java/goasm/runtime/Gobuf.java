package goasm.runtime;

/** A snapshot of Go's gobuf: the registers a descheduled goroutine resumes with. */
public record Gobuf(long sp, long pc, long g, long ctxt, long ret, long lr, long bp) {
}
