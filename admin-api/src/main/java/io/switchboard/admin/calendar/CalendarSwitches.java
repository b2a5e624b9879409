package io.switchboard.admin.calendar;

import io.switchboard.callflow.calendar.CalendarOverrides;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Calendar switches thrown by supervisors, kept in PostgreSQL ({@code calendar_switch}) and applied to the flows'
 * {@link CalendarOverrides}: a switch survives a restart (it is put back at start-up) until switched back. A switch
 * given in configuration ({@code switchboard.calendars.*}) wins at start-up over a stored one.
 */
public final class CalendarSwitches {

    /** A stored switch. */
    public record Switch(String calendar, String state, String setBy, Instant setAt) {}

    private final JdbcClient jdbc;
    private final CalendarOverrides overrides;
    private final Clock clock;

    public CalendarSwitches(JdbcClient jdbc, CalendarOverrides overrides, Clock clock) {
        this.jdbc = jdbc;
        this.overrides = overrides;
        this.clock = clock;
    }

    /** Puts the stored switches back on calendars configuration did not switch; returns how many. */
    public int restore() {
        int restored = 0;
        for (Switch s : all()) {
            if (overrides.get(s.calendar()).isEmpty()) {
                overrides.set(s.calendar(), override(s.state()));
                restored++;
            }
        }
        return restored;
    }

    public List<Switch> all() {
        return jdbc.sql("select * from calendar_switch order by calendar").query((rs, n) -> new Switch(
                rs.getString("calendar"), rs.getString("state"), rs.getString("set_by"),
                rs.getObject("set_at", OffsetDateTime.class).toInstant())).list();
    }

    /**
     * Stores {@code state} ({@code open-now}, {@code closed-now}, or {@code none} to clear) for {@code calendar}; the
     * caller commits it, then {@linkplain #apply applies} it.
     */
    public void store(String calendar, String state, String by) {
        if (state.equals("none")) {
            jdbc.sql("delete from calendar_switch where calendar = ?").param(calendar).update();
            return;
        }
        override(state);
        jdbc.sql("insert into calendar_switch (calendar, state, set_by, set_at) values (?, ?, ?, ?)"
                        + " on conflict (calendar) do update set state = excluded.state, set_by = excluded.set_by,"
                        + " set_at = excluded.set_at")
                .params(calendar, state, by, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update();
    }

    /** Makes the flows follow {@code state} for {@code calendar} from their next {@code hours} step on. */
    public void apply(String calendar, String state) {
        if (state.equals("none")) {
            overrides.clear(calendar);
        } else {
            overrides.set(calendar, override(state));
        }
    }

    /** The switch on {@code calendar} now, as {@code open-now}, {@code closed-now} or empty. */
    public Optional<String> current(String calendar) {
        return overrides.get(calendar).map(o -> o.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The position a state names. */
    public static CalendarOverrides.Override override(String state) {
        return switch (state) {
            case "open-now" -> CalendarOverrides.Override.OPEN_NOW;
            case "closed-now" -> CalendarOverrides.Override.CLOSED_NOW;
            default -> throw new IllegalArgumentException("a switch is open-now, closed-now or none; got '" + state
                    + "'");
        };
    }
}
