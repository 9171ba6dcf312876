package goasm.obj;

/**
 * Relocation kinds the amd64 assembler emits, with Go 1.19's objabi.RelocType numbers (the
 * listing prints the number: "rel 5+4 t=15 TLS+0").
 */
public enum RelocType {
    ADDR(1), CALL(7), CALLIND(10), CONST(13), PCREL(14), TLS_LE(15), TLS_IE(16), GOTOFF(17),
    USEFIELD(21), GOTPCREL(29);

    private final int goNumber;

    RelocType(int goNumber) {
        this.goNumber = goNumber;
    }

    public int goNumber() {
        return goNumber;
    }
}
