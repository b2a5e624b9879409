package io.switchboard.routing;

import java.time.Duration;
import java.util.List;

/**
 * Why a call got its agent or nobody yet: the rules in force for it, the escalation step it was at and how long the
 * caller had waited. Printed as {@code by vip-to-senior, step 2 of 3, after 25 s}.
 */
public record Explanation(List<String> rules, int step, int steps, Duration waited) {

    public Explanation {
        rules = List.copyOf(rules);
    }

    @Override
    public String toString() {
        return "by " + (rules.isEmpty() ? "no rule" : String.join(", ", rules)) + ", step " + step + " of " + steps
                + ", after " + waited.toSeconds() + " s";
    }
}
