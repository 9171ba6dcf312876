package goasm.encode;

import goasm.obj.Reloc;
import goasm.obj.RelocType;
import goasm.obj.Symbol;

/** A relocation while its instruction is being laid out: offset and addend still move. */
final class RelocDraft {
    int offset;
    int size;
    final RelocType type;
    final Symbol sym;
    long add;

    RelocDraft(int offset, int size, RelocType type, Symbol sym, long add) {
        this.offset = offset;
        this.size = size;
        this.type = type;
        this.sym = sym;
        this.add = add;
    }

    Reloc toReloc() {
        return new Reloc(offset, size, type, sym, add);
    }
}
