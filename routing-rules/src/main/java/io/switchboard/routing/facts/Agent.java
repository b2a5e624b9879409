package io.switchboard.routing.facts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An agent as the routing rules see them: a fact in the rule session, replaced (not mutated) when the ACD reports a
 * change.
 *
 * @param skills      skill name to proficiency, 1 (novice) to 5 (expert)
 * @param languages   languages the agent speaks (e.g. {@code en}, {@code es})
 * @param idleSince   when the agent last became available (the longest idle is offered first among equals)
 * @param callsToday  calls the agent has handled today
 * @param queues      queues the agent serves, with the agent's priority in each (1 = the agent's best queue)
 */
public record Agent(String id, AgentState state, Instant idleSince, Map<String, Integer> skills,
        Set<String> languages, String region, int callsToday, Map<String, Integer> queues) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        idleSince = idleSince == null ? Instant.EPOCH : idleSince;
        skills = Map.copyOf(skills == null ? Map.of() : skills);
        for (Map.Entry<String, Integer> skill : skills.entrySet()) {
            if (skill.getValue() < 1 || skill.getValue() > 5) {
                throw new IllegalArgumentException("agent " + id + ": proficiency of " + skill.getKey() + " is "
                        + skill.getValue() + "; it must be 1 to 5");
            }
        }
        languages = Set.copyOf(languages == null ? Set.of() : languages);
        region = region == null ? "" : region;
        queues = Map.copyOf(queues == null ? Map.of() : queues);
    }

    /** The agent's proficiency in {@code skill}, 0 when they do not have it. */
    public int proficiency(String skill) {
        return skills.getOrDefault(skill, 0);
    }

    public boolean serves(String queue) {
        return queues.containsKey(queue);
    }

    public boolean speaks(String language) {
        return languages.contains(language);
    }

    /** The same agent in another state (the ACD's usual change). */
    public Agent inState(AgentState newState, Instant since) {
        return new Agent(id, newState, newState == AgentState.AVAILABLE ? since : idleSince, skills, languages,
                region, callsToday, queues);
    }
}
