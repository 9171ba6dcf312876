package goasm.release;

/**
 * How a release's linker checks chains of NOSPLIT functions on linux/amd64 (cmd/link's
 * stack check): the room a NOSPLIT chain may use and how an overflow is found and reported.
 *
 * @param limit    bytes a NOSPLIT chain may use below its entry: the nosplit room of
 *                 {@link StackRules#stackNosplit()} less the return address a CALL pushes
 * @param callSize bytes a CALL pushes (the return address)
 * @param check    which analysis the linker runs, and so how it words an overflow
 */
public record NosplitRules(int limit, int callSize, Check check) {

    public enum Check {
        /**
         * Depth-first from every function, stopping at the first overflow: "f: nosplit stack
         * overflow" and one line per frame of the chain with the bytes left (up to 1.18).
         */
        FIRST_CHAIN,
        /**
         * The height of every function's deepest NOSPLIT call tree; each overflowing root is
         * reported as "f: nosplit stack over N byte limit" with its call tree, each edge's growth
         * and how many bytes over the limit each path goes (from 1.19).
         */
        CALL_TREE
    }

    public static NosplitRules of(GoRelease release) {
        int callSize = 8;
        int limit = StackRules.of(release).stackNosplit() - callSize;
        return switch (release) {
            case GO1_15 -> new NosplitRules(limit, callSize, Check.FIRST_CHAIN);
            case GO1_19, GO1_21, GO1_22, GO1_23, GO1_24, GO1_26, GO1_27 ->
                    new NosplitRules(limit, callSize, Check.CALL_TREE);
        };
    }
}
