package goasm.runtime;

/** Go's print of hex(v): 0x followed by lowercase digits. */
final class Hex {
    private Hex() {
    }

    static String of(long v) {
        return "0x" + Long.toHexString(v);
    }
}
