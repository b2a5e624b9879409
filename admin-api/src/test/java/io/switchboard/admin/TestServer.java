package io.switchboard.admin;

import io.switchboard.ivr.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the server in a test: its own database and a free SIP port, and a plain HTTP client to call it. */
public final class TestServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestServer() {}

    /** Points the server at {@code database} (a real PostgreSQL) and a free loopback SIP port. */
    public static void configure(DynamicPropertyRegistry registry, TestDatabase database) {
        registry.add("switchboard.db.url", database::jdbcUrl);
        registry.add("switchboard.db.user", database::user);
        if (database.password() != null) {
            registry.add(SwitchboardProperties.DB_PASSWORD_VARIABLE, database::password);
        }
        registry.add("switchboard.sip.bind", () -> "127.0.0.1");
        registry.add("switchboard.sip.port", TestServer::freeUdpPort);
        registry.add("switchboard.node", () -> "test-node");
        registry.add("switchboard.db.spool-dir", () -> Path.of(System.getProperty("java.io.tmpdir"),
                "switchboard-test-spool", database.name()).toString()); // one spool per server
        registry.add("switchboard.recordings.dir", () -> Path.of(System.getProperty("java.io.tmpdir"),
                "switchboard-test-recordings").toString());
    }

    /** A UDP port on 127.0.0.1 that was free a moment ago. */
    public static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GETs {@code path} from the server on {@code port}. */
    public static Reply get(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits (up to 10 s) for the latest call to be {@code callerNumber}'s, ended and with its flow end written. */
    public static io.switchboard.ivr.store.CallRecord awaitEnded(io.switchboard.ivr.store.CallStore store,
            String callerNumber) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var latest = store.latest(1);
            if (!latest.isEmpty() && latest.get(0).caller().equals(callerNumber) && latest.get(0).endedAt() != null
                    && latest.get(0).path().stream()
                            .anyMatch(p -> p.kind() == io.switchboard.ivr.store.PathEntry.Kind.FLOW_END)) {
                return latest.get(0);
            }
            Thread.sleep(50); // polling the store with a deadline
        }
        throw new AssertionError("no ended call from " + callerNumber + ": " + store.latest(1));
    }

    /** An HTTP reply. */
    public record Reply(int status, String contentType, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
