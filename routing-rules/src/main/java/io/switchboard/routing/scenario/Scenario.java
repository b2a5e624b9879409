package io.switchboard.routing.scenario;

import io.switchboard.routing.facts.Agent;
import io.switchboard.routing.facts.WaitingCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One rule test: agents and waiting calls as they stand at {@code at}, a decision {@code after} later (so escalation
 * steps move on as they do in service), and what is expected of it.
 */
public record Scenario(String name, Instant at, List<Agent> agents, List<WaitingCall> calls, Duration after,
        List<Expectation> expectations) {

    public Scenario {
        agents = List.copyOf(agents);
        calls = List.copyOf(calls);
        expectations = List.copyOf(expectations);
    }

    /**
     * What one call should get: {@code agent} ({@code null}: nobody yet), with every rule of {@code by} among the rules
     * that decided, at escalation {@code step} (0: not checked).
     */
    public record Expectation(String callId, String agent, List<String> by, int step) {

        public Expectation {
            by = List.copyOf(by);
        }
    }
}
