package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Health follows the database: once it stops accepting the server's connections, health is down. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseHealthIT {

    private static final TestDatabase DB = TestDatabase.create(DatabaseHealthIT.class);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
    }

    @AfterAll
    static void letConnectionsBackIn() {
        DB.allowConnections();
    }

    @Test
    void downWhenTheDatabaseStopsAnsweringAndTheApiSaysSo() {
        assertThat(TestServer.get(port, "/actuator/health").status()).isEqualTo(200);
        // a user who logged in lately still can while the database is down (RecentLogins)
        assertThat(TestServer.get(port, "/api/calls").status()).isEqualTo(200);

        DB.refuseConnections();

        TestServer.Reply health = TestServer.get(port, "/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        JsonNode components = health.json().get("components");
        assertThat(components.get("db").get("status").stringValue()).isEqualTo("DOWN");
        assertThat(components.get("sip").get("status").stringValue()).isEqualTo("UP");

        TestServer.Reply calls = TestServer.get(port, "/api/calls");
        assertThat(calls.status()).isEqualTo(503);
        assertThat(calls.contentType()).startsWith("application/problem+json");
        assertThat(calls.json().get("title").stringValue()).isEqualTo("Call store unavailable");
    }
}
