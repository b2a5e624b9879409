package io.switchboard.ivr.sip;

import io.switchboard.callflow.engine.RecordOutcome;
import io.switchboard.callflow.engine.RecordRequest;
import io.switchboard.ivr.call.CallObserver;
import io.switchboard.ivr.call.CallRecording;
import io.switchboard.ivr.media.InboundAudio;
import io.switchboard.ivr.media.MediaSession;
import io.switchboard.ivr.media.VoiceRecorder;
import io.switchboard.speech.Wav;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings of one call on the built-in endpoint: each records the caller's inbound RTP (decoded G.711) into
 * {@code <dir>/<call id>-<n>.wav}, 8 kHz 16-bit mono, and the reference the flow gets is that file's path. The
 * receiver thread only hands packets over ({@link InboundAudio}); decoding, silence detection and the file are the
 * call's own thread's work. Used from the call's thread only.
 */
final class CallerRecordings {

    private static final Logger log = LoggerFactory.getLogger(CallerRecordings.class);

    private final String callId;
    private final MediaSession media;
    private final Path dir;
    private final Clock clock;
    private final List<CallObserver> observers;
    private int made;

    /** @param observers the call's observers (a live list): they hear of every recording kept */
    CallerRecordings(String callId, MediaSession media, Path dir, Clock clock, List<CallObserver> observers) {
        this.callId = callId;
        this.media = media;
        this.dir = dir;
        this.clock = clock;
        this.observers = observers;
    }

    /** Records until the request's end conditions (or the caller hangs up, which {@code line} tells). */
    RecordOutcome record(RecordRequest request, VoiceRecorder.Line line) {
        var startedAt = clock.instant();
        InboundAudio audio = media.listen();
        VoiceRecorder.Take take;
        try {
            take = VoiceRecorder.record(audio, line, request);
        } finally {
            media.stopListening(audio);
        }
        if (audio.dropped() > 0) {
            log.warn("call {}: {} audio packets dropped while recording", callId, audio.dropped());
        }
        if (take.samples().length == 0) {
            return RecordOutcome.nothing(take.ending());
        }
        Path file = dir.resolve(callId + "-" + (++made) + ".wav");
        try {
            Wav.write(file, take.samples());
        } catch (UncheckedIOException e) {
            log.error("call {}: recording not written: {}", callId, e.getMessage());
            return RecordOutcome.nothing(line.isGone() ? RecordOutcome.Ending.HUNG_UP : RecordOutcome.Ending.FAILED);
        }
        CallRecording recording = new CallRecording(file.toString(), startedAt, take.length(), take.ending().code(),
                take.finishKey() == 0 ? null : String.valueOf(take.finishKey()));
        observers.forEach(o -> o.recorded(recording));
        return new RecordOutcome(take.ending(), take.length(), file.toString(), take.finishKey());
    }
}
