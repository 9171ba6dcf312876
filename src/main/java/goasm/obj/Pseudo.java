package goasm.obj;

/** The architecture-neutral instructions every Go assembler shares. */
public enum Pseudo implements Opcode {
    CALL, DUFFCOPY, DUFFZERO, END, FUNCDATA, JMP, NOP, PCALIGN, PCALIGNMAX, PCDATA, RET, GETCALLERPC, TEXT, UNDEF;

    @Override
    public String mnemonic() {
        return name();
    }
}
