package goasm.link;

import java.util.List;

/** The program cannot be linked; the lines are Go's linker messages ("main.f: relocation target ..."). */
public final class LinkException extends Exception {
    private final List<String> messages;

    public LinkException(List<String> messages) {
        super(String.join("\n", messages), null, false, false);
        this.messages = List.copyOf(messages);
    }

    public List<String> messages() {
        return messages;
    }
}
