package io.switchboard.ivr.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.CallRecording;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.ivr.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While the database is unreachable, call writes wait on local disk; none is lost, none is stored twice. */
class CallSpoolIT {

    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(30), ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long MAX = 64L << 20;
    private static Database database;
    private static CallStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.create(CallSpoolIT.class).open();
        store = new CallStore(database.dataSource(), "node-s");
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void callsOfAnOutageAreSpooledAndStoredOnceTheDatabaseAnswersAgain() throws Exception {
        ControlledDataSource down = new ControlledDataSource(database.dataSource());
        down.refuseNext(Integer.MAX_VALUE);
        try (CallSpool spool = new CallSpool(dir.resolve("calls.spool"), MAX);
                CallWriter writer = new CallWriter(new CallStore(down, "node-s"), 100, CLOCK, spool)) {
            for (int c = 1; c <= 3; c++) {
                recordWholeCall(writer, "outage-" + c);
            }
            assertThat(writer.flush(WAIT)).isTrue(); // kept on disk, not stored
            assertThat(writer.isSpooling()).isTrue();
            assertThat(writer.spooledWrites()).isEqualTo(3 * 8);
            assertThat(store.find("outage-1")).isEmpty();

            down.refuseNext(0);
            awaitSpoolEmpty(writer);

            for (int c = 1; c <= 3; c++) {
                assertWholeCall(store.find("outage-" + c).orElseThrow());
            }
            assertThat(Files.size(spool.file())).isZero();
            assertThat(writer.failedWrites()).isZero();
            assertThat(writer.droppedPathEntries()).isZero();
            recordWholeCall(writer, "after-1"); // straight to the database again
            assertThat(writer.flush(WAIT)).isTrue();
            assertThat(writer.isSpooling()).isFalse();
            assertWholeCall(store.find("after-1").orElseThrow());
        }
    }

    @Test
    void aCrashDuringAnOutageLosesNothingAndReplayingTwiceStoresEverythingOnce() throws Exception {
        ControlledDataSource down = new ControlledDataSource(database.dataSource());
        down.refuseNext(Integer.MAX_VALUE);
        Path file = dir.resolve("crash.spool");
        CallSpool spool = new CallSpool(file, MAX);
        CallWriter writer = new CallWriter(new CallStore(down, "node-s"), 100, CLOCK, spool);
        recordWholeCall(writer, "crash-1");
        recordWholeCall(writer, "crash-2");
        assertThat(writer.flush(WAIT)).isTrue();
        // the process dies here: what is on disk is all that is left, plus half a record being appended
        byte[] onDisk = Files.readAllBytes(file);
        Path afterCrash = dir.resolve("after-crash.spool");
        Files.write(afterCrash, onDisk);
        Files.write(afterCrash, new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);

        for (int start = 1; start <= 2; start++) { // the second start replays the same file again
            Path copy = dir.resolve("start-" + start + ".spool");
            Files.copy(afterCrash, copy);
            try (CallSpool again = new CallSpool(copy, MAX);
                    CallWriter next = new CallWriter(store, again)) {
                assertThat(next.isSpooling()).as("replayed before the writer takes calls").isFalse();
                assertThat(Files.size(copy)).isZero();
                assertThat(next.failedWrites()).isZero();
            }
            assertWholeCall(store.find("crash-1").orElseThrow());
            assertWholeCall(store.find("crash-2").orElseThrow());
        }
        writer.close();
        spool.close();
    }

    @Test
    void whenTheSpoolIsFullPathEntriesAreDroppedButNoCallIs() throws Exception {
        ControlledDataSource down = new ControlledDataSource(database.dataSource());
        down.refuseNext(Integer.MAX_VALUE);
        try (CallSpool spool = new CallSpool(dir.resolve("small.spool"), 2_000);
                CallWriter writer = new CallWriter(new CallStore(down, "node-s"), 1_000, CLOCK, spool)) {
            for (int c = 1; c <= 10; c++) {
                CallRecorder recorder = writer.recorder(new CallFacts("full-" + c, "+4930", "100", T0), "hotline", 1);
                for (int i = 0; i < 20; i++) {
                    recorder.promptStarted("prompt-" + i, "en", T0.plusSeconds(i));
                }
                recorder.ended(new CallEnd(HangupCause.NORMAL, CallEnd.Party.CALLER, T0.plusSeconds(30)));
            }
            assertThat(writer.flush(WAIT)).isTrue();
            assertThat(writer.droppedPathEntries()).isPositive();
            down.refuseNext(0);
            awaitSpoolEmpty(writer);
            for (int c = 1; c <= 10; c++) {
                CallRecord call = store.find("full-" + c).orElseThrow();
                assertThat(call.endedAt()).isEqualTo(T0.plusSeconds(30));
            }
            System.out.println("CallSpoolIT: full spool dropped " + writer.droppedPathEntries()
                    + " path entries, kept all 10 calls");
        }
    }

    private static void recordWholeCall(CallWriter writer, String id) {
        CallRecorder recorder = writer.recorder(new CallFacts(id, "+4930555", "100", T0), "hotline", 1);
        recorder.answered(T0.plusMillis(100));
        recorder.stepEntered("welcome", "play");
        recorder.promptStarted("welcome", "en", T0.plusSeconds(1));
        recorder.keyPressed('1', "rfc4733", T0.plusSeconds(2));
        recorder.recorded(new CallRecording("rec/" + id + ".wav", T0.plusSeconds(3), Duration.ofSeconds(2),
                "silence", null));
        recorder.surveyAnswered(4, null);
        recorder.ended(new CallEnd(HangupCause.NORMAL, CallEnd.Party.CALLER, T0.plusSeconds(8)));
    }

    private static void assertWholeCall(CallRecord call) {
        assertThat(call.answeredAt()).isEqualTo(T0.plusMillis(100));
        assertThat(call.path()).extracting(e -> e.kind().code() + ":" + e.name())
                .containsExactly("step:welcome", "prompt:welcome", "key:1");
        assertThat(call.recordings()).extracting(CallRecordingEntry::file).containsExactly("rec/" + call.id() + ".wav");
        assertThat(call.surveys()).extracting(SurveyAnswer::rating).containsExactly(4);
        assertThat(call.endedAt()).isEqualTo(T0.plusSeconds(8));
        assertThat(call.hangupCause()).isEqualTo("normal");
    }

    private static void awaitSpoolEmpty(CallWriter writer) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (writer.isSpooling() && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling the writer with a deadline
        }
        assertThat(writer.isSpooling()).as("spool replayed").isFalse();
    }
}
