package io.switchboard.ivr.handoff;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A hand-off to store: which integration delivers it, what asked for it, the call and the caller, and the payload.
 * Asking twice with the same {@code idempotencyKey} stores it once.
 */
public record HandoffRequest(String integration, String target, String callId, String caller, String idempotencyKey,
        Map<String, String> payload) {

    /** Payload entries at most, and characters per value at most: a flow's context is bounded, so is this. */
    public static final int MAX_FIELDS = 64;
    public static final int MAX_VALUE = 8_000;

    public HandoffRequest {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(target, "target");
        callId = callId == null ? "" : callId;
        caller = caller == null ? "" : caller;
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (payload.size() > MAX_FIELDS) {
            throw new IllegalArgumentException("a hand-off carries at most " + MAX_FIELDS + " fields, got "
                    + payload.size());
        }
        Map<String, String> bounded = new LinkedHashMap<>();
        payload.forEach((k, v) -> bounded.put(k, v == null ? "" : v.length() > MAX_VALUE
                ? v.substring(0, MAX_VALUE) : v));
        payload = Collections.unmodifiableMap(bounded);
    }
}
