package io.switchboard.ivr.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.simulator.SimulatorCli;
import io.switchboard.speech.PromptLibrary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code switchboard sim agent} against the built-in endpoint: many agents register, refresh and unregister. */
class SimAgentCommandIT {

    private final TestAgentPhones phones = new TestAgentPhones().agent("3001", "pw").agent("3002", "pw")
            .agent("3003", "pw");
    private SipEndpoint endpoint;
    private int port;

    @BeforeEach
    void start() throws Exception {
        endpoint = AgentEndpoint.start(45000, PromptLibrary.of(List.of()), RefusingHandler.INSTANCE, phones,
                RegistrarConfig.defaults(), OutboundRoute.loopback());
        port = endpoint.port();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void threeAgentsRegisterForTheDurationAndUnregisterAtTheEnd() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SimulatorCli.run(List.of("agent", "--count", "3", "--first-id", "3001", "--password", "pw",
                "--server", "127.0.0.1:" + port, "--duration", "2s"), new PrintStream(out, true,
                        StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("3 agent(s) registering", "registered 3/3");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(phones.next(Duration.ofSeconds(10)).replaceAll(" sip:.*", ""));
        }
        assertThat(events.subList(0, 3)).containsExactlyInAnyOrder("registered 3001", "registered 3002",
                "registered 3003");
        assertThat(events.subList(3, 6)).containsExactlyInAnyOrder("unregistered 3001", "unregistered 3002",
                "unregistered 3003");
    }

    @Test
    void aWrongPasswordEndsWithStatus1AndSaysWhy() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SimulatorCli.run(List.of("agent", "--id", "3001", "--password", "nope", "--server",
                "127.0.0.1:" + port, "--duration", "1s"), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("agent 3001 was refused: SIP 401 (wrong password or unknown agent)");
        assertThat(phones.events).isEmpty();
    }
}
