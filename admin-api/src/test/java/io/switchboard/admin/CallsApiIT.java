package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.ivr.store.CallRecordingEntry;
import io.switchboard.ivr.store.CallStore;
import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.store.PathEntry;
import io.switchboard.ivr.store.SurveyAnswer;
import io.switchboard.ivr.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CallsApiIT {

    private static final TestDatabase DB = TestDatabase.create(CallsApiIT.class);
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final int FILLERS = 24;
    private static Database database;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
    }

    /** 24 plain calls, one minute apart, then the two calls the shape tests read, the newest last. */
    @BeforeAll
    static void recordCalls() {
        database = DB.open();
        CallStore store = new CallStore(database.dataSource(), "node-7");
        for (int i = 0; i < FILLERS; i++) {
            store.callStarted(new CallFacts("fill-%02d".formatted(i), "300", "100", T0.plusSeconds(60L * i)),
                    "hotline", 1);
        }
        Instant a = T0.plusSeconds(3600);
        store.callStarted(new CallFacts("call-a", "+4930111", "100", a), "hotline", 4);
        store.answered("call-a", a.plusMillis(250));
        store.appendPath("call-a", PathEntry.step(1, a.plusSeconds(1), "welcome", "play"));
        store.appendPath("call-a", PathEntry.prompt(2, a.plusSeconds(1), "welcome", "en"));
        store.appendPath("call-a", PathEntry.key(3, a.plusSeconds(5), '2', "rfc4733"));
        store.appendPath("call-a", PathEntry.flowEnd(4, a.plusSeconds(9), "hangup"));
        store.ended("call-a", new CallEnd(HangupCause.NORMAL, CallEnd.Party.SYSTEM, a.plusSeconds(10)));
        store.recorded("call-a", new CallRecordingEntry(1, "data/recordings/call-a-1.wav", a.plusSeconds(6),
                Duration.ofMillis(12_340), "finish-key", "#"));
        store.surveyAnswered("call-a", new SurveyAnswer(1, a.plusSeconds(9), 4, "data/recordings/call-a-1.wav"));
        store.callStarted(new CallFacts("call-b", "", "200", a.plusSeconds(60)), "sales", 2);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void latestCallsComeNewestFirstWithTheirWholePath() {
        TestServer.Reply reply = TestServer.get(port, "/api/calls?limit=2");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode calls = reply.json();
        assertThat(calls.isArray()).isTrue();
        assertThat(calls.size()).isEqualTo(2);

        JsonNode b = calls.get(0);
        assertThat(b.get("id").stringValue()).isEqualTo("call-b");
        assertThat(b.get("caller").stringValue()).isEmpty();
        assertThat(b.get("flow").get("id").stringValue()).isEqualTo("sales");
        assertThat(b.get("answeredAt").isNull()).isTrue();
        assertThat(b.get("endedAt").isNull()).isTrue();
        assertThat(b.get("hangupCause").isNull()).isTrue();
        assertThat(b.get("hungUpBy").isNull()).isTrue();
        assertThat(b.get("path").size()).isZero();
        assertThat(b.get("recordings").size()).isZero();
        assertThat(b.get("surveys").size()).isZero();

        assertCallA(calls.get(1));
    }

    @Test
    void oneCallByItsId() {
        TestServer.Reply reply = TestServer.get(port, "/api/calls/call-a");

        assertThat(reply.status()).isEqualTo(200);
        assertCallA(reply.json());
    }

    @Test
    void twentyCallsUnlessALimitIsGiven() {
        assertThat(ids(TestServer.get(port, "/api/calls").json())).hasSize(20).startsWith("call-b", "call-a",
                "fill-23");
        assertThat(ids(TestServer.get(port, "/api/calls?limit=500").json())).hasSize(FILLERS + 2)
                .endsWith("fill-01", "fill-00");
        assertThat(ids(TestServer.get(port, "/api/calls?limit=1").json())).containsExactly("call-b");
    }

    @Test
    void aLimitOutsideOneTo500IsAProblemThatSaysWhatToSend() {
        for (String limit : List.of("0", "501", "-3", "abc", "", "2.5")) {
            TestServer.Reply reply = TestServer.get(port, "/api/calls?limit=" + limit);

            assertThat(reply.status()).as("limit=%s", limit).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            JsonNode problem = reply.json();
            assertThat(problem.get("status").intValue()).isEqualTo(400);
            assertThat(problem.get("title").stringValue()).isEqualTo("Invalid limit");
            assertThat(problem.get("detail").stringValue()).isEqualTo(
                    "Query parameter 'limit' must be a whole number from 1 to 500 (default 20); got '" + limit
                            + "'.");
            assertThat(problem.get("parameter").stringValue()).isEqualTo("limit");
            assertThat(problem.get("instance").stringValue()).isEqualTo("/api/calls");
        }
    }

    @Test
    void anUnknownCallIsANotFoundProblem() {
        TestServer.Reply reply = TestServer.get(port, "/api/calls/no-such-call");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("title").stringValue()).isEqualTo("Call not found");
        assertThat(problem.get("detail").stringValue()).isEqualTo(
                "No call has id 'no-such-call'. GET /api/calls lists the latest calls with their ids.");
        assertThat(problem.get("instance").stringValue()).isEqualTo("/api/calls/no-such-call");
    }

    @Test
    void anUnknownRouteIsANotFoundProblemListingTheRoutes() {
        TestServer.Reply reply = TestServer.get(port, "/api/switchboards");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("No endpoint GET /api/switchboards. This server"
                + " has GET /api/calls?limit=N, GET "
                + "/api/calls/{id}, POST /api/calls/{id}/follow-up, GET /api/flows, GET|POST "
                + "/api/flows/{id}/versions, PUT /api/flows/{id}/live?version=N, GET "
                + "/api/flows/{id}/diff?from=N&to=M, GET /api/flows/{id}/graph, GET|POST /api/agents, "
                + "GET|PUT|DELETE /api/agents/{id}, PUT /api/agents/{id}/state, GET /api/agents/{id}/current, "
                + "GET /api/agents/{id}/desk, GET /api/agents/{id}/desk/live, GET /api/queues, GET /api/queues/{id}, "
                + "GET /api/wallboard, GET /api/wallboard/live, GET /api/calendars, PUT /api/calendars/{name}, GET "
                + "/api/queue-log?from=&to=&limit=, GET /api/handoffs?state=&limit=, POST "
                + "/api/handoffs/{id}/retry, GET /api/reports/queues?from=&to=&interval=, GET "
                + "/api/reports/agents?from=&to=&interval=, GET /api/routing, PUT /api/routing/files/{name}, "
                + "GET|POST /api/users, PUT|DELETE /api/users/{name}, GET|POST /api/tokens, DELETE "
                + "/api/tokens/{id}, GET /api/audit?from=&to=&limit=, POST|GET|DELETE /api/session, GET "
                + "/api/openapi.yaml, GET /actuator/prometheus, the pages under /pages/ and GET "
                + "/actuator/health.");
    }

    @Test
    void onlyHealthIsExposedUnderActuator() {
        TestServer.Reply reply = TestServer.get(port, "/actuator/env");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    private static void assertCallA(JsonNode a) {
        assertThat(a.propertyNames()).containsExactlyInAnyOrder("id", "caller", "dialed", "flow", "node",
                "startedAt", "answeredAt", "endedAt", "hangupCause", "hungUpBy", "path", "recordings", "surveys",
                "handoffs", "previousHandoffs");
        assertThat(a.get("handoffs").size()).as("no hand-off for this call").isZero();
        assertThat(a.get("id").stringValue()).isEqualTo("call-a");
        assertThat(a.get("caller").stringValue()).isEqualTo("+4930111");
        assertThat(a.get("dialed").stringValue()).isEqualTo("100");
        assertThat(a.get("flow").get("id").stringValue()).isEqualTo("hotline");
        assertThat(a.get("flow").get("version").intValue()).isEqualTo(4);
        assertThat(a.get("node").stringValue()).isEqualTo("node-7");
        assertThat(a.get("startedAt").stringValue()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(a.get("answeredAt").stringValue()).isEqualTo("2026-11-22T10:00:00.250Z");
        assertThat(a.get("endedAt").stringValue()).isEqualTo("2026-11-22T10:00:10Z");
        assertThat(a.get("hangupCause").stringValue()).isEqualTo("normal");
        assertThat(a.get("hungUpBy").stringValue()).isEqualTo("system");

        JsonNode path = a.get("path");
        assertThat(path.size()).isEqualTo(4);
        assertThat(path.get(0).propertyNames()).containsExactlyInAnyOrder("seq", "at", "kind", "name", "detail");
        List<String> steps = new ArrayList<>();
        for (JsonNode step : path) {
            steps.add(step.get("seq").intValue() + " " + step.get("kind").stringValue() + " "
                    + step.get("name").stringValue() + " " + step.get("detail").asString("-"));
        }
        assertThat(steps).containsExactly("1 step welcome play", "2 prompt welcome en", "3 key 2 rfc4733",
                "4 flow-end hangup -");
        assertThat(path.get(2).get("at").stringValue()).isEqualTo("2026-11-22T10:00:05Z");
        assertThat(path.get(3).get("detail").isNull()).isTrue();

        JsonNode recording = a.get("recordings").get(0);
        assertThat(a.get("recordings").size()).isEqualTo(1);
        assertThat(recording.get("file").stringValue()).isEqualTo("data/recordings/call-a-1.wav");
        assertThat(recording.get("startedAt").stringValue()).isEqualTo("2026-11-22T10:00:06Z");
        assertThat(recording.get("seconds").doubleValue()).isEqualTo(12.34);
        assertThat(recording.get("endedBy").stringValue()).isEqualTo("finish-key");
        assertThat(recording.get("finishKey").stringValue()).isEqualTo("#");
        JsonNode survey = a.get("surveys").get(0);
        assertThat(a.get("surveys").size()).isEqualTo(1);
        assertThat(survey.get("rating").intValue()).isEqualTo(4);
        assertThat(survey.get("comment").stringValue()).isEqualTo("data/recordings/call-a-1.wav");
        assertThat(survey.get("answeredAt").stringValue()).isEqualTo("2026-11-22T10:00:09Z");
    }

    private static List<String> ids(JsonNode calls) {
        List<String> ids = new ArrayList<>();
        calls.forEach(call -> ids.add(call.get("id").stringValue()));
        return ids;
    }
}
