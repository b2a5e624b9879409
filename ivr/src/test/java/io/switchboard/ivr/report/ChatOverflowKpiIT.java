package io.switchboard.ivr.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.queue.QueueRegistry;
import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller who left the phone queue for chat (CHATOVERFLOW) is offered, counted as {@code leftForChat} with the wait
 * they had, and never as abandoned (docs/kpis.md), in a real PostgreSQL.
 */
class ChatOverflowKpiIT {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final TestDatabase DB = TestDatabase.create(ChatOverflowKpiIT.class);
    static Database database;

    @BeforeAll
    static void writeTheQueueLog() throws Exception {
        database = DB.open();
        QueueLogFixture f = new QueueLogFixture(database.dataSource(), PARIS);
        f.log("2026-11-30T09:00:00", "k1", "support", "NONE", "ENTERQUEUE", "", "+15550001", 1);
        f.log("2026-11-30T09:02:00", "k1", "support", "NONE", "CHATOVERFLOW", 1, 1, 120, 5);
        f.log("2026-11-30T09:10:00", "k2", "support", "NONE", "ENTERQUEUE", "", "+15550002", 1);
        f.log("2026-11-30T09:10:30", "k2", "support", "NONE", "ABANDON", 1, 1, 30);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aCallerGoneToChatIsNotAnAbandon() {
        var registry = new QueueRegistry(Path.of("queues.yaml"), Map.of("support", new QueueRegistry.Queue("support",
                "", Duration.ofSeconds(20))));
        Reports reports = new Reports(database.dataSource(), () -> registry, KpiDefinitions.defaults(PARIS),
                Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), PARIS));
        ZonedDateTime start = ZonedDateTime.parse("2026-11-30T00:00:00+01:00[Europe/Paris]");
        QueueFigures h9 = reports.queues(reports.period(start.toInstant(), start.plusDays(1).toInstant(),
                ReportInterval.HOUR)).rows().stream().filter(f -> f.queue().equals("support")
                        && f.intervalStart().getHour() == 9).findFirst().orElseThrow();
        assertThat(List.of(h9.offered(), h9.abandoned(), h9.leftForChat(), h9.leftWithKey(), h9.waiting()))
                .containsExactly(2, 1, 1, 0, 0);
        assertThat(h9.abandonRate()).as("1 abandoned / 2 offered").isEqualTo(0.5);
        assertThat(h9.longestWaitSeconds()).as("the chat caller's 120 s count as a wait").isEqualTo(120L);
        assertThat(h9.averageWaitSeconds()).isEqualTo(75.0);
    }
}
