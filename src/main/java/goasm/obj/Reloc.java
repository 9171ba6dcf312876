package goasm.obj;

/** A relocation in a symbol's bytes: at {@code offset}, {@code size} bytes refer to {@code sym + add}. */
public record Reloc(int offset, int size, RelocType type, Symbol sym, long add) {
}
