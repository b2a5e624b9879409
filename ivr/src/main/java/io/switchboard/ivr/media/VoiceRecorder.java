package io.switchboard.ivr.media;

import io.switchboard.callflow.engine.RecordOutcome;
import io.switchboard.callflow.engine.RecordRequest;
import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.rtp.RtpPacket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Records the caller on the call's own thread: takes the packets {@link InboundAudio} hands over, decodes them
 * (G.711 μ-law or A-law, by payload type), and ends on a finish key, {@code silence-end} of frames below
 * {@link SpeechLevel#SPEECH_RMS} (or of no packets at all), the maximum length, or a hang-up. What is kept runs from
 * the first to the last frame of speech: the dead air before the caller starts and the silence that ended the
 * recording are not kept. Every wait is at most one frame, so a hang-up or a key is noticed within 20 ms.
 */
public final class VoiceRecorder {

    /** What the recording needs of its call. */
    public interface Line {
        boolean isGone();

        /** A key from the type-ahead buffer, taken out of it, without waiting. */
        Optional<Character> takeKey();
    }

    /** What was recorded: the samples kept (trailing silence removed) and how it ended. */
    public record Take(RecordOutcome.Ending ending, short[] samples, char finishKey) {

        public Duration length() {
            return Duration.ofMillis(samples.length * 1000L / AudioCodec.SAMPLE_RATE);
        }
    }

    private static final Duration FRAME_TIME = Duration.ofMillis(20);

    private final InboundAudio audio;
    private final Line line;
    private final RecordRequest request;
    private final int maxSamples;
    private final int silenceSamples;
    private short[] samples = new short[AudioCodec.SAMPLE_RATE * 10];
    private int count;
    private int classified;
    private int speechStart = -1;
    private int speechEnd;

    private VoiceRecorder(InboundAudio audio, Line line, RecordRequest request) {
        this.audio = audio;
        this.line = line;
        this.request = request;
        this.maxSamples = samplesIn(request.maxLength());
        this.silenceSamples = samplesIn(request.silenceEnd());
    }

    /** Records until the request's end conditions; returns promptly when the caller hangs up. */
    public static Take record(InboundAudio audio, Line line, RecordRequest request) {
        return new VoiceRecorder(audio, line, request).run();
    }

    private Take run() {
        long started = System.nanoTime();
        long lastPacket = started;
        long wallLimit = request.maxLength().plusSeconds(1).toNanos();
        while (true) {
            if (line.isGone()) {
                drainQueued();
                return take(RecordOutcome.Ending.HUNG_UP, (char) 0);
            }
            Optional<Character> key = line.takeKey();
            if (key.isPresent() && request.finishKeys().contains(key.get())) {
                drainQueued();
                return take(RecordOutcome.Ending.FINISH_KEY, key.get());
            }
            RtpPacket packet = audio.poll(FRAME_TIME);
            long now = System.nanoTime();
            if (packet != null) {
                lastPacket = now;
                append(packet);
            }
            if (count >= maxSamples || now - started >= wallLimit) {
                return take(RecordOutcome.Ending.MAX_LENGTH, (char) 0);
            }
            if (count - Math.max(speechEnd, 0) >= silenceSamples || now - lastPacket >= request.silenceEnd().toNanos()) {
                return take(RecordOutcome.Ending.SILENCE, (char) 0);
            }
        }
    }

    /** Takes the packets that arrived before the end (they were offered before the key or the hang-up). */
    private void drainQueued() {
        RtpPacket packet;
        while (count < maxSamples && (packet = audio.poll(Duration.ZERO)) != null) {
            append(packet);
        }
    }

    private void append(RtpPacket packet) {
        Optional<AudioCodec> codec = AudioCodec.byPayloadType(packet.payloadType());
        if (codec.isEmpty()) {
            return; // comfort noise or a codec we did not offer
        }
        byte[] payload = packet.payload();
        int n = Math.min(payload.length, maxSamples - count);
        if (count + n > samples.length) {
            samples = Arrays.copyOf(samples, Math.min(Math.max(samples.length * 2, count + n), maxSamples));
        }
        for (int i = 0; i < n; i++) {
            samples[count++] = codec.get().decode(payload[i]);
        }
        while (classified + SpeechLevel.FRAME <= count) {
            if (SpeechLevel.isSpeech(samples, classified)) {
                if (speechStart < 0) {
                    speechStart = classified;
                }
                speechEnd = classified + SpeechLevel.FRAME;
            }
            classified += SpeechLevel.FRAME;
        }
    }

    private Take take(RecordOutcome.Ending ending, char key) {
        return new Take(ending, speechStart < 0 ? new short[0] : Arrays.copyOfRange(samples, speechStart, speechEnd),
                key);
    }

    private static int samplesIn(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis() * AudioCodec.SAMPLE_RATE / 1000);
    }
}
