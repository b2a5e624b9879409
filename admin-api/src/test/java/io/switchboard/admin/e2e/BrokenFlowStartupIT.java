package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.switchboard.admin.SwitchboardApplication;
import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.ivr.flow.FlowLoadException;
import io.switchboard.ivr.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import io.switchboard.admin.telephony.FlowLoadFailureAnalyzer;

/** A broken flow stops start-up with file:line:col diagnostics, and the SIP port is not left taken. */
class BrokenFlowStartupIT {

    private static final TestDatabase DB = TestDatabase.create(BrokenFlowStartupIT.class);

    @TempDir
    Path flows;

    @Test
    void aBrokenFlowStopsStartUpWithItsDiagnostics() throws Exception {
        Files.writeString(flows.resolve("hotline.yaml"), """
                flow: hotline
                start: welcome
                steps:
                  welcome: {play: [welcome], next: mian-menu}
                  main-menu: {hangup: {}}
                """);
        int sipPort = TestServer.freeUdpPort();
        SpringApplication app = new SpringApplication(SwitchboardApplication.class);
        Throwable failure = catchThrowable(() -> app.run("--server.port=0", "--switchboard.db.url=" + DB.jdbcUrl(),
                "--switchboard.db.user=" + DB.user(), "--" + SwitchboardProperties.DB_PASSWORD_VARIABLE + "="
                        + DB.password(), "--switchboard.db.spool-dir="
                        + Path.of(System.getProperty("java.io.tmpdir"), "switchboard-test-spool", DB.name()),
                "--switchboard.sip.port=" + sipPort, "--switchboard.flows.dir=" + flows));
        assertThat(failure).isNotNull();
        FlowLoadException cause = findCause(failure);
        String file = flows.resolve("hotline.yaml").toString();
        assertThat(cause.problems()).containsExactly(
                file + ":4:36: error: unknown step 'mian-menu' (hint: did you mean 'main-menu'?)");

        FailureAnalysis analysis = new FlowLoadFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).contains(file + ":4:36: error: unknown step 'mian-menu'");
        assertThat(analysis.getDescription()).doesNotContain("Exception", "\tat ");
    }

    private static FlowLoadException findCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FlowLoadException f) {
                return f;
            }
        }
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        t.printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));
        throw new AssertionError("start-up failed for another reason:\n" + trace);
    }
}
