package goasm.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExplainColourTest {
    @Test
    void coloursOnATerminalWithoutNoColor() {
        assertThat(ExplainCommand.colour(true, Map.of())).isTrue();
        assertThat(ExplainCommand.colour(true, Map.of("NO_COLOR", "1"))).isFalse();
        // An empty NO_COLOR does not count (no-color.org).
        assertThat(ExplainCommand.colour(true, Map.of("NO_COLOR", ""))).isTrue();
        assertThat(ExplainCommand.colour(false, Map.of())).isFalse();
    }
}
