package goasm.matrix;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

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
 * a parameterized or dynamic test runs for, "[8] GO1_27"), as a tab-separated line to the file
 * named by -Dgoasm.testResults, for the conformance matrix (tools/conformance/matrix.sh). Without
 * that property it does nothing. Registered with the JUnit Platform through its service file.
 *
 * <pre>
 * PASSED	goasm.conformance.ExamplesConformanceTest	ExamplesConformanceTest &gt; [8] GO1_27 &gt; frames_amd64.s
 * </pre>
 */
public final class TestResultsRecorder implements TestExecutionListener {
    private static final String PROPERTY = "goasm.testResults";

    private final String file;
    private TestPlan plan;

    /** As the JUnit Platform creates it: writing to -Dgoasm.testResults, if set. */
    public TestResultsRecorder() {
        this(System.getProperty(PROPERTY));
    }

    /** Writing to {@code file} (null or blank: nowhere). */
    TestResultsRecorder(String file) {
        this.file = file;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            record(switch (result.getStatus()) {
                case SUCCESSFUL -> "PASSED";
                case FAILED -> "FAILED";
                case ABORTED -> "ABORTED";
            }, test);
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            record("DISABLED", test);
        }
    }

    private void record(String outcome, TestIdentifier test) {
        if (file == null || file.isBlank() || plan == null) {
            return;
        }
        Deque<String> names = new ArrayDeque<>();
        String testClass = "?";
        for (Optional<TestIdentifier> t = Optional.of(test); t.isPresent(); t = plan.getParent(t.get())) {
            TestIdentifier id = t.get();
            if (plan.getParent(id).isEmpty()) {
                break; // the engine
            }
            names.addFirst(id.getDisplayName().replace('\t', ' ').replace('\n', ' '));
            if (testClass.equals("?")) {
                testClass = id.getSource().map(source -> switch (source) {
                    case MethodSource m -> m.getClassName();
                    case ClassSource c -> c.getClassName();
                    default -> "?";
                }).orElse("?");
            }
        }
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
