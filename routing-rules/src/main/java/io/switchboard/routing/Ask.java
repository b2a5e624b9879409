package io.switchboard.routing;

import io.switchboard.routing.facts.AlsoServedBy;
import io.switchboard.routing.facts.Agent;
import io.switchboard.routing.facts.GoesAhead;
import io.switchboard.routing.facts.NeedsLanguage;
import io.switchboard.routing.facts.NeedsRegion;
import io.switchboard.routing.facts.NeedsSkill;
import io.switchboard.routing.facts.PreferMostProficient;
import io.switchboard.routing.facts.Requirement;
import io.switchboard.routing.facts.WaitingCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a waiting call asks of its agent, summed up from the requirements the rules keep for it: the queues whose
 * agents may take it, the skills and languages they need, how far ahead the call goes, how agents are ordered, and the
 * rules that asked (the explanation). Requirements combine: every skill, language and region asked must hold.
 */
public record Ask(Eligibility eligibility, int ahead, String preferSkill, List<String> rules) {

    /** The queues whose agents may take the call (its own, and any a rule added). */
    public Set<String> queues() {
        return eligibility.queues;
    }

    /** Skill → the lowest proficiency accepted. */
    public Map<String, Integer> skills() {
        return eligibility.skills;
    }

    public Set<String> languages() {
        return eligibility.languages;
    }

    public Set<String> regions() {
        return eligibility.regions;
    }

    /**
     * Who may take the call, without the ordering: calls with equal eligibility find the same agents. Its hash is
     * computed once, since a decision looks it up for every waiting call.
     */
    public static final class Eligibility {
        private final Set<String> queues;
        private final Map<String, Integer> skills;
        private final Set<String> languages;
        private final Set<String> regions;
        private final int hash;

        Eligibility(Set<String> queues, Map<String, Integer> skills, Set<String> languages, Set<String> regions) {
            this.queues = Set.copyOf(queues);
            this.skills = Map.copyOf(skills);
            this.languages = Set.copyOf(languages);
            this.regions = Set.copyOf(regions);
            this.hash = java.util.Objects.hash(this.queues, this.skills, this.languages, this.regions);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Eligibility e && e.hash == hash && e.queues.equals(queues) && e.skills.equals(skills)
                    && e.languages.equals(languages) && e.regions.equals(regions);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** One requirement with the rule that made it. */
    record Justified(Requirement requirement, String rule) {}

    static Ask of(WaitingCall call, List<Justified> requirements) {
        Set<String> queues = new LinkedHashSet<>();
        queues.add(call.queue());
        Map<String, Integer> skills = new HashMap<>();
        Set<String> languages = new LinkedHashSet<>();
        Set<String> regions = new LinkedHashSet<>();
        int ahead = 0;
        String preferSkill = null;
        List<String> rules = new ArrayList<>();
        for (Justified j : requirements) {
            if (!rules.contains(j.rule())) {
                rules.add(j.rule());
            }
            switch (j.requirement()) {
                case NeedsSkill s -> skills.merge(s.skill(), s.atLeast(), Math::max);
                case NeedsLanguage l -> languages.add(l.language());
                case NeedsRegion r -> regions.add(r.region());
                case AlsoServedBy q -> queues.add(q.queue());
                case GoesAhead g -> ahead = Math.max(ahead, g.level());
                case PreferMostProficient p -> preferSkill = preferSkill == null ? p.skill() : preferSkill;
            }
        }
        return new Ask(new Eligibility(queues, skills, languages, regions), ahead, preferSkill, List.copyOf(rules));
    }

    /** Whether {@code agent} may take the call (their state is the router's business, not the ask's). */
    public boolean admits(Agent agent) {
        boolean serves = false;
        for (String queue : queues()) {
            if (agent.serves(queue)) {
                serves = true;
                break;
            }
        }
        if (!serves) {
            return false;
        }
        for (Map.Entry<String, Integer> skill : skills().entrySet()) {
            if (agent.proficiency(skill.getKey()) < skill.getValue()) {
                return false;
            }
        }
        for (String language : languages()) {
            if (!agent.speaks(language)) {
                return false;
            }
        }
        for (String region : regions()) {
            if (!agent.region().equals(region)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code a} is a better choice than {@code b}: the most proficient first when a rule asked for it, then the
     * agent's better priority for the call's queues (1 is best), then the longest idle, then the fewest calls today.
     */
    boolean prefers(Agent a, Agent b) {
        if (preferSkill != null) {
            int byProficiency = Integer.compare(a.proficiency(preferSkill), b.proficiency(preferSkill));
            if (byProficiency != 0) {
                return byProficiency > 0;
            }
        }
        int byPriority = Integer.compare(queuePriority(a), queuePriority(b));
        if (byPriority != 0) {
            return byPriority < 0;
        }
        int byIdle = a.idleSince().compareTo(b.idleSince());
        if (byIdle != 0) {
            return byIdle < 0;
        }
        int byCalls = Integer.compare(a.callsToday(), b.callsToday());
        if (byCalls != 0) {
            return byCalls < 0;
        }
        return a.id().compareTo(b.id()) < 0;
    }

    private int queuePriority(Agent agent) {
        int best = Integer.MAX_VALUE;
        for (String queue : queues()) {
            Integer priority = agent.queues().get(queue);
            if (priority != null && priority < best) {
                best = priority;
            }
        }
        return best;
    }
}
