package io.switchboard.ivr.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.ivr.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CallStoreIT {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123456789Z");
    private static Database database;
    private static CallStore store;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.create(CallStoreIT.class).open();
        store = new CallStore(database.dataSource(), "node-a");
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void aCallReadsBackWithEverythingItRecordedAndItsPathInOrder() {
        store.callStarted(new CallFacts("rt-1", "+4930123", "100", T0), "hotline", 3);
        store.answered("rt-1", T0.plusMillis(120));
        // written out of order, as two threads of one call may hand them over
        store.appendPath("rt-1", PathEntry.key(3, T0.plusSeconds(4), '2', "rfc4733"));
        store.appendPath("rt-1", PathEntry.step(1, T0.plusSeconds(1), "welcome", "play"));
        store.appendPath("rt-1", PathEntry.prompt(2, T0.plusSeconds(2), "main-menu", "en"));
        store.appendPath("rt-1", PathEntry.flowEnd(4, T0.plusSeconds(9), "hangup"));
        store.ended("rt-1", new CallEnd(HangupCause.MEDIA_TIMEOUT, CallEnd.Party.SYSTEM, T0.plusSeconds(10)));

        CallRecord call = store.find("rt-1").orElseThrow();

        assertThat(call.id()).isEqualTo("rt-1");
        assertThat(call.caller()).isEqualTo("+4930123");
        assertThat(call.dialed()).isEqualTo("100");
        assertThat(call.flowId()).isEqualTo("hotline");
        assertThat(call.flowVersion()).isEqualTo(3);
        assertThat(call.node()).isEqualTo("node-a");
        assertThat(call.startedAt()).isEqualTo("2026-11-22T10:00:00.123456Z"); // microseconds, as PostgreSQL keeps
        assertThat(call.answeredAt()).isEqualTo("2026-11-22T10:00:00.243456Z");
        assertThat(call.endedAt()).isEqualTo("2026-11-22T10:00:10.123456Z");
        assertThat(call.hangupCause()).isEqualTo("media-timeout");
        assertThat(call.cause()).contains(HangupCause.MEDIA_TIMEOUT);
        assertThat(call.hungUpBy()).isEqualTo("system");
        assertThat(call.path()).containsExactly(
                new PathEntry(1, Instant.parse("2026-11-22T10:00:01.123456Z"), PathEntry.Kind.STEP, "welcome", "play"),
                new PathEntry(2, Instant.parse("2026-11-22T10:00:02.123456Z"), PathEntry.Kind.PROMPT, "main-menu",
                        "en"),
                new PathEntry(3, Instant.parse("2026-11-22T10:00:04.123456Z"), PathEntry.Kind.KEY, "2", "rfc4733"),
                new PathEntry(4, Instant.parse("2026-11-22T10:00:09.123456Z"), PathEntry.Kind.FLOW_END, "hangup",
                        null));
    }

    @Test
    void aCallStillUpHasNoEndAndACallerWhoWithheldTheirNumberIsEmpty() {
        store.callStarted(new CallFacts("up-1", "", "100", T0), "hotline", 1);

        CallRecord call = store.find("up-1").orElseThrow();

        assertThat(call.caller()).isEmpty();
        assertThat(call.answeredAt()).isNull();
        assertThat(call.hasEnded()).isFalse();
        assertThat(call.hangupCause()).isNull();
        assertThat(call.hungUpBy()).isNull();
        assertThat(call.cause()).isEmpty();
        assertThat(call.path()).isEmpty();
    }

    @Test
    void onlyTheFirstAnswerAndTheFirstEndCount() {
        store.callStarted(new CallFacts("twice-1", "200", "100", T0), "hotline", 1);
        store.answered("twice-1", T0.plusSeconds(1));
        store.answered("twice-1", T0.plusSeconds(2));
        store.ended("twice-1", new CallEnd(HangupCause.NORMAL, CallEnd.Party.CALLER, T0.plusSeconds(5)));
        store.ended("twice-1", new CallEnd(HangupCause.SHUTDOWN, CallEnd.Party.SYSTEM, T0.plusSeconds(6)));

        CallRecord call = store.find("twice-1").orElseThrow();

        assertThat(call.answeredAt()).isEqualTo(T0.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(call.hangupCause()).isEqualTo("normal");
        assertThat(call.hungUpBy()).isEqualTo("caller");
        assertThat(call.endedAt()).isEqualTo(T0.plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void anUnknownCallIsNotFound() {
        assertThat(store.find("no-such-call")).isEmpty();
    }

    @Test
    void storingTheSameWritesAgainChangesNothingSoASpoolCanBeReplayed() {
        List<CallWrite> writes = List.of(
                new CallWrite.Started(new CallFacts("dup-1", "200", "100", T0), "hotline", 1),
                new CallWrite.Answered("dup-1", T0.plusSeconds(1)),
                new CallWrite.Path("dup-1", PathEntry.step(1, T0, "welcome", "play")),
                new CallWrite.Recorded("dup-1", new CallRecordingEntry(1, "rec/dup-1.wav", T0.plusSeconds(2),
                        java.time.Duration.ofSeconds(3), "silence", null)),
                new CallWrite.Surveyed("dup-1", new SurveyAnswer(1, T0.plusSeconds(6), 5, null)),
                new CallWrite.Ended("dup-1", new CallEnd(HangupCause.NORMAL, CallEnd.Party.CALLER,
                        T0.plusSeconds(7))));
        store.write(writes);
        CallRecord first = store.find("dup-1").orElseThrow();

        store.write(writes);
        // the first entry of a number wins; a later one with the same number is not stored
        store.appendPath("dup-1", PathEntry.step(1, T0, "menu", "menu"));

        assertThat(store.find("dup-1").orElseThrow()).isEqualTo(first);
        assertThat(first.path()).extracting(PathEntry::name).containsExactly("welcome");
        assertThat(first.recordings()).hasSize(1);
        assertThat(first.surveys()).hasSize(1);
    }

    @Test
    void callsANodeLeftUnfinishedAreEndedAtTheirLastKnownEventAndOnlyThose() {
        try (Database own = TestDatabase.create(CallStoreIT.class).open()) {
            CallStore mine = new CallStore(own.dataSource(), "node-a");
            CallStore other = new CallStore(own.dataSource(), "node-b");
            mine.callStarted(new CallFacts("left-1", "200", "100", T0), "hotline", 1);
            mine.answered("left-1", T0.plusSeconds(1));
            mine.appendPath("left-1", PathEntry.step(1, T0.plusSeconds(2), "welcome", "play"));
            mine.appendPath("left-1", PathEntry.prompt(2, T0.plusSeconds(4), "welcome", "en"));
            mine.callStarted(new CallFacts("left-2", "201", "100", T0.plusSeconds(10)), "hotline", 1);
            mine.callStarted(new CallFacts("done-1", "202", "100", T0), "hotline", 1);
            mine.ended("done-1", new CallEnd(HangupCause.NORMAL, CallEnd.Party.CALLER, T0.plusSeconds(3)));
            other.callStarted(new CallFacts("theirs-1", "203", "100", T0), "hotline", 1);

            assertThat(mine.endUnfinishedCalls()).isEqualTo(2);

            CallRecord left1 = mine.find("left-1").orElseThrow();
            assertThat(left1.endedAt()).isEqualTo(T0.plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            assertThat(left1.hangupCause()).isEqualTo("server-restart");
            assertThat(left1.cause()).contains(HangupCause.SERVER_RESTART);
            assertThat(left1.hungUpBy()).isEqualTo("system");
            assertThat(mine.find("left-2").orElseThrow().endedAt())
                    .isEqualTo(T0.plusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            assertThat(mine.find("done-1").orElseThrow().hangupCause()).isEqualTo("normal");
            assertThat(mine.find("theirs-1").orElseThrow().hasEnded()).isFalse();
            assertThat(mine.endUnfinishedCalls()).isZero();
        }
    }

    @Test
    void latestGivesTheNewestCallsFirstWithTheirPathsUpToTheLimit() {
        // a database of its own, so calls stored by other tests do not count
        try (Database own = TestDatabase.create(CallStoreIT.class).open()) {
            CallStore calls = new CallStore(own.dataSource(), "node-a");
            Instant base = Instant.parse("2026-11-01T08:00:00Z");
            for (int minute : List.of(3, 0, 4, 1, 2)) {
                String id = "m" + minute;
                calls.callStarted(new CallFacts(id, "20" + minute, "100", base.plusSeconds(60L * minute)), "hotline",
                        1);
                for (int seq = 1; seq <= minute + 1; seq++) {
                    calls.appendPath(id, PathEntry.step(seq, base.plusSeconds(60L * minute + seq), "s" + seq, "play"));
                }
            }
            // same start as m4: the larger id comes first
            calls.callStarted(new CallFacts("m4b", "209", "100", base.plusSeconds(240)), "hotline", 1);

            List<CallRecord> latest = calls.latest(3);

            assertThat(latest).extracting(CallRecord::id).containsExactly("m4b", "m4", "m3");
            assertThat(latest.get(0).path()).isEmpty();
            assertThat(latest.get(1).path()).extracting(PathEntry::name).containsExactly("s1", "s2", "s3", "s4",
                    "s5");
            assertThat(latest.get(2).path()).extracting(PathEntry::seq).containsExactly(1, 2, 3, 4);
            assertThat(calls.latest(100)).extracting(CallRecord::id)
                    .containsExactly("m4b", "m4", "m3", "m2", "m1", "m0");
            assertThat(calls.latest(1)).extracting(CallRecord::id).containsExactly("m4b");
        }
    }

    @Test
    void latestOfAnEmptyStoreIsEmpty() {
        try (Database own = TestDatabase.create(CallStoreIT.class).open()) {
            assertThat(new CallStore(own.dataSource(), "node-a").latest(20)).isEmpty();
        }
    }

    @Test
    void latestRefusesALimitOutsideItsRange() {
        assertThatThrownBy(() -> store.latest(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 10000, got 0");
        assertThatThrownBy(() -> store.latest(10_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 10000, got 10001");
    }

    @Test
    void migratingAgainChangesNothing() {
        assertThat(Database.migrate(database.dataSource())).isZero();
    }
}
