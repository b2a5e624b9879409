package io.switchboard.ivr.acd;

import java.util.List;
import java.util.Map;

/**
 * An agent as the API shows it: the definition without its secret, the state, and whether the phone is registered.
 *
 * @param source {@code file} (agents.yaml) or {@code api}
 */
public record AgentView(String id, String name, Map<String, Integer> queues, Map<String, Integer> skills,
        List<String> languages, String region, String source, AgentState state, boolean phoneRegistered) {
}
