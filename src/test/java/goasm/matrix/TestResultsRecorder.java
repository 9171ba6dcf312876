package goasm.matrix;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Writes every test's outcome, with the display names from its class down (so with the release
 * a parameterized test runs for, "[8] GO1_27"), as a tab-separated line to the file named by
 * -Dgoasm.testResults, for the conformance matrix (tools/conformance/matrix.sh). Without that
 * property it does nothing. Registered for every Jupiter test through the service file and
 * junit-platform.properties (extension autodetection).
 *
 * <pre>
 * PASSED	goasm.conformance.ExamplesConformanceTest	ExamplesConformanceTest &gt; [8] GO1_27 &gt; frames_amd64.s
 * </pre>
 */
public final class TestResultsRecorder implements TestWatcher {
    private static final String PROPERTY = "goasm.testResults";

    @Override
    public void testSuccessful(ExtensionContext context) {
        record("PASSED", context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record("FAILED", context);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record("ABORTED", context);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        record("DISABLED", context);
    }

    private static void record(String outcome, ExtensionContext context) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        Deque<String> names = new ArrayDeque<>();
        for (ExtensionContext c = context; c.getParent().isPresent(); c = c.getParent().get()) {
            names.addFirst(c.getDisplayName().replace('\t', ' ').replace('\n', ' '));
        }
        String testClass = context.getTestClass().map(Class::getName).orElse("?");
        String line = outcome + "\t" + testClass + "\t" + String.join(" > ", names) + "\n";
        synchronized (TestResultsRecorder.class) {
            try {
                Path path = Path.of(file);
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
