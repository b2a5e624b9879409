package io.switchboard.ivr.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.ivr.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CallWriterIT {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(30), ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Database database;
    private static CallStore store;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.create(CallWriterIT.class).open();
        store = new CallStore(database.dataSource(), "node-a");
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void fiftyConcurrentCallsEachKeepTheirPathInOrder() throws InterruptedException {
        int calls = 50;
        try (CallWriter writer = new CallWriter(store)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < calls; c++) {
                String id = "many-%02d".formatted(c);
                threads.add(Thread.ofVirtual().start(() -> {
                    CallRecorder recorder = writer.recorder(facts(id), "hotline", 2);
                    awaitQuietly(go);
                    recorder.answered(T0.plusMillis(50));
                    for (int i = 0; i < 10; i++) {
                        recorder.stepEntered("step-" + i, "menu");
                        recorder.promptStarted("prompt-" + i, "en", T0.plusSeconds(i));
                        recorder.keyPressed((char) ('0' + i), "rfc4733", T0.plusSeconds(i).plusMillis(500));
                    }
                    recorder.flowEnded("hangup");
                    recorder.ended(new CallEnd(HangupCause.NORMAL, CallEnd.Party.SYSTEM, T0.plusSeconds(20)));
                }));
            }
            go.countDown();
            for (Thread thread : threads) {
                assertThat(thread.join(WAIT)).isTrue();
            }
            assertThat(writer.flush(WAIT)).isTrue();

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.addAll(List.of("step:step-" + i, "prompt:prompt-" + i, "key:" + i));
            }
            expected.add("flow-end:hangup");
            for (int c = 0; c < calls; c++) {
                CallRecord call = store.find("many-%02d".formatted(c)).orElseThrow();
                assertThat(call.path()).extracting(e -> e.kind().code() + ":" + e.name())
                        .as("path of %s", call.id()).containsExactlyElementsOf(expected);
                assertThat(call.path()).extracting(PathEntry::seq).isSorted().doesNotHaveDuplicates()
                        .hasSize(expected.size());
                assertThat(call.answeredAt()).isEqualTo(T0.plusMillis(50));
                assertThat(call.hangupCause()).isEqualTo("normal");
            }
            assertThat(writer.droppedPathEntries()).isZero();
            assertThat(writer.failedWrites()).isZero();
            assertThat(writer.pendingWrites()).isZero();
        }
    }

    @Test
    void whenThePathQueueIsFullPathEntriesAreDroppedButAnswerAndEndAreKept() throws InterruptedException {
        ControlledDataSource stalled = new ControlledDataSource(database.dataSource()).closeGate();
        try (CallWriter writer = new CallWriter(new CallStore(stalled, "node-a"), 5, CLOCK)) {
            CallRecorder recorder = writer.recorder(facts("full-1"), "hotline", 1);
            assertThat(stalled.awaitSomeoneWaiting(WAIT)).as("writer stuck on the database").isTrue();

            recorder.answered(T0.plusMillis(10));
            for (int i = 1; i <= 12; i++) {
                recorder.promptStarted("prompt-" + i, "en", T0.plusSeconds(i));
            }
            recorder.ended(new CallEnd(HangupCause.NORMAL, CallEnd.Party.CALLER, T0.plusSeconds(13)));

            assertThat(writer.droppedPathEntries()).isEqualTo(7);
            stalled.open();
            assertThat(writer.flush(WAIT)).isTrue();

            CallRecord call = store.find("full-1").orElseThrow();
            assertThat(call.path()).extracting(PathEntry::name)
                    .containsExactly("prompt-1", "prompt-2", "prompt-3", "prompt-4", "prompt-5");
            assertThat(call.answeredAt()).isEqualTo(T0.plusMillis(10));
            assertThat(call.endedAt()).isEqualTo(T0.plusSeconds(13));
            assertThat(call.hungUpBy()).isEqualTo("caller");
            assertThat(writer.failedWrites()).isZero();
        }
    }

    @Test
    void writesWaitForABrieflyUnreachableDatabaseAndArriveOnceItAnswers() {
        ControlledDataSource flaky = new ControlledDataSource(database.dataSource());
        flaky.refuseNext(3);
        try (CallWriter writer = new CallWriter(new CallStore(flaky, "node-a"), 100, CLOCK)) {
            CallRecorder recorder = writer.recorder(facts("flaky-1"), "hotline", 1);
            recorder.stepEntered("welcome", "play");
            recorder.ended(new CallEnd(HangupCause.CANCELLED, CallEnd.Party.CALLER, T0.plusSeconds(2)));

            assertThat(recorder.flush(WAIT)).isTrue();

            assertThat(flaky.refused()).isEqualTo(3);
            CallRecord call = store.find("flaky-1").orElseThrow();
            assertThat(call.path()).containsExactly(PathEntry.step(1, CLOCK.instant(), "welcome", "play"));
            assertThat(call.hangupCause()).isEqualTo("cancelled");
            assertThat(writer.failedWrites()).isZero();
        }
    }

    @Test
    void aWriteTheDatabaseRejectsIsCountedAndTheRestOfItsBatchIsStored() throws InterruptedException {
        ControlledDataSource stalled = new ControlledDataSource(database.dataSource()).closeGate();
        try (CallWriter writer = new CallWriter(new CallStore(stalled, "node-a"), 100, CLOCK)) {
            CallRecorder good = writer.recorder(facts("good-1"), "hotline", 1);
            assertThat(stalled.awaitSomeoneWaiting(WAIT)).isTrue();
            // a recorder for a call whose start was never stored: its path entry breaks the foreign key
            CallRecorder orphan = new CallRecorder(writer, "never-started", CLOCK);
            good.stepEntered("a", "play");
            orphan.stepEntered("x", "play");
            good.stepEntered("b", "play");
            good.ended(new CallEnd(HangupCause.NORMAL, CallEnd.Party.SYSTEM, T0.plusSeconds(3)));

            stalled.open();
            assertThat(writer.flush(WAIT)).isTrue();

            CallRecord call = store.find("good-1").orElseThrow();
            assertThat(call.path()).extracting(PathEntry::name).containsExactly("a", "b");
            assertThat(call.hasEnded()).isTrue();
            assertThat(writer.failedWrites()).isEqualTo(1);
            assertThat(store.find("never-started")).isEmpty();
        }
    }

    @Test
    void closeStoresWhatIsQueuedAndLaterWritesAreCountedAsFailed() {
        CallWriter writer = new CallWriter(store);
        CallRecorder recorder = writer.recorder(facts("late-1"), "hotline", 1);
        recorder.answered(T0.plusSeconds(1));

        writer.close();
        recorder.ended(new CallEnd(HangupCause.SHUTDOWN, CallEnd.Party.SYSTEM, T0.plusSeconds(5)));

        CallRecord call = store.find("late-1").orElseThrow();
        assertThat(call.answeredAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(call.hasEnded()).isFalse();
        assertThat(writer.failedWrites()).isEqualTo(1);
    }

    private static CallFacts facts(String id) {
        return new CallFacts(id, "+4930555", "100", T0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("start signal never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
