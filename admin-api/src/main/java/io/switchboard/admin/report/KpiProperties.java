package io.switchboard.admin.report;

import io.switchboard.ivr.report.KpiDefinitions;
import io.switchboard.ivr.report.ServiceLevelBasis;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The site's choices in the KPI definitions (docs/kpis.md), under {@code switchboard.kpi.*}.
 *
 * @param shortAbandon      a caller who hangs up sooner is a short abandon ({@code switchboard.kpi.short-abandon})
 * @param serviceLevelBasis {@code answered}, {@code offered} or {@code offered-minus-short-abandons}
 *                          ({@code switchboard.kpi.service-level-basis})
 * @param repeatWindow      a call from the same number within this window makes the earlier call not resolved at
 *                          first contact ({@code switchboard.kpi.repeat-window})
 */
@ConfigurationProperties("switchboard.kpi")
public record KpiProperties(@DefaultValue("5s") Duration shortAbandon,
        @DefaultValue("answered") String serviceLevelBasis, @DefaultValue("24h") Duration repeatWindow) {

    /** The definitions in the site's time zone. */
    public KpiDefinitions definitions(SiteProperties site) {
        return new KpiDefinitions(site.zone(), shortAbandon, ServiceLevelBasis.parse(serviceLevelBasis),
                repeatWindow);
    }

    /**
     * The site itself, under {@code switchboard.site.*}.
     *
     * @param timeZone the site's time zone, where "today" and report intervals start
     *                 ({@code switchboard.site.time-zone}, e.g. {@code Europe/Paris}); empty: the JVM's
     */
    @ConfigurationProperties("switchboard.site")
    public record SiteProperties(@DefaultValue("") String timeZone) {

        public ZoneId zone() {
            return timeZone == null || timeZone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(timeZone.strip());
        }
    }
}
