package goasm.arch.amd64;

import goasm.obj.Register;

/** Register names of amd64 assembly: the machine registers, {@code g}, and the pseudo-registers. */
public final class Registers {
    /**
     * Registers that exist only in assembly source: SB (static base, globals), FP (argument
     * frame) and PC (for n(PC) branches). SP is both a machine register and, with a name
     * ({@code x-8(SP)}), the pseudo-register of locals; the parser tells them apart.
     */
    public enum PseudoReg implements Register {
        SB(-2), FP(-1), PC(-4);

        /** Go's number for the pseudo-register (obj.RSB, RFP, RPC), which has no name in Rconv. */
        private final int goNumber;

        PseudoReg(int goNumber) {
            this.goNumber = goNumber;
        }

        @Override
        public String spelling() {
            return name();
        }

        @Override
        public String listingName() {
            return "R???" + goNumber;
        }
    }

    private Registers() {
    }

    /** The register spelled {@code name}: a {@link Reg}, a {@link PseudoReg}, or null. */
    public static Register lookup(String name) {
        return switch (name) {
            case "SB" -> PseudoReg.SB;
            case "FP" -> PseudoReg.FP;
            case "PC" -> PseudoReg.PC;
            // The goroutine pointer lives in R14 under the register ABI.
            case "g" -> Reg.R14;
            default -> Reg.byName(name);
        };
    }
}
