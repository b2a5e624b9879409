package io.switchboard.admin.http;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The {@code from} and {@code to} query parameters of the endpoints that read history: ISO-8601 UTC times, {@code from}
 * inclusive and {@code to} exclusive, each with a default.
 */
public record TimeRange(Instant from, Instant to) {

    /**
     * Reads the two parameters; absent ones take the defaults.
     *
     * @throws org.springframework.web.ErrorResponseException a 400 problem saying what to send instead
     */
    public static TimeRange parse(String from, String to, Instant defaultFrom, Instant defaultTo) {
        Instant start = instant("from", from, defaultFrom);
        Instant end = instant("to", to, defaultTo);
        if (!start.isBefore(end)) {
            throw ApiRefusal.badRequest("Invalid time range", "'from' (" + start + ") must be before 'to' (" + end
                    + ").");
        }
        return new TimeRange(start, end);
    }

    private static Instant instant(String name, String value, Instant otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiRefusal.badRequest("Invalid " + name, "Query parameter '" + name + "' must be an ISO-8601 UTC"
                    + " time such as 2026-11-30T09:00:00Z; got '" + value + "'.");
        }
    }
}
