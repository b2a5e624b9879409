package io.switchboard.callflow;

import io.switchboard.callflow.calendar.BusinessCalendar;
import io.switchboard.callflow.step.Step;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A flow checked and ready to run; immutable, so a call can pin it while a new version is published.
 *
 * @param id        the flow's id ({@code flow:})
 * @param file      the file it came from
 * @param languages declared languages, the first being the default
 * @param start     the entry step's id
 * @param steps     step id → step, in file order
 * @param calendars opening-hours calendars by name
 */
public record CompiledFlow(String id, String file, List<String> languages, String start, Map<String, Step> steps,
        Map<String, BusinessCalendar> calendars) {

    public CompiledFlow(String id, String file, List<String> languages, String start, Map<String, Step> steps) {
        this(id, file, languages, start, steps, Map.of());
    }

    public CompiledFlow {
        Objects.requireNonNull(id, "id");
        calendars = Map.copyOf(calendars);
        languages = List.copyOf(languages);
        steps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
        if (!steps.containsKey(start)) {
            throw new IllegalArgumentException("start step '" + start + "' is not a step of " + id);
        }
    }

    public Optional<Step> step(String stepId) {
        return Optional.ofNullable(steps.get(stepId));
    }
}
