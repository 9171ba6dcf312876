package goasm.vet;

/**
 * One diagnostic: where (file as given, 1-based line; go vet reports column 1), which check
 * found it, and the message as go vet words it.
 */
public record Finding(String file, int line, String analyzer, String message) {
    public static final String ASMDECL = "asmdecl";
    public static final String FRAMEPOINTER = "framepointer";
    public static final String NOSPLIT = "nosplit";
}
