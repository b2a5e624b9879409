package io.switchboard.ivr.store;

import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.CallObserver;
import io.switchboard.ivr.call.CallRecording;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one call: what the carrier observed (answer, prompts heard, keys pressed, end) and what the flow did
 * (steps entered, how it ended). Get one from {@link CallWriter#recorder}; it hands every event to the writer and
 * returns at once, never waiting for the database and never throwing into the carrier or the flow.
 *
 * <p>Path entries are numbered here, when they happen, so their order is the order the caller lived through, from
 * whichever thread each event came.
 */
public final class CallRecorder implements CallObserver, FlowListener {

    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private final CallWriter writer;
    private final String callId;
    private final Clock clock;
    private final AtomicInteger seq = new AtomicInteger();
    private final AtomicInteger recordings = new AtomicInteger();
    private final AtomicInteger surveys = new AtomicInteger();

    CallRecorder(CallWriter writer, String callId, Clock clock) {
        this.writer = writer;
        this.callId = callId;
        this.clock = clock;
    }

    /** The call this recorder records. */
    public String callId() {
        return callId;
    }

    @Override
    public void answered(Instant at) {
        submit(() -> new CallWrite.Answered(callId, at));
    }

    @Override
    public void promptStarted(String prompt, String language, Instant at) {
        path(seq -> PathEntry.prompt(seq, at, prompt, language));
    }

    @Override
    public void keyPressed(char key, String via, Instant at) {
        path(seq -> PathEntry.key(seq, at, key, via));
    }

    @Override
    public void routed(String agentId, String explanation, Instant at) {
        path(seq -> PathEntry.routed(seq, at, agentId, explanation));
    }

    @Override
    public void ended(CallEnd end) {
        submit(() -> new CallWrite.Ended(callId, end));
    }

    @Override
    public void recorded(CallRecording recording) {
        submit(() -> new CallWrite.Recorded(callId, new CallRecordingEntry(recordings.incrementAndGet(),
                recording.file(), recording.startedAt(), recording.length(), recording.endedBy(),
                recording.finishKey())));
    }

    @Override
    public void surveyAnswered(int rating, String commentRecording) {
        Instant at = clock.instant();
        submit(() -> new CallWrite.Surveyed(callId, new SurveyAnswer(surveys.incrementAndGet(), at, rating,
                commentRecording)));
    }

    @Override
    public void stepEntered(String stepId, String kind) {
        Instant at = clock.instant();
        path(seq -> PathEntry.step(seq, at, stepId, kind));
    }

    @Override
    public void flowEnded(String outcome) {
        Instant at = clock.instant();
        path(seq -> PathEntry.flowEnd(seq, at, outcome));
    }

    /**
     * Waits until everything recorded so far for this call (and for calls recorded before it) is stored.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean flush(Duration timeout) {
        return writer.flush(timeout);
    }

    private void path(IntFunction<PathEntry> entry) {
        submit(() -> new CallWrite.Path(callId, entry.apply(seq.incrementAndGet())));
    }

    private void submit(java.util.function.Supplier<CallWrite> write) {
        try {
            writer.submit(write.get());
        } catch (RuntimeException e) {
            log.error("Call {}: event not recorded: {}", callId, e.toString());
        }
    }
}
