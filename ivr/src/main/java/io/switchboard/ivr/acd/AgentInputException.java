package io.switchboard.ivr.acd;

import java.util.List;

/** An agent the API sent that cannot be stored; {@link #problems()} says what to change, one sentence each. */
public final class AgentInputException extends IllegalArgumentException {

    private final List<String> problems;

    public AgentInputException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
