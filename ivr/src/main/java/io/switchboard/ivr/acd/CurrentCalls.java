package io.switchboard.ivr.acd;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The call each agent is ringing for or talking on at this node, with the context the phone was given: what
 * {@code GET /api/agents/{id}/current} shows.
 */
public final class CurrentCalls {

    /**
     * One agent's current call.
     *
     * @param context the values sent to the phone as {@code X-Switchboard-*} headers
     */
    public record AgentCall(String agentId, String callId, String queue, boolean answered, Instant since,
            Map<String, String> context) {
        public AgentCall {
            context = Map.copyOf(context);
        }
    }

    private final Map<String, AgentCall> byAgent = new ConcurrentHashMap<>();

    void put(AgentCall call) {
        byAgent.put(call.agentId(), call);
    }

    void remove(String agentId, String callId) {
        byAgent.computeIfPresent(agentId, (k, v) -> v.callId().equals(callId) ? null : v);
    }

    public Optional<AgentCall> of(String agentId) {
        return Optional.ofNullable(byAgent.get(agentId));
    }
}
