package io.switchboard.callflow.calendar;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Manual switches a supervisor can throw on a calendar ("closed now" for a fire drill, "open now" for a late
 * shift); they win over the calendar until cleared.
 */
public final class CalendarOverrides {

    /** The switch positions. */
    public enum Override { OPEN_NOW, CLOSED_NOW }

    private final Map<String, Override> overrides = new ConcurrentHashMap<>();

    public void set(String calendar, Override override) {
        overrides.put(calendar, override);
    }

    public void clear(String calendar) {
        overrides.remove(calendar);
    }

    public Optional<Override> get(String calendar) {
        return Optional.ofNullable(overrides.get(calendar));
    }
}
