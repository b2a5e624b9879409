package io.switchboard.ivr.acd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An agent as {@code agents.yaml} or the API defines one.
 *
 * @param id        digits and letters; also the SIP user name of the agent's phone
 * @param name      the display name
 * @param secret    the password, hashed (never kept plain)
 * @param queues    queue → priority, 1 being the queue this agent serves first
 * @param skills    skill → proficiency from 1 to 5
 * @param languages languages the agent speaks (for example {@code en})
 * @param region    where the agent works, for the routing rules (for example {@code north}); empty when none
 */
public record AgentDefinition(String id, String name, AgentSecret secret, Map<String, Integer> queues,
        Map<String, Integer> skills, List<String> languages, String region) {

    /** Agent ids: what a SIP user name and a URL path segment both take safely. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    /** Skill names and languages. */
    public static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    public static final int MAX_NAME = 100;
    public static final int MAX_QUEUES = 50;
    public static final int MAX_SKILLS = 50;
    public static final int MAX_LANGUAGES = 10;

    public AgentDefinition {
        Objects.requireNonNull(secret, "secret");
        List<String> problems = problems(id, name, queues, skills, languages);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        queues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queues));
        skills = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skills));
        languages = List.copyOf(languages);
        region = region == null ? "" : region;
        if (regionProblem(region) != null) {
            throw new IllegalArgumentException(regionProblem(region));
        }
    }

    /** An agent without a region. */
    public AgentDefinition(String id, String name, AgentSecret secret, Map<String, Integer> queues,
            Map<String, Integer> skills, List<String> languages) {
        this(id, name, secret, queues, skills, languages, "");
    }

    /** What is wrong with {@code region} (empty, or a name like {@code north}), or null. */
    public static String regionProblem(String region) {
        return region == null || region.isEmpty() || WORD.matcher(region).matches() ? null
                : "region must be a name like north (letters, digits, '_', '.', '-', at most 64)";
    }

    /** What is wrong with these fields, one sentence each; empty when they make an agent. */
    public static List<String> problems(String id, String name, Map<String, Integer> queues,
            Map<String, Integer> skills, List<String> languages) {
        List<String> out = new java.util.ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            out.add("agent id must be 1 to 32 letters or digits");
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(c -> c < 0x20)) {
            out.add("name must be 1 to " + MAX_NAME + " characters on one line");
        }
        if (queues == null || queues.size() > MAX_QUEUES) {
            out.add("at most " + MAX_QUEUES + " queues");
        } else {
            queues.forEach((q, p) -> {
                if (q == null || !WORD.matcher(q).matches() || p == null || p < 1 || p > 99) {
                    out.add("queue '" + q + "' needs a priority from 1 (best) to 99");
                }
            });
        }
        if (skills == null || skills.size() > MAX_SKILLS) {
            out.add("at most " + MAX_SKILLS + " skills");
        } else {
            skills.forEach((s, level) -> {
                if (s == null || !WORD.matcher(s).matches() || level == null || level < 1 || level > 5) {
                    out.add("skill '" + s + "' needs a proficiency from 1 to 5");
                }
            });
        }
        if (languages == null || languages.size() > MAX_LANGUAGES
                || languages.stream().anyMatch(l -> l == null || !WORD.matcher(l).matches())) {
            out.add("languages must be at most " + MAX_LANGUAGES + " names like en or es");
        }
        return out;
    }

    /** Whether this agent serves {@code queue} with at least the levels {@code needed} asks for. */
    public boolean canTake(String queue, Map<String, Integer> needed) {
        if (!queues.containsKey(queue)) {
            return false;
        }
        for (Map.Entry<String, Integer> e : needed.entrySet()) {
            if (skills.getOrDefault(e.getKey(), 0) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
