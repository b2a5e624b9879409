package io.switchboard.ivr.handoff;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * JSON over HTTP to a ticket or chat service, with its answers sorted once: 2xx is the parsed body; 408, 429, 5xx
 * and no answer are a {@link ServiceOutage} (tried again later); any other 4xx is a {@link ServiceRefusal} (dead
 * letters). Messages name the method, path and status and an excerpt of the answer, never the request's headers,
 * so no credential reaches a log or the dead letters.
 */
public final class ServiceClient {

    /** Bytes of an answer read at most. */
    static final int MAX_ANSWER = 1 << 20;
    private static final int EXCERPT = 300;
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Duration timeout;

    public ServiceClient(Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
    }

    /** Sends {@code body} (none when null) and answers the parsed JSON (a null node when empty). */
    public JsonNode send(String method, URI uri, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        String what = method + " " + uri.getPath();
        HttpResponse<InputStream> response;
        String text;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                text = new String(in.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8);
            }
        } catch (HttpTimeoutException e) {
            throw new ServiceOutage(what + ": no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new ServiceOutage(what + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceOutage(what + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return text.isBlank() ? NullNode.getInstance() : JSON.readTree(text);
            } catch (JacksonException e) {
                throw new ServiceOutage(what + ": " + status + " with a body that is not JSON: " + excerpt(text));
            }
        }
        String reason = what + ": " + status + " " + excerpt(text);
        if (status == 408 || status == 429 || status >= 500 || status < 200) {
            throw new ServiceOutage(reason);
        }
        throw new ServiceRefusal(reason);
    }

    /** {@code value} as JSON text. */
    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static String excerpt(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() > EXCERPT ? t.substring(0, EXCERPT) + "…" : t;
    }
}
