package io.switchboard.callflow.engine;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.calendar.CalendarOverrides;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** One run of a flow on one call: what a step needs while it executes. Confined to the call's thread. */
public final class Execution {

    private final CallControl call;
    private final FlowListener listener;
    private final Map<String, Integer> visits = new HashMap<>();
    private final java.util.ArrayDeque<Frame> frames = new java.util.ArrayDeque<>();

    /**
     * The flow or sub-flow running and its variables.
     *
     * @param caller the call step that entered this sub-flow (null for the flow itself)
     */
    public record Frame(CompiledFlow flow, Map<String, Object> variables, io.switchboard.callflow.step.CallStep caller) {}

    private final Clock clock;
    private final CalendarOverrides overrides;

    private final FlowServices services;

    public Execution(CompiledFlow flow, CallControl call, FlowListener listener) {
        this(flow, call, listener, Clock.systemUTC(), new CalendarOverrides(), FlowServices.UNAVAILABLE);
    }

    public Execution(CompiledFlow flow, CallControl call, FlowListener listener, Clock clock,
            CalendarOverrides overrides, FlowServices services) {
        this.services = services;
        this.frames.push(new Frame(flow, new HashMap<>(), null));
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

    /** The flow or sub-flow running now. */
    public CompiledFlow flow() {
        return frames.peek().flow();
    }

    /** Starts a sub-flow: its own variables (the parameters), until {@link #leave()}. */
    public void enter(CompiledFlow subflow, Map<String, Object> parameters,
            io.switchboard.callflow.step.CallStep caller) {
        frames.push(new Frame(subflow, new HashMap<>(parameters), caller));
    }

    /** Ends the running sub-flow and returns to its caller; returns the frame left. */
    public Frame leave() {
        if (frames.size() < 2) {
            throw new IllegalStateException("return outside a sub-flow");
        }
        return frames.pop();
    }

    /** The id a step is known by in call records: its own in the flow, {@code <subflow>/<step>} in a sub-flow. */
    public String stepPath(String stepId) {
        return frames.size() == 1 ? stepId : flow().id() + "/" + stepId;
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
        Object v = frames.peek().variables().get(name);
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
        frames.peek().variables().put(name, value);
    }

    /** The flow's own variables (not the call facts, nor a sub-flow's), for tests and records. */
    public Map<String, Object> variables() {
        return Map.copyOf(frames.peekLast().variables());
    }

    /** Counts one more pass through {@code key} and returns the count so far (1 on the first pass). */
    public int countVisit(String key) {
        return visits.merge(flow().id() + "/" + key, 1, Integer::sum);
    }
}
