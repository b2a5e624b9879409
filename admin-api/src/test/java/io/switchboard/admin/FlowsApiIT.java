package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Publishing, listing and rolling back flow versions over HTTP; errors as RFC 9457 problems. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FlowsApiIT {

    private static final TestDatabase DB = TestDatabase.create(FlowsApiIT.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    /** A copy of the test flows, so a test may delete a sub-flow file. */
    private static final Path flowsDir = copyOfTestFlows();

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
        registry.add("switchboard.flows.dir", flowsDir::toString);
    }

    private static Path copyOfTestFlows() {
        try {
            Path dir = Files.createTempDirectory("flows-api-it");
            Files.createDirectories(dir.resolve("lib"));
            Path from = Path.of("src/test/resources/flows");
            for (String f : List.of("hotline.yaml", "lib/confirm-or-back.yaml")) {
                Files.copy(from.resolve(f), dir.resolve(f));
            }
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String yaml) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        b = yaml == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/yaml").method(method, HttpRequest.BodyPublishers.ofString(yaml));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void publishListAndRollBack() throws Exception {
        String hotline = Files.readString(Path.of("src/test/resources/flows/hotline.yaml"));
        JsonNode live = JSON.readTree(send("GET", "/api/flows", null).body());
        assertThat(live.get(0).get("id").stringValue()).isEqualTo("hotline");
        assertThat(live.get(0).get("liveVersion").intValue()).isEqualTo(1);

        HttpResponse<String> same = send("POST", "/api/flows/hotline/versions", hotline);
        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
        assertThat(JSON.readTree(same.body()).get("created").booleanValue()).isFalse();

        String changed = hotline.replace("timeout: 5s", "timeout: 7s");
        HttpResponse<String> created = send("POST", "/api/flows/hotline/versions?note=longer%20timeout", changed);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("version").intValue()).isEqualTo(2);

        JsonNode versions = JSON.readTree(send("GET", "/api/flows/hotline/versions", null).body());
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).get("note").stringValue()).isEqualTo("longer timeout");
        assertThat(versions.get(1).get("live").booleanValue()).isTrue();

        HttpResponse<String> back = send("PUT", "/api/flows/hotline/live?version=1", null);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(JSON.readTree(send("GET", "/api/flows", null).body()).get(0).get("liveVersion").intValue())
                .isEqualTo(1);
    }

    @Test
    void aBrokenFlowIsAProblemWithItsDiagnostics() throws Exception {
        HttpResponse<String> r = send("POST", "/api/flows/hotline/versions",
                "flow: hotline\nstart: a\nsteps:\n  a: {play: [x], next: nowhere}\n");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode d = JSON.readTree(r.body()).get("diagnostics").get(0);
        assertThat(d.get("line").intValue()).isEqualTo(4);
        assertThat(d.get("column").intValue()).isEqualTo(24);
        assertThat(d.get("message").stringValue()).isEqualTo("unknown step 'nowhere'");

        HttpResponse<String> wrongId = send("POST", "/api/flows/other/versions",
                "flow: hotline\nstart: a\nsteps:\n  a: {hangup: {}}\n");
        assertThat(wrongId.statusCode()).isEqualTo(422);
        assertThat(wrongId.body()).contains("is published as 'other'");
    }

    @Test
    void aPublishedTextImportsSubflowsFromTheFlowsDirectory() throws Exception {
        String flow = """
                flow: sales-line
                imports: [lib/confirm-or-back.yaml]
                start: sales
                steps:
                  sales: {play: [sales], next: after}
                  after: {call: confirm-or-back, with: {topic: sales}, on: {back: sales}, next: bye}
                  bye: {hangup: {}}
                """;
        HttpResponse<String> created = send("POST", "/api/flows/sales-line/versions", flow);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(send("GET", "/api/flows", null).body()).contains("\"id\":\"sales-line\"");

        HttpResponse<String> missing = send("POST", "/api/flows/sales-line/versions",
                flow.replace("lib/confirm-or-back.yaml", "lib/nope.yaml"));
        assertThat(missing.statusCode()).isEqualTo(422);
        JsonNode d = JSON.readTree(missing.body()).get("diagnostics").get(0);
        assertThat(d.get("line").intValue()).isEqualTo(2);
        assertThat(d.get("message").stringValue()).isEqualTo("import 'lib/nope.yaml': no such file");
    }

    @Test
    void anImportOutsideTheFlowsDirectoryIsRefusedWithoutQuotingTheFile() throws Exception {
        for (String target : List.of("/etc/passwd", "../../../../../../../../etc/passwd", "../pom.xml")) {
            String flow = "flow: thief\nimports: ['" + target + "']\nstart: a\nsteps:\n  a: {hangup: {}}\n";
            HttpResponse<String> r = send("POST", "/api/flows/thief/versions", flow);
            assertThat(r.statusCode()).as(target).isEqualTo(422);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.body()).as(target).contains("import '" + target + "'").doesNotContain("root:x:0")
                    .doesNotContain("<project").doesNotContain("/bin/");
            assertThat(JSON.readTree(r.body()).get("diagnostics")).allSatisfy(diag ->
                    assertThat(diag.get("file").stringValue()).isEqualTo("thief.yaml"));
        }
    }

    @Test
    void rollingBackToAVersionWhoseSubflowIsGoneIsA422ProblemAndTheLiveVersionStays() throws Exception {
        Path lib = flowsDir.resolve("lib/temporary.yaml");
        Files.writeString(lib, "subflow: temporary\nstart: a\nsteps:\n  a: {return: done}\n");
        String v1 = "flow: fragile\nimports: [lib/temporary.yaml]\nstart: a\nsteps:\n  a: {call: temporary,"
                + " next: b}\n  b: {hangup: {}}\n";
        assertThat(send("POST", "/api/flows/fragile/versions", v1).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/flows/fragile/versions",
                "flow: fragile\nstart: a\nsteps:\n  a: {hangup: {}}\n").statusCode()).isEqualTo(201);
        Files.delete(lib);

        HttpResponse<String> r = send("PUT", "/api/flows/fragile/live?version=1", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(r.body()).get("diagnostics").get(0).get("message").stringValue())
                .isEqualTo("import 'lib/temporary.yaml': no such file");
        assertThat(send("GET", "/api/flows", null).body()).contains("{\"id\":\"fragile\",\"liveVersion\":2");
    }

    @Test
    void unknownFlowsAndVersionsAre404Problems() throws Exception {
        assertThat(send("GET", "/api/flows/nope/versions", null).statusCode()).isEqualTo(404);
        HttpResponse<String> r = send("PUT", "/api/flows/hotline/live?version=99", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("Flow not found");
    }
}
