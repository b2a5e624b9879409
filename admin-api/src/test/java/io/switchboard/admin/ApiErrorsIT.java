package io.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every way a request can go wrong is answered with an RFC 9457 problem that says what to send instead: never
 * Tomcat's HTML, never framework text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiErrorsIT {

    private static final TestDatabase DB = TestDatabase.create(ApiErrorsIT.class);
    private static final String ADMIN = "Authorization: " + TestServer.Login.ADMIN.authorization();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
        registry.add("switchboard.http.max-concurrent-bodies", () -> "1");
    }

    private RawHttp.Answer request(String requestLine, String... headers) {
        return RawHttp.exchange(port, requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + ADMIN
                + (headers.length == 0 ? "" : "\r\n" + String.join("\r\n", headers)), null);
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String title, String detailPart) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.isProblem()).as(answer.headers() + " " + answer.body()).isTrue();
        assertThat(answer.json().get("title").stringValue()).isEqualTo(title);
        assertThat(answer.json().get("detail").stringValue()).contains(detailPart);
    }

    @Test
    void anEmptyBodySaysWhatToPublish() {
        assertProblem(request("POST /api/flows/hotline/versions HTTP/1.1", "Content-Type: application/yaml",
                "Content-Length: 0"), 400, "Unreadable body", "Content-Type: application/yaml");
    }

    @Test
    void aNonNumericOrMissingVersionSaysWhatToSend() {
        assertProblem(request("PUT /api/flows/hotline/live?version=abc HTTP/1.1"), 400, "Invalid version",
                "'version' must be a whole number, e.g. ?version=2; got 'abc'");
        assertProblem(request("PUT /api/flows/hotline/live HTTP/1.1"), 400, "Missing version",
                "Query parameter 'version' is required");
    }

    @Test
    void encodedDotsSlashesAndNulsInAPathAreRefusedAsProblems() {
        for (String path : new String[] {"/api/flows/%2e%2e/versions", "/api/calls/%00", "/api/calls/a%2fb",
            "/api/calls/a%5cb", "/api/calls/a;b", "/api/calls/%2E%2E%2Fetc%2Fpasswd"}) {
            RawHttp.Answer answer = request("GET " + path + " HTTP/1.1");
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.isProblem()).as(path + ": " + answer.body()).isTrue();
            assertThat(answer.json().get("detail").stringValue()).as(path).contains("send a plain path");
        }
    }

    @Test
    void unknownPathsWrongMethodsContentTypesAndAcceptsAreProblems() {
        assertProblem(request("GET /api/nowhere HTTP/1.1"), 404, "Not Found", "This server has GET /api/calls");
        RawHttp.Answer errorPage = request("GET /error HTTP/1.1");
        assertThat(errorPage.status()).as("the error page asked for directly is no endpoint").isEqualTo(404);
        assertThat(errorPage.isProblem()).isTrue();
        RawHttp.Answer method = request("DELETE /api/flows HTTP/1.1");
        assertProblem(method, 405, "Method not allowed", "this path takes GET");
        assertThat(method.header("Allow")).contains("GET");
        assertProblem(request("POST /api/flows/hotline/versions HTTP/1.1", "Content-Type: application/json",
                "Content-Length: 2", "", "{}"), 415, "Unsupported content type", "send Content-Type application/yaml");
        assertProblem(request("GET /api/calls HTTP/1.1", "Accept: image/png"), 406, "Not acceptable",
                "send Accept: application/json");
    }

    @Test
    void noLoginIs401WithChallengesAndTheWrongRoleIs403() {
        RawHttp.Answer anonymous = RawHttp.exchange(port, "GET /api/calls HTTP/1.1\r\nHost: x\r\nConnection: close",
                null);
        assertProblem(anonymous, 401, "Login required", "curl -u name:password");
        assertThat(anonymous.headers()).contains("WWW-Authenticate: Basic realm=\"Switchboard\", charset=\"UTF-8\"",
                "WWW-Authenticate: Bearer realm=\"Switchboard\"");

        TestServer.Login agent = TestServer.createUser(port, "errors-agent", "agent");
        RawHttp.Answer forbidden = RawHttp.exchange(port, "GET /api/calls HTTP/1.1\r\nHost: x\r\nConnection: close"
                + "\r\nAuthorization: " + agent.authorization(), null);
        assertProblem(forbidden, 403, "Role required", "GET /api/calls needs the role supervisor");
        assertThat(forbidden.json().get("requiredRoles").get(0).stringValue()).isEqualTo("supervisor");
    }

    @Test
    void aBodyOverTheLimitIs413WhetherDeclaredOrStreamed() throws IOException {
        assertProblem(request("POST /api/flows/hotline/versions HTTP/1.1", "Content-Type: application/yaml",
                "Content-Length: " + (2 << 20)), 413, "Request body too large", "limited to 1048576 bytes");

        try (Socket socket = RawHttp.open(port, "127.0.0.1")) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/flows/hotline/versions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + ADMIN
                    + "\r\nContent-Type: application/yaml\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) '#');
            try {
                for (int i = 0; i < 40; i++) { // 2.5 MiB, more than the limit
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException closedEarly) {
                // the server answered and closed before the rest was sent: what we want
            }
            assertProblem(RawHttp.read(socket.getInputStream()), 413, "Request body too large",
                    "limited to 1048576 bytes");
        }
    }

    @Test
    void moreUploadsAtOnceThanAllowedGet503WithRetryAfter() throws Exception {
        RawHttp.Answer busy = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // An upload that sends 10 of its 1000 bytes and waits holds the only permit, once the server has admitted
        // it. The probe can race it there (both pass the login first) and take the permit itself; then the slow
        // upload is the one refused, so start over with a new one.
        while (System.nanoTime() < deadline && (busy == null || busy.status() != 503)) {
            try (Socket slow = RawHttp.open(port, "127.0.0.1")) {
                slow.getOutputStream().write(("POST /api/flows/hotline/versions HTTP/1.1\r\nHost: x\r\n" + ADMIN
                        + "\r\nContent-Type: application/yaml\r\nContent-Length: 1000\r\n\r\nflow: slow")
                        .getBytes(StandardCharsets.ISO_8859_1));
                slow.getOutputStream().flush();
                Thread.sleep(300); // let the server admit the slow upload; the race above is handled either way
                busy = request("POST /api/flows/hotline/versions HTTP/1.1", "Content-Type: application/yaml",
                        "Content-Length: 5", "", "a: b\n");
            }
        }
        assertProblem(busy, 503, "Too many uploads at once", "send this one again after 1 s");
        assertThat(busy.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void repeatedFailedLoginsAre429WithRetryAfter() {
        String wrong = "Authorization: Basic " + Base64.getEncoder().encodeToString("admin:not-the-password"
                .getBytes(StandardCharsets.UTF_8));
        RawHttp.Answer answer = null;
        for (int i = 0; i < 6; i++) {
            answer = RawHttp.exchange(port, "127.0.0.2", "GET /api/calls HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + wrong, null);
        }
        assertProblem(answer, 429, "Too many failed logins", "failed too often");
        assertThat(Integer.parseInt(answer.header("Retry-After"))).isPositive();
        assertThat(request("GET /api/calls HTTP/1.1").status()).as("127.0.0.1 is not held up").isEqualTo(200);
    }

    @Test
    void whatTomcatDoesNotImplementIsA400ProblemNotA5xx() {
        assertProblem(request("POST /api/flows/hotline/versions HTTP/1.1", "Content-Type: application/yaml",
                "Transfer-Encoding: bogus"), 400, "Bad request", "Transfer-Encoding: chunked");
        assertProblem(RawHttp.exchange(port, "GET /api/calls HTTP/7.0\r\nHost: x\r\nConnection: close", null), 400,
                "Bad request", "send HTTP/1.1");
    }

    @Test
    void nothingAnswersWithHtml() {
        RawHttp.Answer answer = RawHttp.exchange(port, "GET /api/calls/%00 HTTP/1.1\r\nHost: x\r\nConnection: close"
                + "\r\nAccept: text/html", null);
        assertThat(answer.body()).doesNotContain("<html").doesNotContain("<!doctype");
        assertThat(answer.isProblem()).isTrue();
    }
}
