package io.switchboard.ivr.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.speech.testing.Fuzz;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpooledWriteTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00.123456789Z");

    static final List<CallWrite> EVERY_KIND = List.of(
            new CallWrite.Started(new CallFacts("c-1", "+49 30 ☎", "100", T0), "hotline", 3),
            new CallWrite.Answered("c-1", T0.plusMillis(5)),
            new CallWrite.Path("c-1", PathEntry.step(1, T0.plusSeconds(1), "welcome", "play")),
            new CallWrite.Path("c-1", PathEntry.flowEnd(2, T0.plusSeconds(2), "hangup")),
            new CallWrite.Recorded("c-1", new CallRecordingEntry(1, "rec/c-1-1.wav", T0.plusSeconds(3),
                    Duration.ofMillis(4200), "finish-key", "#")),
            new CallWrite.Recorded("c-1", new CallRecordingEntry(2, "rec/c-1-2.wav", T0.plusSeconds(9),
                    Duration.ZERO, "hung-up", null)),
            new CallWrite.Surveyed("c-1", new SurveyAnswer(1, T0.plusSeconds(4), 5, null)),
            new CallWrite.Ended("c-1", new CallEnd(HangupCause.NORMAL, CallEnd.Party.CALLER, T0.plusSeconds(10))));

    @Test
    void everyKindOfWriteReadsBackAsItWasWritten() throws IOException {
        for (CallWrite write : EVERY_KIND) {
            assertThat(SpooledWrite.decode(SpooledWrite.encode(write))).isEqualTo(write);
        }
    }

    @Test
    void aDamagedRecordIsAnIOExceptionNeverAnotherFailure() {
        List<byte[]> seeds = EVERY_KIND.stream().map(SpooledWrite::encode).toList();
        Fuzz.check("spooled-write", random -> Fuzz.mutate(random, seeds.get(random.nextInt(seeds.size()))),
                Fuzz::describe, bytes -> {
                    try {
                        CallWrite write = SpooledWrite.decode(bytes);
                        assertThat(SpooledWrite.decode(SpooledWrite.encode(write))).isEqualTo(write);
                    } catch (IOException expected) {
                        assertThat(expected.getMessage()).isNotBlank();
                    }
                });
    }
}
