package io.switchboard.admin.calendar;

import io.switchboard.admin.http.ApiRefusal;
import io.switchboard.admin.security.AuditLog;
import io.switchboard.callflow.calendar.BusinessCalendar;
import io.switchboard.ivr.flow.PublishedFlow;
import io.switchboard.ivr.flow.PublishedFlows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The live flows' calendars for supervisors: their hours now and any switch ({@code GET /api/calendars}), and the
 * switch itself ({@code PUT /api/calendars/{name}} with {@code {"state": "closed-now" | "open-now" | "none"}}):
 * stored, audited, and honoured by the next {@code hours} step of every flow using that calendar.
 */
@RestController
@RequestMapping("/api/calendars")
class CalendarsController {

    private final PublishedFlows flows;
    private final CalendarSwitches switches;
    private final AuditLog audit;
    private final Clock clock;

    CalendarsController(PublishedFlows flows, CalendarSwitches switches, AuditLog audit) {
        this.flows = flows;
        this.switches = switches;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    /** A calendar: by its hours now ({@code open}, {@code closed}, {@code holiday}), its switch, and the result. */
    record CalendarView(String name, List<String> flows, String hours, String switched, String now) {}

    /** {@code PUT /api/calendars/{name}}. */
    record SwitchChange(String state) {}

    @GetMapping
    List<CalendarView> all() {
        Map<String, BusinessCalendar> calendars = new TreeMap<>();
        Map<String, List<String>> users = new TreeMap<>();
        for (PublishedFlow flow : flows.all().values()) {
            flow.flow().calendars().forEach((name, calendar) -> {
                calendars.putIfAbsent(name, calendar);
                users.computeIfAbsent(name, n -> new ArrayList<>()).add(flow.id());
            });
        }
        List<CalendarView> out = new ArrayList<>();
        calendars.forEach((name, calendar) -> {
            String hours = calendar.status(clock.instant()).name().toLowerCase(Locale.ROOT);
            String switched = switches.current(name).orElse(null);
            String now = switched == null ? hours : switched.equals("open-now") ? "open" : "closed";
            out.add(new CalendarView(name, users.get(name).stream().sorted().toList(), hours, switched, now));
        });
        return out;
    }

    @PutMapping(path = "/{name}", consumes = "application/json")
    CalendarView change(@PathVariable("name") String name, @RequestBody SwitchChange body, Authentication who) {
        String position = body.state() == null ? "" : body.state().strip().toLowerCase(Locale.ROOT);
        if (!List.of("open-now", "closed-now", "none").contains(position)) {
            throw ApiRefusal.badRequest("Invalid switch", "Send {\"state\": \"closed-now\"}, {\"state\":"
                    + " \"open-now\"} or {\"state\": \"none\"} (back to the calendar's hours); got '"
                    + body.state() + "'.");
        }
        if (all().stream().noneMatch(c -> c.name().equals(name))) {
            throw ApiRefusal.of(HttpStatus.NOT_FOUND, "Calendar not found", "No live flow has a calendar '" + name
                    + "'. GET /api/calendars lists them.");
        }
        audit.inTransaction(() -> {
            switches.store(name, position, who.getName());
            audit.record("calendar.switch", name, position);
            return null;
        });
        switches.apply(name, position);
        return all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
