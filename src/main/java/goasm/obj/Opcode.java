package goasm.obj;

/** An instruction mnemonic: an architecture-neutral {@link Pseudo} or an architecture's own. */
public interface Opcode {
    String mnemonic();

    /** How an opcode suffix (e.g. amd64's ".Z" or ".BCST") is spelled after the mnemonic; "" for none. */
    default String suffixSpelling(int suffix) {
        return "";
    }
}
