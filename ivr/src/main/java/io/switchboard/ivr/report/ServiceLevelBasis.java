package io.switchboard.ivr.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the service level is a share of: calls answered within the queue's threshold T divided by answered calls
 * (Asterisk's {@code servicelevel}), by offered calls (Amazon Connect's "service level X seconds"), or by offered
 * calls less the short abandons (callers who hung up before T could matter). docs/kpis.md has the formulas.
 */
public enum ServiceLevelBasis {
    ANSWERED("answered"),
    OFFERED("offered"),
    OFFERED_MINUS_SHORT_ABANDONS("offered-minus-short-abandons");

    private final String text;

    ServiceLevelBasis(String text) {
        this.text = text;
    }

    /** The name used in configuration and reports. */
    public String text() {
        return text;
    }

    /** Reads a basis by its {@link #text()}, ignoring case. */
    public static ServiceLevelBasis parse(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(b -> b.text.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("service-level basis must be one of "
                        + Arrays.stream(values()).map(ServiceLevelBasis::text).collect(Collectors.joining(", "))
                        + "; got '" + value + "'"));
    }
}
