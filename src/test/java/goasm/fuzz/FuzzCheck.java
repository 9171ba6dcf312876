package goasm.fuzz;

import goasm.conformance.SideBySide;

import java.nio.file.Path;

/**
 * Runs one generated input side by side ({@link SideBySide}) and classifies the outcome. Every
 * difference from the release's asm is a mismatch, with one class excluded on purpose: inputs
 * on which Go's asm itself panics (a Go stack trace, exit status 2) have no behaviour to copy;
 * there goasm must fail cleanly (non-zero status, no Java trace). See docs/CONFORMANCE.md.
 */
final class FuzzCheck {
    private FuzzCheck() {
    }

    enum Verdict {
        SAME,
        GO_PANICKED_GOASM_FAILED_CLEANLY,
        MISMATCH,
        JAVA_TRACE,
        HANG
    }

    record Outcome(Verdict verdict, SideBySide.Comparison comparison) {
        String describe(HostileInputs.Input input) {
            return verdict + " on\n" + input + "\n=== differences:\n" + comparison.describe();
        }
    }

    static Outcome check(HostileInputs.Input input, Path dir) {
        SideBySide.Comparison c = SideBySide.run(input.release(), dir, input::setUp, input.args());
        // Go deletes its -o file after a failure, even /dev/null: no input may ever reach it.
        if (java.nio.file.Files.isRegularFile(Path.of("/dev/null"))) {
            throw new IllegalStateException("/dev/null is no longer a device after\n" + input);
        }
        if (c.goasmHung()) {
            return new Outcome(Verdict.HANG, c);
        }
        if (c.javaTrace()) {
            return new Outcome(Verdict.JAVA_TRACE, c);
        }
        if (c.same()) {
            return new Outcome(Verdict.SAME, c);
        }
        if (c.goPanicked() && c.goasm().status() != 0) {
            return new Outcome(Verdict.GO_PANICKED_GOASM_FAILED_CLEANLY, c);
        }
        return new Outcome(Verdict.MISMATCH, c);
    }
}
