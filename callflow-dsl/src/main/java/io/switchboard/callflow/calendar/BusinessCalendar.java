package io.switchboard.callflow.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Opening hours: weekly bands per day in a time zone, date overrides (other hours, or closed) and holidays.
 * Times are local wall-clock times in the calendar's zone, so a DST change day keeps its opening hours.
 *
 * @param weekly   day → bands (a day not listed is closed)
 * @param dates    date → bands replacing that day's weekly hours (an empty list: closed all day)
 * @param holidays date → name; the calendar says HOLIDAY all day
 */
public record BusinessCalendar(String name, ZoneId zone, Map<DayOfWeek, List<Band>> weekly,
        Map<LocalDate, List<Band>> dates, Map<LocalDate, String> holidays) {

    public BusinessCalendar {
        weekly = Map.copyOf(weekly);
        dates = Map.copyOf(dates);
        holidays = Map.copyOf(holidays);
    }

    /** A band of opening, in minutes of the day: {@code start} inclusive, {@code end} exclusive (1440 = midnight). */
    public record Band(int start, int end) {
        public boolean contains(int minute) {
            return minute >= start && minute < end;
        }

        @Override
        public String toString() {
            return String.format("%02d:%02d-%02d:%02d", start / 60, start % 60, end / 60, end % 60);
        }
    }

    /** What the calendar says at a moment. */
    public enum Status { OPEN, CLOSED, HOLIDAY }

    public Status status(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate date = local.toLocalDate();
        if (holidays.containsKey(date)) {
            return Status.HOLIDAY;
        }
        List<Band> bands = dates.containsKey(date) ? dates.get(date)
                : weekly.getOrDefault(local.getDayOfWeek(), List.of());
        int minute = local.getHour() * 60 + local.getMinute();
        return bands.stream().anyMatch(b -> b.contains(minute)) ? Status.OPEN : Status.CLOSED;
    }
}
