package goasm.obj;

/** A machine register of some architecture, as the assembler spells it. */
public interface Register {
    String spelling();

    /**
     * How Go's listing prints the register where only machine registers are expected (an
     * index register): its spelling, except for pseudo-registers, which Go shows by number.
     */
    default String listingName() {
        return spelling();
    }
}
