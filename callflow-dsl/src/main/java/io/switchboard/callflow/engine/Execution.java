package io.switchboard.callflow.engine;

import io.switchboard.callflow.CompiledFlow;
import java.util.HashMap;
import java.util.Map;

/** One run of a flow on one call: what a step needs while it executes. Confined to the call's thread. */
public final class Execution {

    private final CompiledFlow flow;
    private final CallControl call;
    private final FlowListener listener;
    private final Map<String, Integer> visits = new HashMap<>();

    public Execution(CompiledFlow flow, CallControl call, FlowListener listener) {
        this.flow = flow;
        this.call = call;
        this.listener = listener;
    }

    public CompiledFlow flow() {
        return flow;
    }

    public CallControl call() {
        return call;
    }

    public FlowListener listener() {
        return listener;
    }

    /** Counts one more pass through {@code key} and returns the count so far (1 on the first pass). */
    public int countVisit(String key) {
        return visits.merge(key, 1, Integer::sum);
    }
}
