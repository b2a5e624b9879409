package io.switchboard.ivr.handoff;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * A generic webhook: the hand-off as JSON POSTed to the base URL, with {@code X-Switchboard-Timestamp} (epoch
 * seconds) and {@code X-Switchboard-Signature: sha256=<hex>}, the HMAC-SHA256 with the configured secret of
 * {@code <timestamp>.<body>}, and an {@code Idempotency-Key} header the receiver deduplicates by. The answer's
 * {@code id}, if it has one, is the external id; else the key.
 */
public final class SignedWebhook implements TicketService {

    public static final String TIMESTAMP = "X-Switchboard-Timestamp";
    public static final String SIGNATURE = "X-Switchboard-Signature";

    private final IntegrationSettings settings;
    private final ServiceClient client;
    private final Clock clock;

    public SignedWebhook(IntegrationSettings settings, ServiceClient client, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public String deliver(Handoff handoff) {
        String body = ServiceClient.json(event(handoff));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", handoff.idempotencyKey());
        headers.put(TIMESTAMP, timestamp);
        if (!settings.credential().isEmpty()) {
            headers.put(SIGNATURE, "sha256=" + signature(settings.credential(), timestamp, body));
        }
        JsonNode answer = client.send("POST", settings.baseUrl(), headers, body);
        JsonNode id = answer.path("id");
        return id.isMissingNode() || id.isNull() ? handoff.idempotencyKey() : id.asString();
    }

    /** The JSON the webhook receives. */
    Map<String, Object> event(Handoff handoff) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("idempotencyKey", handoff.idempotencyKey());
        event.put("target", handoff.target());
        event.put("callId", handoff.callId());
        event.put("caller", handoff.caller());
        event.put("subject", settings.subjectOf(handoff));
        event.put("createdAt", handoff.createdAt().toString());
        event.put("payload", handoff.payload());
        event.putAll(TicketService.mapped(settings, handoff));
        return event;
    }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    public static String signature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
