package goasm.encode;

/**
 * One EVEX encoding of a table entry: the prefix byte (W, opcode map, vector length, implied
 * prefix), the feature byte (disp8*N scale, broadcast element size, which suffixes are allowed)
 * and the opcode. Both bytes are packed as the form tables spell them (see {@link OpcodeSpelling}).
 */
record EvexForm(int prefix, int features, int opcode) {
    static final int W = 0x80;
    static final int MAP = 0x30;
    static final int LENGTH = 0x0c;
    static final int PP = 0x03;

    static final int SCALE = 0xe0;
    static final int BROADCAST = 0x18;
    static final int BROADCAST4 = 1 << 3;
    static final int BROADCAST8 = 2 << 3;
    static final int ZEROING = 1 << 2;
    static final int ROUNDING = 1 << 1;
    static final int SAE = 1;

    int w() {
        return (prefix & W) >> 7;
    }

    int map() {
        return (prefix & MAP) >> 4;
    }

    int length() {
        return (prefix & LENGTH) >> 2;
    }

    int pp() {
        return prefix & PP;
    }

    boolean broadcastAllowed() {
        return (features & BROADCAST) != 0;
    }

    boolean zeroingAllowed() {
        return (features & ZEROING) != 0;
    }

    boolean roundingAllowed() {
        return (features & ROUNDING) != 0;
    }

    boolean saeAllowed() {
        return (features & SAE) != 0;
    }

    /**
     * The unit of a compressed 8-bit displacement: the memory operand's size, or the element
     * size when the operand is broadcast.
     */
    int dispScale(boolean broadcast) {
        if (broadcast) {
            return switch (features & BROADCAST) {
                case BROADCAST4 -> 4;
                case BROADCAST8 -> 8;
                default -> 1;
            };
        }
        return 1 << ((features & SCALE) >> 5);
    }
}
