package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.TestServer.Login;
import io.switchboard.ivr.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every endpoint against every role, logged in by password and by token, and anonymously: 401 (with a challenge)
 * without a login, 403 for the wrong role, and the endpoint's own answer for a role that may call it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessMatrixIT {

    private static final TestDatabase DB = TestDatabase.create(AccessMatrixIT.class);
    private static final String BROKEN_FLOW = "flow: hotline\nstart: a\nsteps:\n  a: {play: [x], next: nowhere}\n";
    private static final Map<String, Login> LOGINS = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
    }

    /**
     * One endpoint: how to call it, which roles may, and what it answers them (a request chosen to change nothing
     * that the other rows depend on).
     */
    record Endpoint(String method, String path, String contentType, String body, Set<String> roles, int allowed) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Set<String> ANYONE = Set.of("public");
    private static final Set<String> LOGGED_IN = Set.of("admin", "designer", "supervisor", "agent");

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/actuator/health", null, null, ANYONE, 200),
            new Endpoint("GET", "/api/calls", null, null, Set.of("supervisor"), 200),
            new Endpoint("GET", "/api/calls/no-such-call", null, null, Set.of("supervisor"), 404),
            // the test server hands follow-ups to no integration: 409 for every role that may ask
            new Endpoint("POST", "/api/calls/no-such-call/follow-up", "application/json", "{}",
                    Set.of("agent", "supervisor"), 409),
            new Endpoint("GET", "/api/flows", null, null, Set.of("designer", "supervisor"), 200),
            new Endpoint("GET", "/api/flows/hotline/versions", null, null, Set.of("designer", "supervisor"), 200),
            new Endpoint("POST", "/api/flows/hotline/versions", "application/yaml", BROKEN_FLOW, Set.of("designer"),
                    422),
            new Endpoint("PUT", "/api/flows/hotline/live?version=1", null, null, Set.of("designer"), 200),
            new Endpoint("GET", "/api/users", null, null, Set.of("admin"), 200),
            new Endpoint("POST", "/api/users", "application/json", "{\"name\": \"x\"}", Set.of("admin"), 400),
            new Endpoint("PUT", "/api/users/nobody", "application/json", "{\"roles\": [\"agent\"]}",
                    Set.of("admin"), 404),
            new Endpoint("DELETE", "/api/users/nobody", null, null, Set.of("admin"), 404),
            new Endpoint("GET", "/api/tokens", null, null, Set.of("admin"), 200),
            new Endpoint("POST", "/api/tokens", "application/json", "{\"label\": \"\", \"roles\": [\"agent\"]}",
                    Set.of("admin"), 400),
            new Endpoint("DELETE", "/api/tokens/tok_000000000000", null, null, Set.of("admin"), 404),
            new Endpoint("GET", "/api/audit", null, null, Set.of("admin"), 200),
            new Endpoint("GET", "/api/agents", null, null, Set.of("supervisor"), 200),
            new Endpoint("POST", "/api/agents", "application/json", "{\"id\": \"x\"}", Set.of("supervisor"), 400),
            new Endpoint("PUT", "/api/agents/nobody", "application/json", "{\"name\": \"N\"}",
                    Set.of("supervisor"), 404),
            new Endpoint("DELETE", "/api/agents/nobody", null, null, Set.of("supervisor"), 404),
            // the agent user is "matrix-agent": their own state, but no such agent
            new Endpoint("PUT", "/api/agents/matrix-agent/state", "application/json", "{\"state\": \"available\"}",
                    Set.of("agent", "supervisor"), 404),
            new Endpoint("GET", "/api/queue-log", null, null, Set.of("supervisor"), 200),
            new Endpoint("GET", "/api/queues", null, null, Set.of("supervisor"), 200),
            new Endpoint("GET", "/api/queues/no-such-queue", null, null, Set.of("supervisor"), 404),
            new Endpoint("GET", "/api/handoffs?state=dead", null, null, Set.of("supervisor"), 200),
            new Endpoint("POST", "/api/handoffs/999999/retry", null, null, Set.of("supervisor"), 404),
            new Endpoint("GET", "/api/routing", null, null, Set.of("designer", "supervisor"), 200),
            new Endpoint("GET", "/api/reports/queues", null, null, Set.of("supervisor"), 200),
            new Endpoint("GET", "/api/reports/agents?format=csv", null, null, Set.of("supervisor"), 200),
            new Endpoint("GET", "/actuator/prometheus", null, null, Set.of("supervisor"), 200),
            new Endpoint("GET", "/api/openapi.yaml", null, null, LOGGED_IN, 200),
            // the test server has no rules directory: a publication is refused (409) and nothing is written
            new Endpoint("PUT", "/api/routing/files/hotline.drl", "text/plain", "package routing;",
                    Set.of("designer"), 409),
            // the pages (issue 11): static files anyone may load, whose data comes from the endpoints below
            new Endpoint("GET", "/pages/login.html", null, null, ANYONE, 200),
            new Endpoint("GET", "/pages/wallboard.html", null, null, ANYONE, 200),
            new Endpoint("GET", "/pages/agent.html", null, null, ANYONE, 200),
            new Endpoint("GET", "/pages/flows.html", null, null, ANYONE, 200),
            new Endpoint("GET", "/pages/common.js", null, null, ANYONE, 200),
            // an empty login is refused before it counts as a failed login (which would slow the other rows)
            new Endpoint("POST", "/api/session", "application/json", "{}", ANYONE, 400),
            new Endpoint("GET", "/api/session", null, null, LOGGED_IN, 200),
            new Endpoint("DELETE", "/api/session", null, null, LOGGED_IN, 204),
            new Endpoint("GET", "/api/wallboard", null, null, Set.of("supervisor"), 200),
            new Endpoint("GET", "/api/calendars", null, null, Set.of("supervisor"), 200),
            new Endpoint("PUT", "/api/calendars/no-such-calendar", "application/json", "{\"state\": \"none\"}",
                    Set.of("supervisor"), 404),
            new Endpoint("GET", "/api/agents/matrix-agent/desk", null, null, Set.of("agent", "supervisor"), 404),
            new Endpoint("GET", "/api/agents/matrix-agent/desk/live", null, null, Set.of("agent", "supervisor"),
                    404),
            new Endpoint("GET", "/api/flows/hotline/diff?from=1&to=1", null, null, Set.of("designer", "supervisor"),
                    200),
            new Endpoint("GET", "/api/flows/hotline/graph", null, null, Set.of("designer", "supervisor"), 200),
            new Endpoint("GET", "/api/no-such-endpoint", null, null, LOGGED_IN, 404));

    /** Who calls: a role's user (Basic), a token with that role (Bearer), or nobody. */
    static final List<String> CALLERS = List.of("anonymous", "admin", "designer", "supervisor", "agent",
            "admin-token", "designer-token", "supervisor-token", "agent-token");

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (String caller : CALLERS) {
                cases.add(Arguments.of(endpoint, caller));
            }
        }
        return cases.stream();
    }

    private Login login(String caller) {
        return LOGINS.computeIfAbsent(caller, c -> switch (c) {
            case "anonymous" -> Login.ANONYMOUS;
            case "admin" -> Login.ADMIN;
            default -> c.endsWith("-token")
                    ? TestServer.createToken(port, "matrix " + c, c.substring(0, c.length() - "-token".length()))
                    : TestServer.createUser(port, "matrix-" + c, c);
        });
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void eachEndpointAnswersEachRoleAsItsRuleSays(Endpoint endpoint, String caller) {
        String role = caller.replace("-token", "");
        TestServer.Reply reply = TestServer.send(port, endpoint.method(), endpoint.path(), endpoint.contentType(),
                endpoint.body(), login(caller));

        boolean allowed = endpoint.roles().equals(ANYONE) || !role.equals("anonymous")
                && (role.equals("admin") || endpoint.roles().contains(role));
        if (allowed) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(endpoint.allowed());
        } else if (role.equals("anonymous")) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("title").stringValue()).isEqualTo("Login required");
            assertThat(reply.headerValues("WWW-Authenticate")).anyMatch(h -> h.startsWith("Basic "))
                    .anyMatch(h -> h.startsWith("Bearer "));
        } else {
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("title").stringValue()).isEqualTo("Role required");
            assertThat(reply.json().get("detail").stringValue()).contains(endpoint.method() + " ");
        }
    }
}
