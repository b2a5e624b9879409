package io.switchboard.ivr.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.RecordOutcome;
import io.switchboard.callflow.engine.RecordRequest;
import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.rtp.RtpPacket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Recording the caller's packets: each way it ends, what is kept, and both G.711 laws. */
class VoiceRecorderTest {

    private final InboundAudio audio = new InboundAudio();
    private final ArrayDeque<Character> keys = new ArrayDeque<>();
    private final AtomicBoolean gone = new AtomicBoolean();
    private int sequence;

    private final VoiceRecorder.Line line = new VoiceRecorder.Line() {
        @Override
        public boolean isGone() {
            return gone.get();
        }

        @Override
        public Optional<Character> takeKey() {
            return Optional.ofNullable(keys.poll());
        }
    };

    private static RecordRequest request(Duration max, Duration silence) {
        return new RecordRequest(max, silence, Set.of('#'), false);
    }

    /** Queues {@code frames} 20 ms frames of a loud tone (speech) or of digital silence. */
    private void frames(AudioCodec codec, int frames, boolean speech) {
        for (int f = 0; f < frames; f++) {
            byte[] payload = new byte[160];
            for (int i = 0; i < 160; i++) {
                short sample = speech ? (short) (6000 * Math.sin(2 * Math.PI * 440 * (f * 160 + i) / 8000.0)) : 0;
                payload[i] = codec.encode(sample);
            }
            audio.offer(new RtpPacket(codec.payloadType(), false, sequence++, 160L * sequence, 1, payload));
        }
    }

    @Test
    void silenceAfterSpeechEndsItAndIsNotKept() {
        frames(AudioCodec.PCMU, 50, true);
        frames(AudioCodec.PCMU, 60, false);
        VoiceRecorder.Take take = VoiceRecorder.record(audio, line, request(Duration.ofSeconds(30),
                Duration.ofSeconds(1)));
        assertThat(take.ending()).isEqualTo(RecordOutcome.Ending.SILENCE);
        assertThat(take.length()).isEqualTo(Duration.ofSeconds(1));
        assertThat(take.samples()).hasSize(8000);
    }

    @Test
    void deadAirBeforeTheCallerSpeaksIsNotKept() {
        frames(AudioCodec.PCMA, 20, false);
        frames(AudioCodec.PCMA, 25, true);
        frames(AudioCodec.PCMA, 60, false);
        VoiceRecorder.Take take = VoiceRecorder.record(audio, line, request(Duration.ofSeconds(30),
                Duration.ofSeconds(1)));
        assertThat(take.length()).isEqualTo(Duration.ofMillis(500));
        assertThat(Math.abs(take.samples()[40])).as("A-law decoded, not silence").isGreaterThan(100);
    }

    @Test
    void theMaximumLengthCutsItAtExactlyThatManySamples() {
        frames(AudioCodec.PCMU, 120, true);
        VoiceRecorder.Take take = VoiceRecorder.record(audio, line, request(Duration.ofSeconds(2),
                Duration.ofSeconds(1)));
        assertThat(take.ending()).isEqualTo(RecordOutcome.Ending.MAX_LENGTH);
        assertThat(take.samples()).hasSize(16_000);
    }

    @Test
    void aFinishKeyKeepsEveryPacketThatCameBeforeIt() {
        frames(AudioCodec.PCMU, 40, true);
        keys.add('5');
        keys.add('#');
        VoiceRecorder.Take take = VoiceRecorder.record(audio, line, request(Duration.ofSeconds(30),
                Duration.ofSeconds(5)));
        assertThat(take.ending()).isEqualTo(RecordOutcome.Ending.FINISH_KEY);
        assertThat(take.finishKey()).isEqualTo('#');
        assertThat(take.samples()).hasSize(40 * 160);
    }

    @Test
    void aHangUpKeepsWhatWasSaid() {
        frames(AudioCodec.PCMU, 30, true);
        gone.set(true);
        VoiceRecorder.Take take = VoiceRecorder.record(audio, line, request(Duration.ofSeconds(30),
                Duration.ofSeconds(5)));
        assertThat(take.ending()).isEqualTo(RecordOutcome.Ending.HUNG_UP);
        assertThat(take.samples()).hasSize(30 * 160);
    }

    @Test
    void noPacketsAtAllEndItAfterTheSilenceTimeWithNothingKept() {
        long started = System.nanoTime();
        VoiceRecorder.Take take = VoiceRecorder.record(audio, line, request(Duration.ofSeconds(30),
                Duration.ofMillis(200)));
        assertThat(take.ending()).isEqualTo(RecordOutcome.Ending.SILENCE);
        assertThat(take.samples()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void quietLineNoiseIsNotSpeech() {
        short[] noise = new short[160];
        short[] voice = new short[160];
        for (int i = 0; i < 160; i++) {
            noise[i] = (short) ((i % 7 - 3) * 40);
            voice[i] = (short) (2000 * Math.sin(i / 3.0));
        }
        assertThat(SpeechLevel.isSpeech(noise, 0)).isFalse();
        assertThat(SpeechLevel.isSpeech(voice, 0)).isTrue();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheReceiver() {
        frames(AudioCodec.PCMU, InboundAudio.CAPACITY + 7, true);
        assertThat(audio.dropped()).isEqualTo(7);
    }
}
