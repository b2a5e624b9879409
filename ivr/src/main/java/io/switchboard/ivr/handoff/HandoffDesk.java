package io.switchboard.ivr.handoff;

import io.switchboard.callflow.engine.HandoffPort;
import io.switchboard.ivr.store.CallStoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flow's {@code handoff} step on the server: the step's target names an integration (configuration maps
 * {@code ticket} to, say, {@code helpdesk}); the context becomes the payload of an outbox row written before the
 * step goes on, so once the flow hears "accepted" the hand-off is stored and will be delivered. The same step with
 * the same context in the same call is one hand-off (its idempotency key is the call, the target and the context).
 */
public final class HandoffDesk implements HandoffPort {

    private final HandoffOutbox outbox;
    private final Map<String, String> targets;

    /** @param targets a flow's handoff target → the integration that delivers it */
    public HandoffDesk(HandoffOutbox outbox, Map<String, String> targets) {
        this.outbox = outbox;
        this.targets = Map.copyOf(targets);
    }

    @Override
    public HandoffResult handoff(String target, Map<String, String> context) {
        String integration = targets.get(target);
        if (integration == null) {
            return new HandoffResult.Failed("no hand-off route '" + target + "' on this server");
        }
        if (context.size() > HandoffRequest.MAX_FIELDS) {
            return new HandoffResult.Failed("a hand-off carries at most " + HandoffRequest.MAX_FIELDS + " fields");
        }
        String callId = context.getOrDefault("call.id", "");
        String key = callId + ":" + target + ":" + digest(context);
        try {
            Handoff stored = outbox.add(new HandoffRequest(integration, target, callId,
                    context.getOrDefault("caller", ""), key, context));
            return new HandoffResult.Accepted(stored.reference());
        } catch (CallStoreException e) {
            return new HandoffResult.Failed("the hand-off could not be stored: " + e.getMessage());
        }
    }

    private static String digest(Map<String, String> context) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(context).forEach((k, v) -> sha.update((k + "\u0000" + v + "\u0000")
                    .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
