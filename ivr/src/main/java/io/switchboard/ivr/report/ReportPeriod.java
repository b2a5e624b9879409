package io.switchboard.ivr.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The period a report covers, [{@code from}, {@code to}), cut into intervals of the site's local time.
 */
public record ReportPeriod(Instant from, Instant to, ReportInterval interval, ZoneId zone) {

    /** The longest period one report may cover. */
    public static final Duration MAX_LENGTH = Duration.ofDays(92);

    public ReportPeriod {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(zone, "zone");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("a report covers at most " + MAX_LENGTH.toDays() + " days; ask for "
                    + from + " to " + from.plus(MAX_LENGTH) + " or less");
        }
    }

    /** The start of the interval holding {@code time}. */
    public ZonedDateTime intervalOf(Instant time) {
        return interval.start(time, zone);
    }

    /**
     * Hands {@code each} the part of [{@code start}, {@code end}) that falls in each interval, clipped to the period,
     * as that interval's start and the time.
     */
    void spread(Instant start, Instant end, BiConsumer<ZonedDateTime, Duration> each) {
        Instant t = start.isBefore(from) ? from : start;
        Instant stop = end.isAfter(to) ? to : end;
        while (t.isBefore(stop)) {
            ZonedDateTime bucket = intervalOf(t);
            Instant next = interval.next(bucket).toInstant();
            Instant until = next.isBefore(stop) ? next : stop;
            each.accept(bucket, Duration.between(t, until));
            t = until;
        }
    }
}
