package io.switchboard.ivr.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.callflow.queue.QueueRegistry;
import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each KPI of docs/kpis.md against a queue log worked out by hand, in a real PostgreSQL. Site time zone
 * Europe/Paris (UTC+1 on 2026-11-30). Queue {@code support}: T = 20 s, wrap-up 10 s; {@code sales}: T = 30 s, wrap-up
 * 10 s.
 *
 * <pre>
 * support, 09:00-10:00                                   support, 10:00-11:00
 *  c1 09:00:00 CONNECT a1 hold 10, talk 100, rated 5     c7 10:14:59 EXITWITHTIMEOUT after 120
 *  c2 09:05:00 CONNECT a2 hold 30, talk 200, rated 2;    c8 10:15:00 still waiting
 *              the same number calls again at 09:30      call back completed 10:30
 *  c3 09:10:00 ABANDON after 3 (short)
 *  c4 09:20:00 ABANDON after 40                         sales
 *  c5 09:40:00 EXITWITHKEY after 25, call back booked    s1 23:30:00 CONNECT a2 hold 5, talk 50
 *  c6 09:50:00 CONNECT a1 hold 20 (= T), transferred     s2 23:59:59 CONNECT a2 hold 5 at 00:00:04 next day
 *              after 60, no caller id                    s3 2026-12-01 00:00:00 ABANDON (next day)
 * agents: a1 logged in 08:55, paused 09:30-09:40, logged off 10:00, missed a ring at 09:04;
 *         a2 logged in since the day before.
 * </pre>
 */
class ReportsIT {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final TestDatabase DB = TestDatabase.create(ReportsIT.class);
    static Database database;
    static QueueLogFixture fixture;

    static final QueueRegistry REGISTRY;

    static {
        Map<String, QueueRegistry.Queue> queues = new LinkedHashMap<>();
        queues.put("support", new QueueRegistry.Queue("support", "", Duration.ofSeconds(20)));
        queues.put("sales", new QueueRegistry.Queue("sales", "", Duration.ofSeconds(30)));
        REGISTRY = new QueueRegistry(Path.of("queues.yaml"), queues);
    }

    @BeforeAll
    static void writeTheQueueLog() throws Exception {
        database = DB.open();
        fixture = new QueueLogFixture(database.dataSource(), PARIS);
        QueueLogFixture f = fixture;
        f.call("r0", "5550001", "2026-11-30T08:00:00");
        f.call("c1", "5550001", "2026-11-30T08:59:30");
        f.call("c2", "5550002", "2026-11-30T09:04:30");
        f.call("c6", "", "2026-11-30T09:49:30");
        f.call("r1", "5550002", "2026-11-30T09:30:00");
        f.call("r2", "5550001", "2026-12-01T10:00:00");
        f.survey("c1", 1, 5, "2026-11-30T09:02:00");
        f.survey("c1", 2, 1, "2026-11-30T09:02:10");
        f.survey("c2", 1, 2, "2026-11-30T09:09:00");
        f.log("2026-11-29T20:00:00", "NONE", "NONE", "a2", "AGENTLOGIN", "SIP/a2");
        f.log("2026-11-30T08:55:00", "NONE", "NONE", "a1", "AGENTLOGIN", "SIP/a1");
        f.log("2026-11-30T09:00:00", "c1", "support", "NONE", "ENTERQUEUE", "", "5550001", 1);
        f.log("2026-11-30T09:00:10", "c1", "support", "a1", "CONNECT", 10, "leg-1", 2);
        f.log("2026-11-30T09:01:50", "c1", "support", "a1", "COMPLETECALLER", 10, 100, 1);
        f.log("2026-11-30T09:04:00", "c2", "support", "a1", "RINGNOANSWER", 15000);
        f.log("2026-11-30T09:05:00", "c2", "support", "NONE", "ENTERQUEUE", "", "5550002", 1);
        f.log("2026-11-30T09:05:30", "c2", "support", "a2", "CONNECT", 30, "leg-2", 3);
        f.log("2026-11-30T09:08:50", "c2", "support", "a2", "COMPLETEAGENT", 30, 200, 1);
        f.log("2026-11-30T09:10:00", "c3", "support", "NONE", "ENTERQUEUE", "", "5550003", 1);
        f.log("2026-11-30T09:10:03", "c3", "support", "NONE", "ABANDON", 1, 1, 3);
        f.log("2026-11-30T09:20:00", "c4", "support", "NONE", "ENTERQUEUE", "", "5550004", 1);
        f.log("2026-11-30T09:20:40", "c4", "support", "NONE", "ABANDON", 1, 1, 40);
        f.log("2026-11-30T09:30:00", "NONE", "NONE", "a1", "PAUSE", "lunch");
        f.log("2026-11-30T09:40:00", "NONE", "NONE", "a1", "UNPAUSE", "lunch");
        f.log("2026-11-30T09:40:00", "c5", "support", "NONE", "ENTERQUEUE", "", "5550005", 1);
        f.log("2026-11-30T09:40:25", "c5", "support", "NONE", "EXITWITHKEY", 5, 1, 1, 25);
        f.log("2026-11-30T09:40:25", "callback-1", "support", "NONE", "CALLBACK_REQUESTED", "5550005", 0, 0);
        f.log("2026-11-30T09:50:00", "c6", "support", "NONE", "ENTERQUEUE", "", "", 1);
        f.log("2026-11-30T09:50:20", "c6", "support", "a1", "CONNECT", 20, "leg-6", 2);
        f.log("2026-11-30T09:51:20", "c6", "support", "a1", "BLINDTRANSFER", 200, "default", 20, 60, 1);
        f.log("2026-11-30T10:00:00", "NONE", "NONE", "a1", "AGENTLOGOFF", "SIP/a1", 3900);
        f.log("2026-11-30T10:14:59", "c7", "support", "NONE", "ENTERQUEUE", "", "5550007", 1);
        f.log("2026-11-30T10:16:59", "c7", "support", "NONE", "EXITWITHTIMEOUT", 1, 1, 120);
        f.log("2026-11-30T10:15:00", "c8", "support", "NONE", "ENTERQUEUE", "", "5550008", 1);
        f.log("2026-11-30T10:30:00", "callback-1", "support", "a2", "CALLBACK_COMPLETED", "5550005", 90);
        f.log("2026-11-30T23:30:00", "s1", "sales", "NONE", "ENTERQUEUE", "", "5550101", 1);
        f.log("2026-11-30T23:30:05", "s1", "sales", "a2", "CONNECT", 5, "leg-s1", 1);
        f.log("2026-11-30T23:30:55", "s1", "sales", "a2", "COMPLETEAGENT", 5, 50, 1);
        f.log("2026-11-30T23:59:59", "s2", "sales", "NONE", "ENTERQUEUE", "", "5550102", 1);
        f.log("2026-12-01T00:00:04", "s2", "sales", "a2", "CONNECT", 5, "leg-s2", 1);
        f.log("2026-12-01T00:00:54", "s2", "sales", "a2", "COMPLETEAGENT", 5, 50, 1);
        f.log("2026-12-01T00:00:00", "s3", "sales", "NONE", "ENTERQUEUE", "", "5550103", 1);
        f.log("2026-12-01T00:00:10", "s3", "sales", "NONE", "ABANDON", 1, 1, 10);
        // a day when clocks go back (Paris, 2026-10-25: 03:00 CEST becomes 02:00 CET), in UTC
        f.log(Instant.parse("2026-10-25T00:30:00Z"), "d1", "support", "NONE", "ENTERQUEUE", "", "5550201", 1);
        f.log(Instant.parse("2026-10-25T00:30:05Z"), "d1", "support", "a1", "CONNECT", 5, "leg-d1", 1);
        f.log(Instant.parse("2026-10-25T01:30:00Z"), "d2", "support", "NONE", "ENTERQUEUE", "", "5550202", 1);
        f.log(Instant.parse("2026-10-25T01:30:02Z"), "d2", "support", "NONE", "ABANDON", 1, 1, 2);
        f.log(Instant.parse("2026-10-25T22:59:59Z"), "d3", "support", "NONE", "ENTERQUEUE", "", "5550203", 1);
        f.log(Instant.parse("2026-10-25T23:00:29Z"), "d3", "support", "NONE", "ABANDON", 1, 1, 30);
        f.log(Instant.parse("2026-10-25T23:00:00Z"), "d4", "support", "NONE", "ENTERQUEUE", "", "5550204", 1);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    static Reports reports(KpiDefinitions definitions) {
        return new Reports(database.dataSource(), () -> REGISTRY, definitions,
                Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), PARIS));
    }

    static Reports reports() {
        return reports(KpiDefinitions.defaults(PARIS));
    }

    static ReportPeriod day(Reports r, String date, ReportInterval interval) {
        ZonedDateTime start = java.time.LocalDate.parse(date).atStartOfDay(PARIS);
        return r.period(start.toInstant(), start.plusDays(1).toInstant(), interval);
    }

    static QueueFigures row(List<QueueFigures> rows, String queue, String localStart) {
        return rows.stream().filter(f -> f.queue().equals(queue)
                && f.intervalStart().toLocalDateTime().toString().equals(localStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + queue + " " + localStart + " in " + rows));
    }

    @Test
    void anHourOfCallsGivesEveryFigureByItsDefinition() {
        QueueReport report = reports().queues(day(reports(), "2026-11-30", ReportInterval.HOUR));
        QueueFigures h9 = row(report.rows(), "support", "2026-11-30T09:00");
        assertThat(h9.intervalStart()).isEqualTo(ZonedDateTime.parse("2026-11-30T09:00:00+01:00[Europe/Paris]"));
        assertThat(List.of(h9.offered(), h9.answered(), h9.abandoned(), h9.abandonedShort(), h9.timedOut(),
                h9.leftWithKey(), h9.leftEmpty(), h9.waiting())).containsExactly(6, 3, 2, 1, 0, 1, 0, 0);
        assertThat(h9.answerRate()).as("3 answered / 6 offered").isEqualTo(0.5);
        assertThat(h9.abandonRate()).as("(2 - 1 short) / (6 - 1 short)").isEqualTo(0.2);
        assertThat(h9.answeredWithinServiceLevel()).as("c1 after 10 s, c6 after exactly 20 s").isEqualTo(2);
        assertThat(h9.serviceLevel()).as("2 / 3 answered").isEqualTo(0.667);
        assertThat(h9.serviceLevelSeconds()).isEqualTo(20);
        assertThat(h9.serviceLevelBasis()).isEqualTo("answered");
        assertThat(h9.averageSpeedOfAnswerSeconds()).as("(10 + 30 + 20) / 3").isEqualTo(20.0);
        assertThat(h9.averageWaitSeconds()).as("(10 + 30 + 3 + 40 + 25 + 20) / 6").isEqualTo(21.3);
        assertThat(h9.longestWaitSeconds()).isEqualTo(40L);
        assertThat(h9.averageTalkSeconds()).as("(100 + 200 + 60) / 3").isEqualTo(120.0);
        assertThat(h9.averageHandlingSeconds()).as("(360 talk + 3 × 10 wrap-up) / 3").isEqualTo(130.0);
        assertThat(h9.transferred()).isEqualTo(1);
        assertThat(h9.transferRate()).as("1 / 3 answered").isEqualTo(0.333);
        assertThat(h9.callbacksRequested()).isEqualTo(1);
        assertThat(h9.callbacksCompleted()).isZero();
        assertThat(h9.surveys()).as("the first rating of each call").isEqualTo(2);
        assertThat(h9.averageRating()).isEqualTo(3.5);
        assertThat(h9.csat()).as("ratings of 4 or 5: 1 of 2").isEqualTo(0.5);
        assertThat(h9.resolvedFirstContact()).as("c1 (its earlier and next-day calls are outside 24 h)")
                .isEqualTo(1);
        assertThat(h9.firstContactResolution()).as("c2 called again; c6 has no number").isEqualTo(0.5);

        QueueFigures h10 = row(report.rows(), "support", "2026-11-30T10:00");
        assertThat(List.of(h10.offered(), h10.answered(), h10.timedOut(), h10.waiting(), h10.callbacksCompleted()))
                .containsExactly(2, 0, 1, 1, 1);
        assertThat(h10.answerRate()).isEqualTo(0.0);
        assertThat(h10.serviceLevel()).as("nothing answered: undefined, not 0 and not NaN").isNull();
        assertThat(h10.averageSpeedOfAnswerSeconds()).isNull();
        assertThat(h10.averageHandlingSeconds()).isNull();
        assertThat(h10.transferRate()).isNull();
        assertThat(h10.csat()).isNull();
        assertThat(h10.firstContactResolution()).isNull();
        assertThat(h10.averageWaitSeconds()).as("the timed-out caller; c8 still waits").isEqualTo(120.0);
        assertThat(h10.longestWaitSeconds()).isEqualTo(120L);

        QueueFigures s23 = row(report.rows(), "sales", "2026-11-30T23:00");
        assertThat(s23.offered()).as("s2 entered at 23:59:59, s3 the next day").isEqualTo(2);
        assertThat(s23.serviceLevelSeconds()).isEqualTo(30);
        assertThat(s23.serviceLevel()).isEqualTo(1.0);
        assertThat(s23.averageHandlingSeconds()).as("talk 50 + wrap-up 10").isEqualTo(60.0);
        assertThat(report.rows()).as("rows only for intervals with data").hasSize(3);
    }

    @Test
    void totalsCoverThePeriodAsAWhole() {
        QueueReport report = reports().queues(day(reports(), "2026-11-30", ReportInterval.HOUR));
        assertThat(report.totals()).extracting(QueueFigures::queue).containsExactly("support", "sales");
        QueueFigures support = report.totals().getFirst();
        assertThat(support.intervalStart()).isNull();
        assertThat(List.of(support.offered(), support.answered(), support.abandoned(), support.abandonedShort(),
                support.timedOut(), support.leftWithKey(), support.waiting(), support.callbacksRequested(),
                support.callbacksCompleted())).containsExactly(8, 3, 2, 1, 1, 1, 1, 1, 1);
        assertThat(support.answerRate()).isEqualTo(0.375);
        assertThat(support.abandonRate()).as("1 / 7").isEqualTo(0.143);
        assertThat(support.averageWaitSeconds()).as("(128 + 120) / 7 calls whose wait ended").isEqualTo(35.4);
        assertThat(support.longestWaitSeconds()).isEqualTo(120L);
        assertThat(support.serviceLevel()).isEqualTo(0.667);
    }

    @Test
    void theServiceLevelVariantsDivideByWhatTheyName() {
        ReportPeriod hours = day(reports(), "2026-11-30", ReportInterval.HOUR);
        QueueFigures overOffered = row(reports(new KpiDefinitions(PARIS, Duration.ofSeconds(5),
                ServiceLevelBasis.OFFERED, Duration.ofHours(24))).queues(hours).rows(), "support", "2026-11-30T09:00");
        assertThat(overOffered.serviceLevel()).as("2 within T / 6 offered").isEqualTo(0.333);
        assertThat(overOffered.serviceLevelBasis()).isEqualTo("offered");
        QueueFigures minusShort = row(reports(new KpiDefinitions(PARIS, Duration.ofSeconds(5),
                ServiceLevelBasis.OFFERED_MINUS_SHORT_ABANDONS, Duration.ofHours(24))).queues(hours).rows(),
                "support", "2026-11-30T09:00");
        assertThat(minusShort.serviceLevel()).as("2 / (6 - 1 short abandon)").isEqualTo(0.4);
    }

    @Test
    void theShortAbandonThresholdAndTheRepeatWindowAreSettings() {
        ReportPeriod hours = day(reports(), "2026-11-30", ReportInterval.HOUR);
        QueueFigures longer = row(reports(new KpiDefinitions(PARIS, Duration.ofSeconds(41),
                ServiceLevelBasis.OFFERED_MINUS_SHORT_ABANDONS, Duration.ofMinutes(10))).queues(hours).rows(),
                "support", "2026-11-30T09:00");
        assertThat(longer.abandonedShort()).as("3 s and 40 s are both under 41 s").isEqualTo(2);
        assertThat(longer.abandonRate()).as("(2 - 2) / (6 - 2)").isEqualTo(0.0);
        assertThat(longer.serviceLevel()).as("2 / (6 - 2)").isEqualTo(0.5);
        assertThat(longer.firstContactResolution()).as("c2's repeat came 25 min later, outside 10 min")
                .isEqualTo(1.0);
        QueueFigures atFive = row(reports().queues(hours).rows(), "support", "2026-11-30T09:00");
        assertThat(atFive.abandonedShort()).as("a 5 s threshold: 3 s is short, 40 s is not").isEqualTo(1);
    }

    @Test
    void quarterHoursSplitAtTheirBoundaries() {
        QueueReport report = reports().queues(day(reports(), "2026-11-30", ReportInterval.QUARTER_HOUR));
        assertThat(report.rows().stream().filter(f -> f.queue().equals("support"))
                .map(f -> f.intervalStart().toLocalTime() + "=" + f.offered()))
                .containsExactly("09:00=3", "09:15=1", "09:30=1", "09:45=1", "10:00=1", "10:15=1", "10:30=0");
        assertThat(row(report.rows(), "support", "2026-11-30T09:30").callbacksRequested()).isEqualTo(1);
        assertThat(row(report.rows(), "support", "2026-11-30T10:30").callbacksCompleted()).isEqualTo(1);
        assertThat(row(report.rows(), "support", "2026-11-30T10:00").timedOut()).as("entered 10:14:59").isEqualTo(1);
        assertThat(row(report.rows(), "support", "2026-11-30T10:15").waiting()).as("entered 10:15:00").isEqualTo(1);
    }

    @Test
    void aDayIsTheSiteLocalDay() {
        QueueReport report = reports().queues(day(reports(), "2026-11-30", ReportInterval.DAY));
        assertThat(report.rows()).extracting(f -> f.queue() + " " + f.intervalStart() + " " + f.offered())
                .containsExactly("support 2026-11-30T00:00+01:00[Europe/Paris] 8",
                        "sales 2026-11-30T00:00+01:00[Europe/Paris] 2");
        QueueReport next = reports().queues(day(reports(), "2026-12-01", ReportInterval.DAY));
        assertThat(row(next.rows(), "sales", "2026-12-01T00:00").abandoned()).as("s3 at 00:00:00").isEqualTo(1);
    }

    @Test
    void onTheDayClocksGoBackTheRepeatedHourIsTwoRowsAndTheDayHas25Hours() {
        Reports r = reports();
        ReportPeriod day = day(r, "2026-10-25", ReportInterval.HOUR);
        assertThat(Duration.between(day.from(), day.to())).isEqualTo(Duration.ofHours(25));
        assertThat(r.queues(day).rows()).extracting(f -> f.intervalStart().toOffsetDateTime() + " " + f.offered())
                .containsExactly("2026-10-25T02:00+02:00 1", "2026-10-25T02:00+01:00 1", "2026-10-25T23:00+01:00 1");
        assertThat(r.queues(day(r, "2026-10-25", ReportInterval.DAY)).rows())
                .extracting(f -> f.intervalStart().toOffsetDateTime() + " " + f.offered() + " " + f.abandoned())
                .containsExactly("2026-10-25T00:00+02:00 3 2");
    }

    @Test
    void anEmptyPeriodHasNoRowsAndTotalsWithoutRatios() {
        QueueReport report = reports().queues(day(reports(), "2026-01-15", ReportInterval.HOUR));
        assertThat(report.rows()).isEmpty();
        assertThat(report.totals()).hasSize(2).allSatisfy(t -> {
            assertThat(t.offered()).isZero();
            assertThat(t.answerRate()).isNull();
            assertThat(t.abandonRate()).isNull();
            assertThat(t.serviceLevel()).isNull();
            assertThat(t.averageSpeedOfAnswerSeconds()).isNull();
            assertThat(t.averageWaitSeconds()).isNull();
            assertThat(t.longestWaitSeconds()).isNull();
            assertThat(t.averageHandlingSeconds()).isNull();
            assertThat(t.csat()).isNull();
            assertThat(t.firstContactResolution()).isNull();
        });
        AgentReport agents = reports().agents(day(reports(), "2026-01-15", ReportInterval.HOUR));
        assertThat(agents.rows()).isEmpty();
    }

    @Test
    void agentsAreCountedWhenTheyAnswerAndOccupancyIsBusyOverAvailableTime() {
        AgentReport report = reports().agents(day(reports(), "2026-11-30", ReportInterval.HOUR));
        AgentFigures a1at9 = report.rows().stream().filter(f -> f.agent().equals("a1")
                && f.intervalStart().getHour() == 9).findFirst().orElseThrow();
        assertThat(List.of(a1at9.answered(), a1at9.ringNoAnswer(), a1at9.transferred())).containsExactly(2, 1, 1);
        assertThat(a1at9.loggedInSeconds()).isEqualTo(3600);
        assertThat(a1at9.pausedSeconds()).isEqualTo(600);
        assertThat(a1at9.busySeconds()).as("c1 100 + 10, c6 60 + 10").isEqualTo(180);
        assertThat(a1at9.occupancy()).as("180 / (3600 - 600)").isEqualTo(0.06);
        AgentFigures a1at8 = report.rows().stream().filter(f -> f.agent().equals("a1")
                && f.intervalStart().getHour() == 8).findFirst().orElseThrow();
        assertThat(a1at8.loggedInSeconds()).as("08:55 to 09:00").isEqualTo(300);
        assertThat(a1at8.occupancy()).isEqualTo(0.0);

        AgentFigures a1 = report.totals().stream().filter(f -> f.agent().equals("a1")).findFirst().orElseThrow();
        assertThat(a1.averageSpeedOfAnswerSeconds()).isEqualTo(15.0);
        assertThat(a1.talkSeconds()).isEqualTo(160);
        assertThat(a1.averageHandlingSeconds()).isEqualTo(90.0);
        assertThat(a1.transferRate()).isEqualTo(0.5);
        assertThat(a1.averageRating()).isEqualTo(5.0);
        assertThat(a1.loggedInSeconds()).isEqualTo(3900);
        assertThat(a1.occupancy()).as("180 / 3300").isEqualTo(0.055);

        AgentFigures a2 = report.totals().stream().filter(f -> f.agent().equals("a2")).findFirst().orElseThrow();
        assertThat(a2.answered()).as("c2 and s1; s2 was answered the next day").isEqualTo(2);
        assertThat(a2.loggedInSeconds()).as("logged in the day before, all day").isEqualTo(86_400);
        assertThat(a2.busySeconds()).as("c2 200 + 10, s1 50 + 10").isEqualTo(270);
        assertThat(a2.averageSpeedOfAnswerSeconds()).isEqualTo(17.5);
        assertThat(a2.csat()).isEqualTo(0.0);
    }

    @Test
    void todayIsTheSiteDaySoFarWithTheSameFigures() {
        Reports r = new Reports(database.dataSource(), () -> REGISTRY, KpiDefinitions.defaults(PARIS),
                Clock.fixed(fixture.at("2026-11-30T11:00:00"), PARIS));
        assertThat(r.todayByQueue()).isEqualTo(reports().queues(day(r, "2026-11-30", ReportInterval.DAY))
                .totals());
    }

    @Test
    void aPeriodLongerThan92DaysIsRefused() {
        Reports r = reports();
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> r.period(from, from.plus(Duration.ofDays(93)), ReportInterval.DAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 92 days");
    }
}
