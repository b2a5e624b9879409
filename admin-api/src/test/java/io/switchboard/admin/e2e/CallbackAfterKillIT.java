package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.TestServer;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedAgent;
import io.switchboard.simulator.SimulatedAgents;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.PromptLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A call back survives {@code kill -9}: a caller waiting in a queue nobody answers takes the call-back offer and hangs
 * up; the server is killed hard and started again; when an agent becomes available the agent's phone rings first,
 * then the server dials the customer back through the outbound route, once, and they talk.
 */
class CallbackAfterKillIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CUSTOMER = "5557001";

    @TempDir
    Path home;

    @Test
    void aCallBackBookedBeforeAKillIsMadeOnceAfterTheRestart() throws Exception {
        PromptLibrary prompts = PromptLibrary.load(Path.of("../prompts"));
        Path flows = Files.createDirectories(home.resolve("flows"));
        Files.writeString(flows.resolve("hotline.yaml"), """
                flow: hotline
                languages: [en]
                start: wait
                steps:
                  wait:
                    queue:
                      name: general
                      max-wait: 5m
                      offer-callback: {every: 30s}
                      callback: book
                      timeout: bye
                      connected: bye
                      unavailable: bye
                  book:
                    callback: {queue: general, failed: bye}
                    next: thanks
                  thanks: {play: [callback-scheduled], next: bye}
                  bye: {hangup: {}}
                """);
        Files.writeString(home.resolve("queues.yaml"), """
                queues:
                  general:
                    hold: [hold-music]
                    announce: {first-after: 3s, every: 30s}
                    join-when-empty: yes
                    ring-timeout: 5s
                    wrap-up: 1s
                    callback: {retry-delay: 2s, max-attempts: 3}
                """);
        Files.writeString(home.resolve("agents.yaml"), """
                agents:
                  "5001": {name: Kim, password: kim-password-1, queues: {general: 1}}
                """);
        try (SimulatedAgents customers = new SimulatedAgents(prompts, SimulatedAgents.Options.to("127.0.0.1:1")
                .withTiming(Duration.ofMillis(300), Duration.ZERO, Duration.ZERO))) {
            SimulatedAgent customerLine = customers.line(CUSTOMER);
            ServerProcess server = new ServerProcess(home, Map.of("switchboard.flows.dir", flows.toString(),
                    "switchboard.acd.queues", home.resolve("queues.yaml").toString(),
                    "switchboard.outbound.uri", "sip:{number}@127.0.0.1:" + customers.sipPort()));
            try (server) {
                server.startAndAwaitUp(START);
                Instant from = Instant.now().minusSeconds(1);
                try (SimulatedCaller phone = new SimulatedCaller(prompts, SimulatedCaller.Options.defaults()
                        .withCaller(CUSTOMER))) {
                    CallSession call = phone.dial("sip:100@127.0.0.1:" + server.sipPort());
                    assertThat(call.status(Duration.ofSeconds(10))).isEqualTo(200);
                    call.awaitPrompt("callback-offer", WAIT);
                    call.pressKeys("1");
                    call.awaitPrompt("callback-confirm", WAIT);
                    call.pressKeys("1");
                    call.awaitPrompt("callback-scheduled", WAIT);
                    call.awaitEnded(WAIT);
                }
                TestServer.await(() -> pending(server) == 1, WAIT);

                server.killHard();
                server.startAndAwaitUp(START);
                assertThat(pending(server)).as("the call back outlived the kill").isEqualTo(1);

                try (SimulatedAgents phones = new SimulatedAgents(prompts, SimulatedAgents.Options.to("127.0.0.1:"
                        + server.sipPort()).withTiming(Duration.ofMillis(300), Duration.ZERO, Duration.ZERO)
                        .withVoice(prompts.find("agent-greeting", "en").orElseThrow()))) {
                    SimulatedAgent kim = phones.add("5001", "kim-password-1");
                    assertThat(kim.awaitRegistration(SimulatedAgent.Registration.REGISTERED, WAIT)).isTrue();
                    TestServer.setAgentState(server.httpPort(), TestServer.Login.ADMIN, "5001",
                            "{\"state\": \"available\"}");

                    CallSession agentSide = kim.awaitCall(WAIT);
                    assertThat(agentSide).as("the agent is rung first").isNotNull();
                    agentSide.awaitPrompt("callback-whisper", WAIT);
                    agentSide.awaitPrompt("digits/7", WAIT);
                    CallSession customerSide = customerLine.awaitCall(WAIT);
                    assertThat(customerSide).as("then the customer is dialled back").isNotNull();
                    customerSide.awaitPrompt("callback-customer", WAIT);
                    customerSide.awaitPrompt("agent-greeting", WAIT);
                    customerSide.hangup();
                    TestServer.await(() -> pending(server) == 0, WAIT);
                    Thread.sleep(3000); // a second attempt would have rung by now: the retry delay is 2 s
                    assertThat(customerLine.timesRung()).as("called back exactly once").isEqualTo(1);
                }
                List<String> events = TestServer.get(server.httpPort(), "/api/queue-log?limit=1000&from=" + from)
                        .json().valueStream().map(e -> e.get("event").stringValue())
                        .filter(e -> e.startsWith("CALLBACK_")).toList();
                assertThat(events).startsWith("CALLBACK_REQUESTED").contains("CALLBACK_CONNECTED")
                        .doesNotContain("CALLBACK_FAILED", "CALLBACK_RETRY");
            }
        }
    }

    private static int pending(ServerProcess server) {
        JsonNode queue = TestServer.get(server.httpPort(), "/api/queues/general").json();
        return queue.get("callbacksPending").intValue();
    }
}
