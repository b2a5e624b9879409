package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.telephony.SipListener;
import io.switchboard.ivr.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Health follows the SIP listener: up while it listens, down once it stops. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class HealthIT {

    private static final TestDatabase DB = TestDatabase.create(HealthIT.class);

    @LocalServerPort
    int port;

    @Autowired
    SipListener sipListener;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
    }

    @Test
    void upWhileTheDatabaseAnswersAndSipListensThenDownWhenSipStops() {
        TestServer.Reply up = TestServer.get(port, "/actuator/health");

        assertThat(up.status()).isEqualTo(200);
        JsonNode health = up.json();
        assertThat(health.get("status").stringValue()).isEqualTo("UP");
        assertThat(health.get("components").get("db").get("status").stringValue()).isEqualTo("UP");
        assertThat(health.get("components").get("sip").get("status").stringValue()).isEqualTo("UP");
        assertThat(health.get("components").get("sip").get("details").get("listener").stringValue())
                .isEqualTo(sipListener.address()).startsWith("udp 127.0.0.1:");

        sipListener.close();
        TestServer.Reply down = TestServer.get(port, "/actuator/health");

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("status").stringValue()).isEqualTo("DOWN");
        assertThat(down.json().get("components").get("sip").get("status").stringValue()).isEqualTo("DOWN");
        assertThat(down.json().get("components").get("db").get("status").stringValue()).isEqualTo("UP");
    }
}
