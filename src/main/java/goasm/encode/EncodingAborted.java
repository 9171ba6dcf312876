package goasm.encode;

/**
 * Thrown where Go's assembler stops the whole run (log.Fatal) after reporting; the message has
 * already gone to the diagnostics, and the function's encoding is abandoned.
 */
final class EncodingAborted extends RuntimeException {
    EncodingAborted() {
        super(null, null, false, false);
    }
}
