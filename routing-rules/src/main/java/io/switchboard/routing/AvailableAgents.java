package io.switchboard.routing;

import io.switchboard.routing.facts.Agent;
import io.switchboard.routing.facts.AgentState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The agents who may be offered a call now (state {@link AgentState#AVAILABLE}), indexed by the queues they serve, so
 * a decision looks only at the available agents of a call's queues.
 */
final class AvailableAgents {

    private final Map<String, Agent> byId = new HashMap<>();
    private final Map<String, Map<String, Agent>> byQueue = new HashMap<>();

    void put(Agent agent) {
        remove(agent.id());
        if (agent.state() != AgentState.AVAILABLE) {
            return;
        }
        byId.put(agent.id(), agent);
        for (String queue : agent.queues().keySet()) {
            byQueue.computeIfAbsent(queue, q -> new LinkedHashMap<>()).put(agent.id(), agent);
        }
    }

    void remove(String agentId) {
        Agent old = byId.remove(agentId);
        if (old == null) {
            return;
        }
        for (String queue : old.queues().keySet()) {
            Map<String, Agent> serving = byQueue.get(queue);
            serving.remove(agentId);
            if (serving.isEmpty()) {
                byQueue.remove(queue);
            }
        }
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    int size() {
        return byId.size();
    }

    /**
     * The best agent for {@code ask} among those not in {@code taken}, or {@code null}.
     */
    Agent best(Ask ask, Set<String> taken) {
        Agent best = null;
        for (String queue : ask.queues()) {
            Map<String, Agent> serving = byQueue.get(queue);
            if (serving == null) {
                continue;
            }
            for (Agent agent : serving.values()) {
                if (!taken.contains(agent.id()) && (best == null || ask.prefers(agent, best)) && ask.admits(agent)) {
                    best = agent;
                }
            }
        }
        return best;
    }
}
