package goasm.obj;

/** A machine register of some architecture, as the assembler spells it. */
public interface Register {
    String spelling();
}
