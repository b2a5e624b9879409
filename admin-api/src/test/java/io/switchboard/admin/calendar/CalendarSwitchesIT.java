package io.switchboard.admin.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.callflow.calendar.CalendarOverrides;
import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.testing.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A supervisor's calendar switch lasts: stored in PostgreSQL, put back by the next start (a fresh
 * {@link CalendarOverrides}, as after a restart), cleared for good when switched back; a switch given in
 * configuration wins at start-up.
 */
class CalendarSwitchesIT {

    private static final TestDatabase DB = TestDatabase.create(CalendarSwitchesIT.class);
    private static Database database;

    @BeforeAll
    static void open() {
        database = DB.open();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static CalendarSwitches switches(CalendarOverrides overrides) {
        return new CalendarSwitches(JdbcClient.create(database.dataSource()), overrides, Clock.systemUTC());
    }

    @Test
    void aSwitchSurvivesARestartUntilSwitchedBack() {
        CalendarOverrides before = new CalendarOverrides();
        CalendarSwitches running = switches(before);
        running.store("support", "closed-now", "sup");
        running.apply("support", "closed-now");
        assertThat(before.get("support")).contains(CalendarOverrides.Override.CLOSED_NOW);

        CalendarOverrides afterRestart = new CalendarOverrides();
        assertThat(switches(afterRestart).restore()).isEqualTo(1);
        assertThat(afterRestart.get("support")).contains(CalendarOverrides.Override.CLOSED_NOW);
        assertThat(switches(afterRestart).all()).singleElement().satisfies(s -> {
            assertThat(s.setBy()).isEqualTo("sup");
            assertThat(s.state()).isEqualTo("closed-now");
        });

        switches(afterRestart).store("support", "none", "sup");
        switches(afterRestart).apply("support", "none");
        assertThat(afterRestart.get("support")).isEmpty();
        CalendarOverrides again = new CalendarOverrides();
        assertThat(switches(again).restore()).isZero();
        assertThat(again.get("support")).isEmpty();
    }

    @Test
    void configurationWinsAtStartUpAndNonsenseIsRefused() {
        switches(new CalendarOverrides()).store("sales", "open-now", "sup");
        CalendarOverrides configured = new CalendarOverrides();
        configured.set("sales", CalendarOverrides.Override.CLOSED_NOW);
        switches(configured).restore();
        assertThat(configured.get("sales")).contains(CalendarOverrides.Override.CLOSED_NOW);
        assertThatThrownBy(() -> switches(configured).store("sales", "maybe", "sup"))
                .hasMessageContaining("open-now, closed-now or none");
        switches(configured).store("sales", "none", "sup");
    }
}
