package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.ivr.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * SIPp, a SIP peer nobody here wrote, calls the real server (built-in endpoint, sample hotline flow, real
 * PostgreSQL): a plain call, and a key press replayed from SIPp's own RFC 2833 capture.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SippCallIT {

    private static final TestDatabase DB = TestDatabase.create(SippCallIT.class);

    @LocalServerPort
    int httpPort;

    @Autowired
    SwitchboardProperties properties;

    @TempDir
    Path work;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
    }

    /**
     * SIPp is part of the test set-up (README, .ci/run installs sip-tester): without it these tests fail with the
     * install hint, never skip, so an interoperability check cannot go missing unnoticed.
     */
    @BeforeEach
    void needsSipp() {
        assertThat(Sipp.available()).as(Sipp.INSTALL_HINT).isTrue();
    }

    @Test
    void sippPlacesOneSuccessfulCall() throws Exception {
        Sipp.Result result = Sipp.run(work, List.of("-sn", "uac", "-s", "100", "-m", "1", "-d", "2000",
                "-i", "127.0.0.1", "-p", String.valueOf(Sipp.freeUdpPort()),
                "-timeout", "30s", "-timeout_error", "-max_retrans", "2", server()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.oneSuccessfulCall()).as(result.output()).isTrue();

        JsonNode call = latestEndedCall("sipp");
        assertThat(call.get("dialed").stringValue()).isEqualTo("100");
        assertThat(call.get("hangupCause").stringValue()).isEqualTo("normal");
        assertThat(call.get("hungUpBy").stringValue()).isEqualTo("caller");
        assertThat(pathOf(call)).startsWith("step welcome", "prompt welcome");
    }

    @Test
    void sippsOwnRfc2833CaptureOfKey1TakesTheSalesBranch() throws Exception {
        Path scenario = Path.of("src/test/resources/sipp/dtmf-1-pcap.xml").toAbsolutePath();
        Sipp.Result result = Sipp.run(work, List.of("-sf", scenario.toString(), "-s", "100", "-m", "1",
                "-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", String.valueOf(Sipp.freeUdpPort()),
                "-mp", String.valueOf(46000 + 2 * (int) (ProcessHandle.current().pid() % 1000)),
                "-timeout", "60s", "-timeout_error", "-max_retrans", "2", server()));
        assertThat(result.exitCode()).as(result.output()).isZero();

        JsonNode call = latestEndedCall("sipp");
        List<String> path = pathOf(call);
        assertThat(path).contains("key 1 rfc4733");
        assertThat(path).containsSubsequence("step main-menu", "step sales", "prompt sales", "step goodbye",
                "prompt goodbye", "step hang-up", "flow-end hangup");
        assertThat(call.get("hungUpBy").stringValue()).isEqualTo("system");
    }

    private String server() {
        return "127.0.0.1:" + properties.sip().port();
    }

    private JsonNode latestEndedCall(String caller) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            JsonNode calls = TestServer.get(httpPort, "/api/calls?limit=1").json();
            if (!calls.isEmpty()) {
                last = calls.get(0);
                if (last.get("caller").stringValue().equals(caller) && !last.get("endedAt").isNull()) {
                    return last;
                }
            }
            Thread.sleep(50); // polling the API with a deadline, not waiting for time to pass
        }
        throw new AssertionError("no ended call from " + caller + " in /api/calls; last: " + last);
    }

    static List<String> pathOf(JsonNode call) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : call.get("path")) {
            String entry = p.get("kind").stringValue() + " " + p.get("name").stringValue();
            if (p.get("kind").stringValue().equals("key")) {
                entry += " " + p.get("detail").stringValue();
            }
            out.add(entry);
        }
        return out;
    }
}
