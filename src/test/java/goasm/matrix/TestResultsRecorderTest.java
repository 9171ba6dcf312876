package goasm.matrix;

import goasm.release.GoRelease;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class TestResultsRecorderTest {
    /** Run only by the test below (surefire leaves nested classes alone). */
    static class Sample {
        @ParameterizedTest(name = "{0}")
        @EnumSource(value = GoRelease.class, names = {"GO1_15", "GO1_27"})
        void perRelease(GoRelease release) {
            Assumptions.assumeTrue(release != GoRelease.GO1_15, "Go 1.15: NOT CHECKED");
            assertThat(release).isEqualTo(GoRelease.GO1_19);
        }

        @TestFactory
        Stream<DynamicTest> dynamic() {
            return Stream.of(DynamicTest.dynamicTest("frames_amd64.s", () -> { }));
        }

        @Test
        void plain() {
        }
    }

    @Test
    void writesEachTestsOutcomeWithItsDisplayNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.tsv");
        LauncherConfig config = LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new TestResultsRecorder(file.toString())).build();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sample.class)).build();
        LauncherFactory.create(config).execute(request);

        String sample = Sample.class.getName();
        assertThat(Files.readAllLines(file)).containsExactlyInAnyOrder(
                "ABORTED\t" + sample + "\tTestResultsRecorderTest$Sample > perRelease(GoRelease) > GO1_15",
                "FAILED\t" + sample + "\tTestResultsRecorderTest$Sample > perRelease(GoRelease) > GO1_27",
                "PASSED\t" + sample + "\tTestResultsRecorderTest$Sample > dynamic() > frames_amd64.s",
                "PASSED\t" + sample + "\tTestResultsRecorderTest$Sample > plain()");
    }

    @Test
    void withoutAFileItWritesNothing(@TempDir Path dir) {
        LauncherConfig config = LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new TestResultsRecorder(null)).build();
        LauncherFactory.create(config).execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sample.class)).build());
        assertThat(dir).isEmptyDirectory();
    }
}
