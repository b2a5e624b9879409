package io.switchboard.callflow.engine;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.calendar.CalendarOverrides;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** One run of a flow on one call: what a step needs while it executes. Confined to the call's thread. */
public final class Execution {

    private final CompiledFlow flow;
    private final CallControl call;
    private final FlowListener listener;
    private final Map<String, Integer> visits = new HashMap<>();
    private final Map<String, Object> variables = new HashMap<>();

    private final Clock clock;
    private final CalendarOverrides overrides;

    private final FlowServices services;

    public Execution(CompiledFlow flow, CallControl call, FlowListener listener) {
        this(flow, call, listener, Clock.systemUTC(), new CalendarOverrides(), FlowServices.UNAVAILABLE);
    }

    public Execution(CompiledFlow flow, CallControl call, FlowListener listener, Clock clock,
            CalendarOverrides overrides, FlowServices services) {
        this.services = services;
        this.flow = flow;
        this.call = call;
        this.listener = listener;
        this.clock = clock;
        this.overrides = overrides;
    }

    /** The time source for business hours and the {@code now} fact. */
    public Clock clock() {
        return clock;
    }

    /** Queues and transfers. */
    public FlowServices services() {
        return services;
    }

    /** Manual calendar switches. */
    public CalendarOverrides overrides() {
        return overrides;
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

    /**
     * A variable's value, or a call fact ({@code caller}, {@code dialed}, {@code language}, {@code call.id});
     * null when there is none.
     */
    public Object variable(String name) {
        Object v = variables.get(name);
        if (v != null) {
            return v;
        }
        return switch (name) {
            case "caller" -> call.facts().caller();
            case "dialed" -> call.facts().dialed();
            case "language" -> call.language();
            case "call.id" -> call.facts().callId();
            default -> null;
        };
    }

    /** Sets a flow variable (String, BigDecimal or Boolean). */
    public void setVariable(String name, Object value) {
        variables.put(name, value);
    }

    /** The flow's own variables (not the call facts), for tests and records. */
    public Map<String, Object> variables() {
        return Map.copyOf(variables);
    }

    /** Counts one more pass through {@code key} and returns the count so far (1 on the first pass). */
    public int countVisit(String key) {
        return visits.merge(key, 1, Integer::sum);
    }
}
