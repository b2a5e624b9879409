package io.switchboard.admin.calendar;

import io.switchboard.callflow.calendar.CalendarOverrides;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Supervisors' calendar switches, put back from PostgreSQL at start-up. */
@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CalendarConfiguration.class);

    @Bean
    CalendarSwitches calendarSwitches(DataSource dataSource, CalendarOverrides overrides) {
        CalendarSwitches switches = new CalendarSwitches(JdbcClient.create(dataSource), overrides, Clock.systemUTC());
        int restored = switches.restore();
        if (restored > 0) {
            log.warn("{} calendar switch(es) thrown by supervisors are in force: GET /api/calendars", restored);
        }
        return switches;
    }
}
