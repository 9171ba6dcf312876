package goasm.release;

/**
 * Register names that differ between releases.
 *
 * @param gNamesR14 whether {@code g} names R14, the goroutine register of the register ABI
 *                  (before it, {@code g} is an ordinary symbol name on amd64)
 */
public record RegisterNames(boolean gNamesR14) {
    public static RegisterNames of(GoRelease release) {
        return switch (release) {
            case GO1_15 -> new RegisterNames(false);
            case GO1_19, GO1_21, GO1_22, GO1_23, GO1_24, GO1_26, GO1_27 -> new RegisterNames(true);
        };
    }

    /** Whether {@code name}, which the amd64 tables know as a register, is one in this release. */
    public boolean isRegister(String name) {
        return gNamesR14 || !name.equals("g");
    }
}
