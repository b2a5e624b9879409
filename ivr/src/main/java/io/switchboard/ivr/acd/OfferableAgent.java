package io.switchboard.ivr.acd;

import java.time.Instant;
import java.util.Map;

/**
 * An agent who may be offered a call now: available, with a current phone registration.
 *
 * @param queues    queue → priority (1 = served first)
 * @param skills    skill → proficiency 1-5
 * @param idleSince when the agent became free; the longest idle is offered first
 * @param contact   where the phone is registered
 * @param languages languages the agent speaks
 * @param region    the agent's region, or empty
 * @param callsToday calls the agent was connected to today (the clock's day, UTC)
 */
public record OfferableAgent(String agentId, Map<String, Integer> queues, Map<String, Integer> skills,
        Instant idleSince, String contact, java.util.Set<String> languages, String region, int callsToday) {

    public OfferableAgent {
        // insertion-ordered maps: the router walks every agent's queues, and these iterate fastest
        queues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(queues));
        skills = Map.copyOf(skills);
        languages = java.util.Set.copyOf(languages == null ? java.util.Set.of() : languages);
        region = region == null ? "" : region;
    }

    /** An agent known only by queues, skills and idle time (what the default router looks at). */
    public OfferableAgent(String agentId, Map<String, Integer> queues, Map<String, Integer> skills,
            Instant idleSince, String contact) {
        this(agentId, queues, skills, idleSince, contact, java.util.Set.of(), "", 0);
    }

    /** Whether this agent holds every skill at least at the level {@code needed} asks. */
    public boolean hasSkills(Map<String, Integer> needed) {
        for (Map.Entry<String, Integer> e : needed.entrySet()) {
            Integer level = skills.get(e.getKey());
            if (level == null || level < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
