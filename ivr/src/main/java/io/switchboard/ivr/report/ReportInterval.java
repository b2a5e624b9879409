package io.switchboard.ivr.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;

/**
 * The rows of a report: quarter hours, hours or days of the site's local time. A day is the local calendar day (23
 * or 25 hours long on a daylight-saving change); on the night clocks go back, the repeated hour is two rows, each
 * with its own offset.
 */
public enum ReportInterval {
    QUARTER_HOUR("15m"),
    HOUR("hour"),
    DAY("day");

    private final String text;

    ReportInterval(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The start of the interval holding {@code time}, in {@code zone}. */
    public ZonedDateTime start(Instant time, ZoneId zone) {
        ZonedDateTime local = time.atZone(zone);
        return switch (this) {
            case DAY -> local.toLocalDate().atStartOfDay(zone);
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
            case QUARTER_HOUR -> {
                ZonedDateTime hour = local.truncatedTo(ChronoUnit.HOURS);
                yield hour.plusMinutes(ChronoUnit.MINUTES.between(hour, local) / 15 * 15);
            }
        };
    }

    /** The start of the interval after the one starting at {@code start}. */
    public ZonedDateTime next(ZonedDateTime start) {
        return switch (this) {
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(start.getZone());
            case HOUR -> start.plusHours(1);
            case QUARTER_HOUR -> start.plusMinutes(15);
        };
    }

    /** Reads {@code 15m}, {@code hour} or {@code day}, ignoring case. */
    public static ReportInterval parse(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(i -> i.text.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("interval must be 15m, hour or day; got '" + value
                        + "'"));
    }
}
