package io.switchboard.ivr.handoff;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An SMS gateway's webhook: {@code {"to", "message", "idempotencyKey", "callId"}} POSTed as JSON to the configured URL,
 * signed like {@link SignedWebhook} ({@code X-Switchboard-Timestamp}, {@code X-Switchboard-Signature: sha256=<hex>}
 * of {@code <timestamp>.<body>} under the secret) with an {@code Idempotency-Key} header the gateway deduplicates by.
 * The answer's {@code id}, if any, is the external id; else the key.
 */
public final class SmsWebhook implements TicketService {

    private final URI url;
    private final String secret;
    private final ServiceClient client;
    private final Clock clock;

    public SmsWebhook(URI url, String secret, ServiceClient client, Clock clock) {
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException("switchboard.handoff.sms.url must be an http(s) URL, got " + url);
        }
        this.url = url;
        this.secret = secret == null ? "" : secret;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public String deliver(Handoff handoff) {
        Map<String, Object> sms = new LinkedHashMap<>();
        sms.put("to", handoff.field("to"));
        sms.put("message", handoff.field("message"));
        sms.put("idempotencyKey", handoff.idempotencyKey());
        sms.put("callId", handoff.callId());
        String body = ServiceClient.json(sms);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", handoff.idempotencyKey());
        headers.put(SignedWebhook.TIMESTAMP, timestamp);
        if (!secret.isEmpty()) {
            headers.put(SignedWebhook.SIGNATURE, "sha256=" + SignedWebhook.signature(secret, timestamp, body));
        }
        JsonNode id = client.send("POST", url, headers, body).path("id");
        return id.isMissingNode() || id.isNull() ? handoff.idempotencyKey() : id.asString();
    }

    @Override
    public String toString() {
        return "SmsWebhook[" + url + ", secret " + (secret.isEmpty() ? "none" : "set") + "]";
    }
}
