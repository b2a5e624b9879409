package io.switchboard.ivr.acd;

import java.util.List;
import java.util.Map;

/**
 * An agent as the API sends one to create or change it.
 *
 * @param password the new password (8-128 characters); null on a change keeps the old one
 */
public record AgentInput(String name, String password, Map<String, Integer> queues, Map<String, Integer> skills,
        List<String> languages, String region) {

    /** An agent without a region. */
    public AgentInput(String name, String password, Map<String, Integer> queues, Map<String, Integer> skills,
            List<String> languages) {
        this(name, password, queues, skills, languages, null);
    }

    @Override
    public String toString() {
        return "AgentInput[name=" + name + ", queues=" + queues + ", skills=" + skills + ", languages=" + languages
                + ", region=" + region + "]";
    }
}
