package io.switchboard.admin;

import io.switchboard.admin.security.SecuritySettings;
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
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the server in a test: its own database, a free SIP port and a known first admin, and a plain HTTP client to
 * call it as that admin ({@link #get(int, String)}), as another user or token, or anonymously.
 */
public final class TestServer {

    /** The first admin's name and the password the tests give it through the environment variable's property. */
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password-2026";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestServer() {}

    /** How a test request logs in. */
    public sealed interface Login {
        /** The first admin, as {@link #get(int, String)} logs in. */
        Login ADMIN = new Basic(ADMIN_USER, ADMIN_PASSWORD);
        /** No credentials at all. */
        Login ANONYMOUS = new Anonymous();

        /** The {@code Authorization} header value, or null for none. */
        String authorization();

        /** HTTP Basic as {@code user}. */
        record Basic(String user, String password) implements Login {
            @Override
            public String authorization() {
                return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        /** An API token. */
        record Bearer(String token) implements Login {
            @Override
            public String authorization() {
                return "Bearer " + token;
            }
        }

        /** Nobody. */
        record Anonymous() implements Login {
            @Override
            public String authorization() {
                return null;
            }
        }
    }

    /**
     * Points the server at {@code database} (a real PostgreSQL) and a free loopback SIP port; the first admin gets
     * {@link #ADMIN_PASSWORD}.
     */
    public static void configure(DynamicPropertyRegistry registry, TestDatabase database) {
        configure(registry, database, ADMIN_PASSWORD);
    }

    /** As {@link #configure(DynamicPropertyRegistry, TestDatabase)}; a null {@code adminPassword} sets none. */
    public static void configure(DynamicPropertyRegistry registry, TestDatabase database, String adminPassword) {
        registry.add("switchboard.db.url", database::jdbcUrl);
        registry.add("switchboard.db.user", database::user);
        if (database.password() != null) {
            registry.add(SwitchboardProperties.DB_PASSWORD_VARIABLE, database::password);
        }
        if (adminPassword != null) {
            registry.add(SecuritySettings.ADMIN_PASSWORD_VARIABLE, () -> adminPassword);
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

    /** A TCP port on 127.0.0.1 that was free a moment ago. */
    public static int freeTcpPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points the test server at a simulated Asterisk: FastAGI on a free port, the AMI link to {@code ami} (user
     * {@code switchboard}, secret {@code secret}) retrying fast.
     */
    public static void asterisk(DynamicPropertyRegistry registry, io.switchboard.ivr.testing.SimulatedAmi ami,
            String secret) {
        registry.add("switchboard.asterisk.enabled", () -> "true");
        registry.add("switchboard.asterisk.agi.port", TestServer::freeTcpPort);
        registry.add("switchboard.asterisk.ami.host", () -> "127.0.0.1");
        registry.add("switchboard.asterisk.ami.port", ami::port);
        registry.add("switchboard.asterisk.ami.first-backoff", () -> "50ms");
        registry.add("SWITCHBOARD_ASTERISK_AMI_SECRET", () -> secret);
    }

    /** GETs {@code path} from the server on {@code port}, logged in as the first admin. */
    public static Reply get(int port, String path) {
        return get(port, path, Login.ADMIN);
    }

    /** GETs {@code path} from the server on {@code port}, logged in as {@code login}. */
    public static Reply get(int port, String path, Login login) {
        return send(port, "GET", path, null, null, login);
    }

    /**
     * Sends {@code method path} with {@code body} (none when null) of {@code contentType}, logged in as
     * {@code login}.
     */
    public static Reply send(int port, String method, String path, String contentType, String body, Login login) {
        return send(port, method, path, contentType, body, login, null);
    }

    /** As {@link #send(int, String, String, String, String, Login)}, asking for {@code accept} (null: any). */
    public static Reply send(int port, String method, String path, String contentType, String body, Login login,
            String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (login.authorization() != null) {
            request.header("Authorization", login.authorization());
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
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

    /** Creates user {@code name} with {@code roles} (as the first admin) and returns how to log in as it. */
    public static Login createUser(int port, String name, String... roles) {
        String password = name + "-password-0123";
        Reply reply = send(port, "POST", "/api/users", "application/json", JSON.writeValueAsString(
                java.util.Map.of("name", name, "password", password, "roles", java.util.List.of(roles))),
                Login.ADMIN);
        if (reply.status() != 201) {
            throw new AssertionError("creating user " + name + ": " + reply);
        }
        return new Login.Basic(name, password);
    }

    /** Issues an API token with {@code roles} (as the first admin) and returns how to log in with it. */
    public static Login.Bearer createToken(int port, String label, String... roles) {
        Reply reply = send(port, "POST", "/api/tokens", "application/json", JSON.writeValueAsString(
                java.util.Map.of("label", label, "roles", java.util.List.of(roles))), Login.ADMIN);
        if (reply.status() != 201) {
            throw new AssertionError("creating token " + label + ": " + reply);
        }
        return new Login.Bearer(reply.json().get("token").stringValue());
    }

    /** An HTTP reply. */
    public record Reply(int status, String contentType, String body, Map<String, List<String>> headers) {

        public Reply(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The first value of header {@code name} (any case), or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        /** Every value of header {@code name} (any case). */
        public List<String> headerValues(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }
    }

    /** Waits until {@code done} holds, polling every 100 ms; fails the test after {@code timeout}. */
    public static void await(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            org.assertj.core.api.Assertions.assertThat(System.nanoTime()).as("waited %s", timeout)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The queue log's {@code event} rows from {@code from} on ({@code GET /api/queue-log}, as {@code login}). */
    public static List<JsonNode> queueEvents(int port, Login login, java.time.Instant from, String event) {
        Reply reply = get(port, "/api/queue-log?limit=10000&from=" + from + "&to="
                + java.time.Instant.now().plusSeconds(5), login);
        org.assertj.core.api.Assertions.assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return java.util.stream.Stream.of(reply.json()).flatMap(JsonNode::valueStream)
                .filter(e -> e.get("event").stringValue().equals(event)).toList();
    }

    /** Sets agent {@code id}'s state through the API ({@code {"state": "available"}} …) and expects 200. */
    public static void setAgentState(int port, Login login, String id, String json) {
        Reply reply = send(port, "PUT", "/api/agents/" + id + "/state", "application/json", json, login);
        org.assertj.core.api.Assertions.assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
}
