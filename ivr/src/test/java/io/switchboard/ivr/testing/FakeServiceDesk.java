package io.switchboard.ivr.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server on loopback standing in for the ticket and chat services, shaped on their APIs: Zendesk
 * ({@code /api/v2/tickets.json}, lookup by {@code external_id}), Zammad ({@code /api/v1/tickets}, search), Chatwoot
 * (contacts, a contact's conversations, conversations in account 1), a webhook ({@code /hook}) and an SMS gateway's
 * webhook ({@code /sms}), both deduplicated by {@code Idempotency-Key}. It keeps what was created, counts creations per hand-off key (so a test sees duplicates)
 * and can be down (503), refuse creations (422), or lose the answer to the next creations (create, then 500).
 */
public final class FakeServiceDesk implements AutoCloseable {

    /** How the service answers. */
    public enum Mode { UP, DOWN, REFUSE }

    /** A request as received. */
    public record Received(String method, String path, Map<String, String> headers, JsonNode body) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private volatile Mode mode = Mode.UP;
    private final AtomicInteger loseAnswers = new AtomicInteger();
    private volatile java.util.concurrent.CountDownLatch stall;
    private final java.util.concurrent.Semaphore stalled = new java.util.concurrent.Semaphore(0);
    private final AtomicInteger nextId = new AtomicInteger(1000);
    private final AtomicInteger refusedWhileDown = new AtomicInteger();
    private final List<Received> received = new ArrayList<>();
    private final Map<String, Integer> createdPerKey = new ConcurrentHashMap<>();
    private final List<ObjectNode> zendesk = new ArrayList<>();
    private final List<ObjectNode> zammad = new ArrayList<>();
    private final List<ObjectNode> contacts = new ArrayList<>();
    private final List<ObjectNode> conversations = new ArrayList<>();
    private final Map<String, String> webhookIds = new LinkedHashMap<>();

    private FakeServiceDesk(HttpServer server) {
        this.server = server;
    }

    /** Starts one on a free loopback port. */
    public static FakeServiceDesk start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeServiceDesk desk = new FakeServiceDesk(server);
            server.createContext("/", desk::handle);
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()); // stalls block one
            server.start();
            return desk;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** The next {@code n} creations are made but answered with a 500, as if the answer was lost. */
    public void loseAnswers(int n) {
        loseAnswers.set(n);
    }

    /**
     * From now on a creation is made and then left unanswered until {@link #release()}: the client is caught
     * mid-delivery. {@link #awaitStalled} waits for the first such creation.
     */
    public void stallCreations() {
        stall = new java.util.concurrent.CountDownLatch(1);
    }

    /** Waits until a creation is stalled; false after {@code timeout}. */
    public boolean awaitStalled(java.time.Duration timeout) throws InterruptedException {
        return stalled.tryAcquire(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Answers the stalled creations (a client that is gone gets nothing) and stalls no more. */
    public void release() {
        java.util.concurrent.CountDownLatch s = stall;
        stall = null;
        if (s != null) {
            s.countDown();
        }
    }

    /** Requests answered 503 while down. */
    public int refusedWhileDown() {
        return refusedWhileDown.get();
    }

    /** Tickets, conversations or webhook events created per hand-off key. */
    public Map<String, Integer> createdPerKey() {
        return Map.copyOf(createdPerKey);
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The bodies of the creating requests to {@code path} (POST). */
    public synchronized List<Received> created(String path) {
        return received.stream().filter(r -> r.method().equals("POST") && r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT),
                    v.getFirst()));
            synchronized (this) {
                received.add(new Received(method, uri.getPath(), headers, body));
            }
            if (mode == Mode.DOWN) {
                refusedWhileDown.incrementAndGet();
                answer(exchange, 503, "{\"error\":\"down for maintenance\"}");
                return;
            }
            boolean creating = method.equals("POST") && !uri.getPath().endsWith("/contacts");
            if (creating && mode == Mode.REFUSE) {
                answer(exchange, 422, "{\"error\":\"RecordInvalid\",\"description\":\"Group is invalid\"}");
                return;
            }
            String reply = route(method, uri, headers, body);
            if (reply == null) {
                answer(exchange, 404, "{\"error\":\"no such endpoint\"}");
            } else if (creating && stall != null) {
                java.util.concurrent.CountDownLatch s = stall;
                stalled.release();
                try {
                    s.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, 201, reply);
            } else if (creating && loseAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer(exchange, 500, "{\"error\":\"answer lost\"}");
            } else {
                answer(exchange, method.equals("POST") ? 201 : 200, reply);
            }
        }
    }

    private synchronized String route(String method, URI uri, Map<String, String> headers, JsonNode body) {
        String path = uri.getPath();
        Map<String, String> query = query(uri);
        switch (method + " " + path) {
            case "GET /api/v2/tickets.json": {
                ArrayNode found = JSON.createArrayNode();
                zendesk.stream().filter(t -> t.path("external_id").asString("").equals(query.get("external_id")))
                        .forEach(found::add);
                return JSON.createObjectNode().set("tickets", found).toString();
            }
            case "POST /api/v2/tickets.json": {
                ObjectNode ticket = ((ObjectNode) body.path("ticket")).deepCopy();
                ticket.put("id", nextId.incrementAndGet());
                zendesk.add(ticket);
                count(ticket.path("external_id").asString());
                return JSON.createObjectNode().set("ticket", ticket).toString();
            }
            case "GET /api/v1/tickets/search": {
                String wanted = query.getOrDefault("query", "").replace("\"", "");
                ArrayNode found = JSON.createArrayNode();
                zammad.stream().filter(t -> t.path("article").path("body").asString("").contains(wanted))
                        .forEach(found::add);
                return found.toString();
            }
            case "POST /api/v1/tickets": {
                ObjectNode ticket = ((ObjectNode) body).deepCopy();
                ticket.put("id", nextId.incrementAndGet());
                zammad.add(ticket);
                String text = ticket.path("article").path("body").asString("");
                count(text.substring(text.indexOf("switchboard-handoff: ") + 21).strip());
                return ticket.toString();
            }
            case "GET /api/v1/accounts/1/contacts/search": {
                ArrayNode found = JSON.createArrayNode();
                contacts.stream().filter(c -> c.path("identifier").asString("").equals(query.get("q")))
                        .forEach(found::add);
                return JSON.createObjectNode().set("payload", found).toString();
            }
            case "POST /api/v1/accounts/1/contacts": {
                ObjectNode contact = ((ObjectNode) body).deepCopy();
                int id = nextId.incrementAndGet();
                contact.put("id", id);
                ObjectNode contactInbox = JSON.createObjectNode().put("source_id", "src-" + id);
                contactInbox.set("inbox", JSON.createObjectNode().put("id", body.path("inbox_id").asLong()));
                contact.set("contact_inboxes", JSON.createArrayNode().add(contactInbox));
                contacts.add(contact);
                ObjectNode payload = JSON.createObjectNode();
                payload.set("contact", contact);
                payload.set("contact_inbox", contactInbox);
                return JSON.createObjectNode().set("payload", payload).toString();
            }
            case "POST /api/v1/accounts/1/conversations": {
                ObjectNode conversation = ((ObjectNode) body).deepCopy();
                conversation.put("id", nextId.incrementAndGet());
                conversations.add(conversation);
                count(conversation.path("custom_attributes").path("switchboard_handoff").asString());
                return conversation.toString();
            }
            case "POST /hook", "POST /sms": {
                String key = headers.getOrDefault("idempotency-key", "");
                String id = webhookIds.computeIfAbsent(key, k -> {
                    count(k);
                    return "wh-" + nextId.incrementAndGet();
                });
                return JSON.createObjectNode().put("id", id).toString();
            }
            default:
                break;
        }
        if (method.equals("GET") && path.matches("/api/v1/accounts/1/contacts/\\d+/conversations")) {
            long contact = Long.parseLong(path.split("/")[6]);
            ArrayNode found = JSON.createArrayNode();
            conversations.stream().filter(c -> c.path("contact_id").asLong() == contact).forEach(found::add);
            return JSON.createObjectNode().set("payload", found).toString();
        }
        return null;
    }

    private void count(String key) {
        createdPerKey.merge(key, 1, Integer::sum);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
