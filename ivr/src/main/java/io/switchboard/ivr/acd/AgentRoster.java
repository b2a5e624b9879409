package io.switchboard.ivr.acd;

import java.util.List;

/**
 * What {@code agents.yaml} defines: the agents, and the reasons an agent may give for not being ready.
 *
 * @param notReadyReasons the reasons an agent may pause with; {@code missed} is always among them (a ring not
 *                        answered puts the agent in it)
 */
public record AgentRoster(List<AgentDefinition> agents, List<String> notReadyReasons) {

    /** The reason a ring-no-answer gives. */
    public static final String MISSED = "missed";
    /** The reasons when the file names none. */
    public static final List<String> DEFAULT_REASONS = List.of("break", "lunch", "training", MISSED, "meeting");

    public AgentRoster {
        agents = List.copyOf(agents);
        notReadyReasons = List.copyOf(notReadyReasons);
    }
}
