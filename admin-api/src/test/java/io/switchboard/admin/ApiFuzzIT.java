package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.testing.TestDatabase;
import io.switchboard.speech.testing.Fuzz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Random and damaged requests to every endpoint of the running server, logged in as an admin token: damaged bodies
 * (flow YAML, user and token JSON), odd methods, paths, query values and headers. Every answer is a 2xx or an RFC
 * 9457 problem with a 4xx status, never a 5xx and never HTML, and the server is healthy afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiFuzzIT {

    private static final TestDatabase DB = TestDatabase.create(ApiFuzzIT.class);
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final List<String> PATHS = List.of("/api/calls", "/api/calls/{}", "/api/flows",
            "/api/flows/{}/versions", "/api/flows/{}/live", "/api/users", "/api/users/{}", "/api/tokens",
            "/api/tokens/{}", "/api/audit", "/api/reports/queues", "/api/reports/agents", "/api/openapi.yaml",
            "/actuator/prometheus", "/actuator/health", "/{}", "/api/{}/{}");
    private static final List<String> PARAMETERS = List.of("limit", "version", "note", "from", "to", "interval",
            "format", "x");
    private static final List<String> VALUES = List.of("", "0", "1", "-1", "2147483648", "abc", "1e3", "%00",
            "%2e%2e", "%ff%fe", "..", "2026-11-30T09:00:00Z", "%F0%9F%98%80", "null", "[]", "%25", "+", "hotline",
            "lib%2Fconfirm-or-back.yaml", "2026-11-30", "2026-11-30T10:00:00%2B01:00", "15m", "day", "csv");
    private static final List<String> CONTENT_TYPES = List.of("application/yaml", "application/json", "text/plain",
            "text/yaml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
            "", "garbage/", "application/json; charset=ebcdic", "*/*");
    private static final List<String> ACCEPTS = List.of("*/*", "application/json", "text/html", "image/png",
            "application/problem+json", "garbage", "application/yaml", "text/html;q=0.9, */*;q=0.1", "text/csv");

    private static byte[][] bodies;
    private static String authorization;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
        // this test's wrong requests are not login attempts to slow down
        registry.add("switchboard.security.login-failures-allowed", () -> "1000000");
    }

    @Test
    void everyAnswerIsA2xxOrA4xxProblemAndTheServerStaysUp() throws Exception {
        authorization = TestServer.createToken(port, "fuzz", "admin").authorization();
        bodies = new byte[][] {
            Files.readAllBytes(Path.of("src/test/resources/flows/hotline.yaml")),
            "{\"name\": \"fuzz-user\", \"password\": \"fuzz-password-123\", \"roles\": [\"agent\"]}"
                    .getBytes(StandardCharsets.UTF_8),
            "{\"roles\": [\"agent\"], \"password\": \"fuzz-password-456\"}".getBytes(StandardCharsets.UTF_8),
            "{\"label\": \"fuzz\", \"roles\": [\"supervisor\"]}".getBytes(StandardCharsets.UTF_8)};

        int cases = Fuzz.check("api-requests", ApiFuzzIT::request, Fuzz::describe, this::answeredWell);

        assertThat(cases).isEqualTo(Fuzz.cases());
        TestServer.Reply health = TestServer.get(port, "/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
    }

    private void answeredWell(byte[] request) throws IOException {
        RawHttp.Answer answer;
        try (Socket socket = RawHttp.open(port, "127.0.0.1")) {
            socket.getOutputStream().write(request);
            socket.shutdownOutput(); // the request ends here, however much of it there is
            try {
                answer = RawHttp.read(socket.getInputStream());
            } catch (IOException closedWithoutAnswer) {
                // only a request cut off before the end of its headers may go unanswered: there is nothing to answer
                // (blank lines before the request line do not count: the server skips them)
                assertThat(new String(request, StandardCharsets.ISO_8859_1).replaceFirst("^[\r\n]+", ""))
                        .as(closedWithoutAnswer.toString()).doesNotContain("\r\n\r\n");
                return;
            }
        }
        if (answer.status() == RawHttp.HTTP_09) {
            // a request line without a version gets an HTTP/0.9 answer, the body alone: JSON, and a refusal is a 4xx
            // problem (health's own status is a word)
            JsonNode status = answer.json().get("status");
            if (status != null && status.isNumber()) {
                assertThat(status.intValue() / 100).as(answer.body()).isEqualTo(4);
            }
            return;
        }
        assertThat(answer.status() / 100).as(answer.status() + " " + answer.body()).isIn(2, 4);
        assertThat(answer.body().toLowerCase(Locale.ROOT)).doesNotContain("<html").doesNotContain("<!doctype");
        if (answer.status() >= 400) {
            assertThat(answer.isProblem()).as(answer.headers() + "\n" + answer.body()).isTrue();
        }
    }

    /** A request: mostly well-formed around a damaged part, sometimes damaged throughout. */
    private static byte[] request(Random random) {
        String method = pick(random, METHODS);
        String path = pick(random, PATHS);
        while (path.contains("{}")) {
            int at = path.indexOf("{}");
            path = path.substring(0, at) + segment(random) + path.substring(at + 2);
        }
        StringBuilder query = new StringBuilder();
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            query.append(i == 0 ? '?' : '&').append(pick(random, PARAMETERS)).append('=').append(value(random));
        }
        byte[] body = random.nextInt(4) == 0 ? new byte[0] : body(random);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(query).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        if (random.nextInt(10) != 0) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (random.nextInt(5) != 0) {
            head.append("Content-Type: ").append(pick(random, CONTENT_TYPES)).append("\r\n");
        }
        if (random.nextBoolean()) {
            head.append("Accept: ").append(pick(random, ACCEPTS)).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean chunked = random.nextInt(6) == 0;
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body.length > 0) {
                out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(body);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(body);
        }
        byte[] whole = out.toByteArray();
        if (random.nextInt(20) == 0) {
            // damage the request line and headers too: the connector's own refusals must be problems as well
            int headLength = head.length();
            return Fuzz.mutate(random, java.util.Arrays.copyOf(whole, Math.min(headLength, whole.length)));
        }
        return whole;
    }

    private static byte[] body(Random random) {
        byte[] seed = bodies[random.nextInt(bodies.length)];
        return random.nextInt(5) == 0 ? seed : Fuzz.mutate(random, seed);
    }

    private static String segment(Random random) {
        return random.nextInt(3) == 0 ? pick(random, List.of("hotline", "nope", "admin", "tok_000000000000", "..",
                "%2e%2e", "a%2fb", "%00", "x;y", "%5c", "~", "%20", "lib")) : value(random);
    }

    private static String value(Random random) {
        if (random.nextBoolean()) {
            return pick(random, VALUES);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = random.nextInt(12); i < n; i++) {
            int c = random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + random.nextInt(26);
            b.append(c > 0x20 && c < 0x7f && "%?#&= /\\\"<>`{}|^".indexOf(c) < 0 ? String.valueOf((char) c)
                    : String.format("%%%02X", c));
        }
        return b.toString();
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
