package io.switchboard.admin.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.TestServer;
import io.switchboard.admin.TestServer.Login;
import io.switchboard.ivr.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Agents over the API as a supervisor and an agent use it: created, listed without secrets, changed, put on a break
 * and back, refused with a problem that says what to send, and every state change in the queue log, as JSON and as
 * Asterisk's queue_log text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentsApiIT {

    private static final TestDatabase DB = TestDatabase.create(AgentsApiIT.class);
    private static final String ALICE = """
            {"id": "1001", "name": "Alice Moreno", "password": "alice-secret-1",
             "queues": {"support-internet": 1, "general": 2}, "skills": {"internet": 4}, "languages": ["en", "es"]}""";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
    }

    private TestServer.Reply send(String method, String path, String json, Login login) {
        return TestServer.send(port, method, path, json == null ? null : "application/json", json, login);
    }

    @Test
    void aSupervisorCreatesAnAgentWhoTakesABreakAndComesBackAndTheQueueLogSaysSo() {
        Instant start = Instant.now().minusSeconds(1);
        Login supervisor = TestServer.createUser(port, "sam", "supervisor");
        TestServer.Reply created = send("POST", "/api/agents", ALICE, supervisor);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/agents/1001");
        assertThat(created.body()).doesNotContain("alice-secret-1");
        JsonNode alice = created.json();
        assertThat(alice.get("name").stringValue()).isEqualTo("Alice Moreno");
        assertThat(alice.get("queues").get("support-internet").intValue()).isEqualTo(1);
        assertThat(alice.get("skills").get("internet").intValue()).isEqualTo(4);
        assertThat(alice.get("phoneRegistered").booleanValue()).isFalse();

        assertThat(TestServer.get(port, "/api/agents", supervisor).body()).contains("\"1001\"")
                .doesNotContain("alice-secret-1");

        TestServer.Reply available = send("PUT", "/api/agents/1001/state", "{\"state\": \"available\"}", supervisor);
        assertThat(available.status()).as(available.body()).isEqualTo(200);
        assertThat(available.json().get("activity").stringValue()).isEqualTo("AVAILABLE");
        TestServer.Reply lunch = send("PUT", "/api/agents/1001/state",
                "{\"state\": \"not-ready\", \"reason\": \"lunch\"}", supervisor);
        assertThat(lunch.json().get("activity").stringValue()).isEqualTo("NOT_READY");
        assertThat(lunch.json().get("reason").stringValue()).isEqualTo("lunch");
        assertThat(send("PUT", "/api/agents/1001/state", "{\"state\": \"available\"}", supervisor).status())
                .isEqualTo(200);

        String range = "?from=" + start + "&to=" + Instant.now().plusSeconds(1);
        TestServer.Reply log = TestServer.get(port, "/api/queue-log" + range, supervisor);
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        assertThat(log.json().valueStream().map(e -> e.get("event").stringValue()).toList())
                .containsExactly("AGENTLOGIN", "PAUSE", "UNPAUSE");
        TestServer.Reply text = TestServer.send(port, "GET", "/api/queue-log" + range, null, null, supervisor,
                "text/plain");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.contentType()).startsWith("text/plain");
        String[] lines = text.body().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).matches("\\d{10}\\|NONE\\|NONE\\|1001\\|PAUSE\\|lunch");
    }

    @Test
    void anAgentChangesOnlyTheirOwnStateAndCannotManageAgents() {
        Login supervisor = TestServer.createUser(port, "sue", "supervisor");
        assertThat(send("POST", "/api/agents", ALICE.replace("1001", "1002"), supervisor).status()).isEqualTo(201);
        assertThat(send("POST", "/api/agents", ALICE.replace("1001", "1003"), supervisor).status()).isEqualTo(201);
        Login agent = TestServer.createUser(port, "1002", "agent");

        TestServer.Reply own = send("PUT", "/api/agents/1002/state", "{\"state\": \"available\"}", agent);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        TestServer.Reply other = send("PUT", "/api/agents/1003/state", "{\"state\": \"available\"}", agent);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("detail").stringValue()).contains("only their own");
        assertThat(TestServer.get(port, "/api/agents", agent).status()).isEqualTo(403);
        assertThat(send("DELETE", "/api/agents/1003", null, agent).status()).isEqualTo(403);

        TestServer.Reply noCall = TestServer.get(port, "/api/agents/1002/current", agent);
        assertThat(noCall.status()).isEqualTo(404);
        assertThat(noCall.json().get("title").stringValue()).isEqualTo("No current call");
    }

    @Test
    void badAgentsAreRefusedWithWhatToSendAndNothingIsStored() {
        Login supervisor = TestServer.createUser(port, "sid", "supervisor");
        TestServer.Reply unknownQueue = send("POST", "/api/agents", ALICE.replace("1001", "1004")
                .replace("support-internet", "no-such-queue"), supervisor);
        assertThat(unknownQueue.status()).isEqualTo(400);
        assertThat(unknownQueue.json().get("detail").stringValue()).contains("no-such-queue");
        TestServer.Reply shortPassword = send("POST", "/api/agents", ALICE.replace("1001", "1005")
                .replace("alice-secret-1", "x"), supervisor);
        assertThat(shortPassword.status()).isEqualTo(400);
        TestServer.Reply badSkill = send("POST", "/api/agents", ALICE.replace("1001", "1006")
                .replace("\"internet\": 4", "\"internet\": 9"), supervisor);
        assertThat(badSkill.status()).isEqualTo(400);
        assertThat(TestServer.get(port, "/api/agents/1004", supervisor).status()).isEqualTo(404);
        assertThat(TestServer.get(port, "/api/agents/1005", supervisor).status()).isEqualTo(404);

        assertThat(send("POST", "/api/agents", ALICE.replace("1001", "1007"), supervisor).status()).isEqualTo(201);
        TestServer.Reply again = send("POST", "/api/agents", ALICE.replace("1001", "1007"), supervisor);
        assertThat(again.status()).isEqualTo(409);
        TestServer.Reply badState = send("PUT", "/api/agents/1007/state", "{\"state\": \"on-call\"}", supervisor);
        assertThat(badState.status()).isEqualTo(400);
        TestServer.Reply badReason = send("PUT", "/api/agents/1007/state",
                "{\"state\": \"not-ready\", \"reason\": \"nap\"}", supervisor);
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.json().get("detail").stringValue()).contains("break");
        assertThat(send("DELETE", "/api/agents/1007", null, supervisor).status()).isEqualTo(204);
        assertThat(TestServer.get(port, "/api/agents/1007", supervisor).status()).isEqualTo(404);
    }
}
