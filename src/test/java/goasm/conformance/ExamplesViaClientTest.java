package goasm.conformance;

import goasm.server.ServerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ExamplesConformanceTest} through the path users take: every goasm run goes through the
 * native client to a resident server, and must still list, diagnose and exit as each release's
 * Go does.
 */
class ExamplesViaClientTest extends ExamplesConformanceTest {
    @BeforeAll
    static void throughTheClient() {
        System.setProperty(Goasm.VIA_PROPERTY, Goasm.VIA_CLIENT);
    }

    @AfterAll
    static void backInProcess() throws IOException, InterruptedException {
        System.clearProperty(Goasm.VIA_PROPERTY);
        try {
            // Every run was served by the one server, none fell back to running in-process.
            ServerFixture fixture = ServerFixture.shared();
            assertThat(fixture.servedRequests()).isEqualTo(fixture.clientRuns()).isPositive();
        } finally {
            ServerFixture.closeShared();
        }
    }
}
