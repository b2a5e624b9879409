package io.switchboard.callflow;

import io.switchboard.callflow.calendar.BusinessCalendar;
import io.switchboard.callflow.step.Step;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A flow (or a sub-flow) checked and ready to run; immutable, so a call can pin it while a new version is published.
 * It carries the compiled sub-flows it calls, so a pinned flow keeps the sub-flows it was compiled with.
 *
 * @param id        the flow's id ({@code flow:} or {@code subflow:})
 * @param file      the file it came from
 * @param languages declared languages, the first being the default
 * @param start     the entry step's id
 * @param steps     step id → step, in file order
 * @param calendars opening-hours calendars by name
 * @param params    a sub-flow's parameters (empty for a flow)
 * @param subflow   whether this is a sub-flow (called, returns) rather than a flow (answers calls)
 * @param subflows  every sub-flow it can call, directly or through other sub-flows, by id
 */
public record CompiledFlow(String id, String file, List<String> languages, String start, Map<String, Step> steps,
        Map<String, BusinessCalendar> calendars, List<String> params, boolean subflow,
        Map<String, CompiledFlow> subflows) {

    public CompiledFlow(String id, String file, List<String> languages, String start, Map<String, Step> steps) {
        this(id, file, languages, start, steps, Map.of());
    }

    public CompiledFlow(String id, String file, List<String> languages, String start, Map<String, Step> steps,
            Map<String, BusinessCalendar> calendars) {
        this(id, file, languages, start, steps, calendars, List.of(), false, Map.of());
    }

    public CompiledFlow {
        Objects.requireNonNull(id, "id");
        calendars = Map.copyOf(calendars);
        languages = List.copyOf(languages);
        params = List.copyOf(params);
        subflows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(subflows));
        steps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
        if (!steps.containsKey(start)) {
            throw new IllegalArgumentException("start step '" + start + "' is not a step of " + id);
        }
    }

    public Optional<Step> step(String stepId) {
        return Optional.ofNullable(steps.get(stepId));
    }

    /** A sub-flow this flow can call. */
    public Optional<CompiledFlow> subflow(String subflowId) {
        return Optional.ofNullable(subflows.get(subflowId));
    }
}
