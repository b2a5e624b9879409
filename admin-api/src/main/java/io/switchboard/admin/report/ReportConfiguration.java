package io.switchboard.admin.report;

import io.switchboard.ivr.acd.QueueSnapshots;
import io.switchboard.ivr.report.Reports;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The contact-centre meters, bound to the server's meter registry (published at {@code /actuator/prometheus}). */
@Configuration(proxyBeanMethods = false)
public class ReportConfiguration {

    @Bean
    ContactCentreMeters contactCentreMeters(QueueSnapshots snapshots, Reports reports) {
        return new ContactCentreMeters(snapshots, reports, Clock.systemUTC());
    }
}
