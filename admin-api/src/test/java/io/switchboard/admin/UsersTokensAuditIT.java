package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.TestServer.Login;
import io.switchboard.ivr.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Users and API tokens over the API, and the audit log of who changed what, when and from where. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UsersTokensAuditIT {

    private static final TestDatabase DB = TestDatabase.create(UsersTokensAuditIT.class);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
    }

    /** The one text value {@code sql} selects, read straight from the database. */
    private static String stored(String sql) throws java.sql.SQLException {
        try (io.switchboard.ivr.store.Database database = DB.open();
                java.sql.Connection c = database.dataSource().getConnection();
                java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private TestServer.Reply send(String method, String path, String json, Login login) {
        return TestServer.send(port, method, path, json == null ? null : "application/json", json, login);
    }

    @Test
    void aTokenIsShownOnceWorksUntilRevokedAndIsStoredOnlyAsAHash() throws Exception {
        TestServer.Reply issued = send("POST", "/api/tokens", "{\"label\": \"ci publisher\", \"roles\": [\"designer\"]}",
                Login.ADMIN);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String secret = issued.json().get("token").stringValue();
        String id = issued.json().get("id").stringValue();
        assertThat(secret).startsWith("sbt_").hasSize(47);
        assertThat(issued.json().get("createdBy").stringValue()).isEqualTo("admin");
        Login token = new Login.Bearer(secret);

        assertThat(TestServer.get(port, "/api/flows", token).status()).isEqualTo(200);
        assertThat(TestServer.get(port, "/api/calls", token).status()).as("designer cannot read calls").isEqualTo(403);

        TestServer.Reply list = TestServer.get(port, "/api/tokens");
        assertThat(list.body()).doesNotContain(secret).contains(id).contains("ci publisher");
        String stored = stored("select token_hash from api_tokens where id = '" + id + "'");
        assertThat(stored).hasSize(64).doesNotContain(secret.substring(4));

        assertThat(send("DELETE", "/api/tokens/" + id, null, Login.ADMIN).status()).isEqualTo(204);
        TestServer.Reply revoked = TestServer.get(port, "/api/flows", token);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().get("title").stringValue()).isEqualTo("Login failed");
        assertThat(revoked.headerValues("WWW-Authenticate")).contains(
                "Bearer realm=\"Switchboard\", error=\"invalid_token\"");
        assertThat(TestServer.get(port, "/api/tokens").json().findValues("revokedAt").get(0).isNull()).isFalse();
    }

    @Test
    void usersAreCreatedChangedAndDeletedAndTheLastAdminStays() throws Exception {
        Login designer = TestServer.createUser(port, "dana", "designer");
        assertThat(TestServer.get(port, "/api/flows", designer).status()).isEqualTo(200);
        assertThat(TestServer.get(port, "/api/users", designer).status()).isEqualTo(403);
        String hash = stored("select password_hash from api_users where name = 'dana'");
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("dana-password");

        TestServer.Reply taken = send("POST", "/api/users",
                "{\"name\": \"dana\", \"password\": \"another-password-1\", \"roles\": [\"agent\"]}", Login.ADMIN);
        assertThat(taken.status()).isEqualTo(409);
        TestServer.Reply weak = send("POST", "/api/users",
                "{\"name\": \"eve\", \"password\": \"short\", \"roles\": [\"agent\"]}", Login.ADMIN);
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("detail").stringValue()).contains("at least 12 characters");
        TestServer.Reply badRole = send("POST", "/api/users",
                "{\"name\": \"eve\", \"password\": \"long-enough-pass\", \"roles\": [\"root\"]}", Login.ADMIN);
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().get("detail").stringValue()).contains("unknown role 'root'")
                .contains("admin, designer, supervisor, agent");

        TestServer.Reply changed = send("PUT", "/api/users/dana",
                "{\"roles\": [\"supervisor\"], \"password\": \"dana-new-password\"}", Login.ADMIN);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("roles").get(0).stringValue()).isEqualTo("supervisor");
        Login renewed = new Login.Basic("dana", "dana-new-password");
        assertThat(TestServer.get(port, "/api/calls", renewed).status()).isEqualTo(200);
        assertThat(TestServer.get(port, "/api/flows", designer).status()).as("old password").isEqualTo(401);

        TestServer.Reply lastAdmin = send("DELETE", "/api/users/admin", null, Login.ADMIN);
        assertThat(lastAdmin.status()).isEqualTo(409);
        assertThat(lastAdmin.json().get("title").stringValue()).isEqualTo("Last admin");
        assertThat(send("PUT", "/api/users/admin", "{\"roles\": [\"agent\"]}", Login.ADMIN).status())
                .isEqualTo(409);

        assertThat(send("DELETE", "/api/users/dana", null, Login.ADMIN).status()).isEqualTo(204);
        assertThat(TestServer.get(port, "/api/calls", renewed).status()).isEqualTo(401);
        assertThat(send("DELETE", "/api/users/dana", null, Login.ADMIN).status()).isEqualTo(404);
    }

    @Test
    void theAuditLogSaysWhoPublishedRolledBackAndChangedUsersAndTokensWhenAndFromWhere() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        Login designer = TestServer.createUser(port, "audit-designer", "designer");
        String hotline = Files.readString(Path.of("src/test/resources/flows/hotline.yaml"));
        TestServer.Reply published = TestServer.send(port, "POST", "/api/flows/hotline/versions?note=louder",
                "application/yaml", hotline.replace("timeout: 5s", "timeout: 6s"), designer);
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        int version = published.json().get("version").intValue();
        assertThat(TestServer.send(port, "PUT", "/api/flows/hotline/live?version=1", null, null, designer).status())
                .isEqualTo(200);
        Login.Bearer token = TestServer.createToken(port, "audit token", "supervisor");
        String tokenId = TestServer.get(port, "/api/tokens").json().findValues("id").stream()
                .map(JsonNode::stringValue).filter(id -> !id.isEmpty()).reduce((a, b) -> b).orElseThrow();
        assertThat(send("DELETE", "/api/tokens/" + tokenId, null, Login.ADMIN).status()).isEqualTo(204);
        assertThat(token.token()).isNotEmpty();

        TestServer.Reply audit = TestServer.get(port, "/api/audit?from=" + before + "&limit=50");
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        for (JsonNode e : audit.json()) {
            assertThat(Instant.parse(e.get("at").stringValue())).isAfter(before);
            lines.add(e.get("actor").stringValue() + " " + e.get("action").stringValue() + " "
                    + e.get("target").stringValue() + " " + e.get("sourceAddress").stringValue());
        }
        assertThat(lines).containsSubsequence(
                "admin token.revoke " + tokenId + " 127.0.0.1",
                "admin token.create " + tokenId + " 127.0.0.1",
                "audit-designer flow.live hotline v1 127.0.0.1",
                "audit-designer flow.publish hotline v" + version + " 127.0.0.1",
                "admin user.create audit-designer 127.0.0.1");

        assertThat(TestServer.get(port, "/api/audit?from=" + before + "&limit=1").json()).hasSize(1);
        assertThat(TestServer.get(port, "/api/audit?to=" + before).body()).doesNotContain("audit-designer");
        TestServer.Reply badTime = TestServer.get(port, "/api/audit?from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("detail").stringValue()).contains("ISO-8601").contains("2026-11-30T09:00:00Z");
        assertThat(TestServer.get(port, "/api/audit?limit=0").status()).isEqualTo(400);
    }

    @Test
    void theFirstAdminsCreationIsAudited() {
        JsonNode first = TestServer.get(port, "/api/audit?limit=1000").json();
        List<String> creations = new ArrayList<>();
        first.forEach(e -> creations.add(e.get("actor").stringValue() + " " + e.get("action").stringValue() + " "
                + e.get("target").stringValue() + " " + e.get("detail").stringValue()));
        assertThat(creations).contains("system user.create admin first admin, password from"
                + " SWITCHBOARD_ADMIN_PASSWORD");
    }
}
