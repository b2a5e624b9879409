package io.switchboard.admin.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The {@code from} and {@code to} query parameters of the endpoints that read history, {@code from} inclusive and
 * {@code to} exclusive, each with a default: ISO-8601 UTC times, or, where the endpoint has a site time zone (the
 * reports), also times with an offset, local times and local dates in that zone (a date means its midnight).
 */
public record TimeRange(Instant from, Instant to) {

    /**
     * Reads the two parameters as UTC times; absent ones take the defaults.
     *
     * @throws org.springframework.web.ErrorResponseException a 400 problem saying what to send instead
     */
    public static TimeRange parse(String from, String to, Instant defaultFrom, Instant defaultTo) {
        return parse(from, to, defaultFrom, defaultTo, null);
    }

    /**
     * Reads the two parameters as times or dates of {@code zone} (null: UTC times only); absent ones take the
     * defaults.
     *
     * @throws org.springframework.web.ErrorResponseException a 400 problem saying what to send instead
     */
    public static TimeRange parse(String from, String to, Instant defaultFrom, Instant defaultTo, ZoneId zone) {
        Instant start = instant("from", from, defaultFrom, zone);
        Instant end = instant("to", to, defaultTo, zone);
        if (!start.isBefore(end)) {
            throw ApiRefusal.badRequest("Invalid time range", "'from' (" + start + ") must be before 'to' (" + end
                    + ").");
        }
        return new TimeRange(start, end);
    }

    private static Instant instant(String name, String value, Instant otherwise, ZoneId zone) {
        if (value == null) {
            return otherwise;
        }
        // an unencoded '+' of an offset arrives as a space
        String text = value.strip().replaceFirst(" ([0-9]{2}:[0-9]{2})$", "+$1");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException utcOnly) {
            if (zone == null) {
                throw ApiRefusal.badRequest("Invalid " + name, "Query parameter '" + name + "' must be an ISO-8601"
                        + " UTC time such as 2026-11-30T09:00:00Z; got '" + value + "'.");
            }
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            if (text.matches(".*([+-][0-9]{2}:[0-9]{2})$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiRefusal.badRequest("Invalid " + name, "Query parameter '" + name + "' must be an ISO-8601 time"
                    + " (2026-11-30T09:00:00Z, 2026-11-30T10:00:00+01:00), a local time (2026-11-30T10:00) or a"
                    + " date (2026-11-30) in the site's time zone " + zone + "; got '" + value + "'.");
        }
    }
}
