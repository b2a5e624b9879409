package io.switchboard.ivr.report;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The site's choices in the KPI definitions (docs/kpis.md), the same for reports and the live figures.
 *
 * @param zone         the site's time zone: "today" and the intervals of a report start at its midnights
 * @param shortAbandon a caller who hangs up after waiting less than this is a short abandon
 * @param basis        what the service level is a share of
 * @param repeatWindow an answered call counts as resolved at first contact when no call from the same number
 *                     follows within this window
 */
public record KpiDefinitions(ZoneId zone, Duration shortAbandon, ServiceLevelBasis basis, Duration repeatWindow) {

    public static final Duration DEFAULT_SHORT_ABANDON = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REPEAT_WINDOW = Duration.ofHours(24);

    public KpiDefinitions {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(basis, "basis");
        if (shortAbandon == null || shortAbandon.isNegative() || shortAbandon.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("short-abandon threshold must be between 0s and 1h");
        }
        if (repeatWindow == null || repeatWindow.compareTo(Duration.ofMinutes(1)) < 0
                || repeatWindow.compareTo(Duration.ofDays(31)) > 0) {
            throw new IllegalArgumentException("repeat-call window must be between 1m and 31d");
        }
    }

    /** Short abandons under 5 s, service level over answered calls, repeat calls within 24 hours. */
    public static KpiDefinitions defaults(ZoneId zone) {
        return new KpiDefinitions(zone, DEFAULT_SHORT_ABANDON, ServiceLevelBasis.ANSWERED, DEFAULT_REPEAT_WINDOW);
    }
}
