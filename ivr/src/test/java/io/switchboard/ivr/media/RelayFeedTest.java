package io.switchboard.ivr.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.AudioCodec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RelayFeedTest {

    @Test
    void theSameCodecPassesBytesUnchanged() {
        RelayFeed feed = new RelayFeed(AudioCodec.PCMU);
        for (int b = 0; b < 256; b++) {
            assertThat(feed.transcode((byte) b, AudioCodec.PCMU)).isEqualTo((byte) b);
        }
    }

    @Test
    void aLawBecomesMuLawOfNearlyTheSameLevel() {
        RelayFeed feed = new RelayFeed(AudioCodec.PCMU);
        for (int b = 0; b < 256; b++) {
            short linear = AudioCodec.PCMA.decode((byte) b);
            short relayed = AudioCodec.PCMU.decode(feed.transcode((byte) b, AudioCodec.PCMA));
            // within one μ-law step of the A-law level (steps grow with the level: about 1/16 of it, at least 8)
            assertThat(Math.abs(relayed - linear)).as("A-law byte %d", b)
                    .isLessThanOrEqualTo(Math.max(8, Math.abs(linear) / 16 + 8));
        }
    }

    @Test
    void framesComeOutWhateverThePacketSizeAndTheOldestAudioGivesWayBeyondTheBound() {
        RelayFeed feed = new RelayFeed(AudioCodec.PCMA);
        byte[] frame = new byte[160];
        assertThat(feed.poll(frame)).isFalse(); // nothing yet: the stream sends silence
        feed.offer(filled(240, 1), AudioCodec.PCMA); // 30 ms packets
        assertThat(feed.poll(frame)).isTrue();
        assertThat(frame).containsOnly((byte) 1);
        assertThat(feed.poll(frame)).isFalse(); // 80 bytes left: not a frame
        for (int i = 0; i < RelayFeed.CAPACITY_FRAMES + 3; i++) {
            feed.offer(filled(160, 10 + i), AudioCodec.PCMA);
        }
        int frames = 0;
        byte first = 0;
        while (feed.poll(frame)) {
            if (frames++ == 0) {
                first = frame[0];
            }
        }
        assertThat(frames).isEqualTo(RelayFeed.CAPACITY_FRAMES);
        assertThat(first).isEqualTo((byte) 13); // the three oldest frames (and the leftover) were dropped
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
