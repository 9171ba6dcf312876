package goasm.encode;

import java.util.List;

/** A mnemonic's encodings: its ordered form rows, prefix rule and opcode bytes. */
record OpEntry(String mnemonic, String formsName, List<FormRow> rows, PrefixRule prefix, byte[] bytes) {
    /** Opcode bytes read past the listed ones are zero. */
    static final int BYTES = 31;

    int at(int i) {
        return i < bytes.length ? bytes[i] & 0xff : 0;
    }
}
