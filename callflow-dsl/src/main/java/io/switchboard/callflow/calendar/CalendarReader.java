package io.switchboard.callflow.calendar;

import io.switchboard.callflow.parse.Fields;
import io.switchboard.callflow.parse.Problems;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads the {@code calendars:} section of a flow file, with a diagnostic at each mistake. */
public final class CalendarReader {

    private static final Pattern BAND = Pattern.compile("(\\d{2}):(\\d{2})\\s*-\\s*(\\d{2}):(\\d{2})");
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat",
            DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);

    private CalendarReader() {}

    public static Map<String, BusinessCalendar> read(Node node, Problems problems) {
        Map<String, BusinessCalendar> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode m)) {
            problems.error(node, "calendars must map names to calendars", "");
            return out;
        }
        Fields.of(m, "calendars", problems);
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                calendar(k.getValue(), t.getValueNode(), problems).ifPresent(c -> out.putIfAbsent(c.name(), c));
            }
        }
        return out;
    }

    private static java.util.Optional<BusinessCalendar> calendar(String name, Node node, Problems problems) {
        String what = "calendar '" + name + "'";
        Fields f = Fields.of(node, what, problems);
        ZoneId zone = ZoneId.of("UTC");
        String tz = f.string("timezone", "write timezone: Europe/Berlin");
        try {
            if (!tz.isEmpty()) {
                zone = ZoneId.of(tz);
            }
        } catch (DateTimeException e) {
            problems.error(f.node("timezone").orElse(node), what + ": unknown time zone '" + tz + "'",
                    "use a zone id such as Europe/Berlin or America/New_York");
        }
        Map<DayOfWeek, List<BusinessCalendar.Band>> weekly = new LinkedHashMap<>();
        f.node("weekly").ifPresent(w -> entries(w, what + " weekly", problems).forEach((key, value) -> {
            DayOfWeek day = DAYS.get(key.getValue());
            if (day == null) {
                problems.error(key, what + ": '" + key.getValue() + "' is not a day", "use mon, tue, … sun");
            } else {
                weekly.put(day, bands(value, what, problems));
            }
        }));
        Map<LocalDate, List<BusinessCalendar.Band>> dates = new LinkedHashMap<>();
        f.node("dates").ifPresent(d -> entries(d, what + " dates", problems).forEach((key, value) -> date(key, what,
                problems).ifPresent(date -> dates.put(date, value instanceof ScalarNode s
                        && s.getValue().equals("closed") ? List.of() : bands(value, what, problems)))));
        Map<LocalDate, String> holidays = new LinkedHashMap<>();
        f.node("holidays").ifPresent(h -> entries(h, what + " holidays", problems).forEach((key, value) ->
                date(key, what, problems).ifPresent(date -> holidays.put(date,
                        value instanceof ScalarNode s ? s.getValue() : "holiday"))));
        f.rejectUnknown();
        return java.util.Optional.of(new BusinessCalendar(name, zone, weekly, dates, holidays));
    }

    private static Map<ScalarNode, Node> entries(Node node, String what, Problems problems) {
        Map<ScalarNode, Node> out = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            Fields.of(m, what, problems);
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.put(k, t.getValueNode());
                }
            }
        } else {
            problems.error(node, what + " must be a mapping", "");
        }
        return out;
    }

    private static java.util.Optional<LocalDate> date(ScalarNode key, String what, Problems problems) {
        try {
            return java.util.Optional.of(LocalDate.parse(key.getValue()));
        } catch (DateTimeException e) {
            problems.error(key, what + ": '" + key.getValue() + "' is not a date", "write dates as \"2026-12-24\"");
            return java.util.Optional.empty();
        }
    }

    private static List<BusinessCalendar.Band> bands(Node node, String what, Problems problems) {
        List<BusinessCalendar.Band> out = new ArrayList<>();
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        for (Node item : items) {
            Matcher m = item instanceof ScalarNode s ? BAND.matcher(s.getValue().strip()) : null;
            if (m == null || !m.matches()) {
                problems.error(item, what + ": " + Fields.describe(item) + " is not opening hours",
                        "write [\"09:00-12:00\", \"13:00-17:00\"]");
                continue;
            }
            int start = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
            int end = Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
            if (Integer.parseInt(m.group(2)) > 59 || Integer.parseInt(m.group(4)) > 59 || start >= end
                    || end > 24 * 60) {
                problems.error(item, what + ": " + Fields.describe(item) + " is not a band from earlier to later"
                        + " within a day", "write 09:00-17:00; 24:00 is the end of the day");
                continue;
            }
            out.add(new BusinessCalendar.Band(start, end));
        }
        return out;
    }
}
