package io.switchboard.ivr.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pacing driven tick by tick: timestamps come from tick numbers, whatever the thread did. */
class OutboundStreamTest {

    private final List<RtpPacket> sent = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final OutboundStream stream = new OutboundStream((packet, length) -> {
        try {
            sent.add(RtpPacket.parse(packet, 0, length));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }, AudioCodec.PCMU, 0xCAFEL, 65534, 0xFFFFFF00L);

    @Test
    void sendsSilenceUntilAPromptThenItsFramesWithTheMarkerOnItsFirst() {
        Prompt a = prompt("a", 3, 1000);
        stream.onTick(100, 0);
        stream.onTick(101, 0);
        stream.enqueue(playback(a));
        for (long t = 102; t <= 106; t++) {
            stream.onTick(t, 0);
        }
        assertThat(sent).hasSize(7);
        assertThat(sent.get(0).payload()).containsOnly(AudioCodec.PCMU.silence());
        assertThat(sent.get(2).marker()).isTrue();
        assertThat(sent.get(2).payload()).isEqualTo(a.frames(AudioCodec.PCMU).get(0));
        assertThat(sent.get(4).payload()).isEqualTo(a.frames(AudioCodec.PCMU).get(2));
        assertThat(sent.get(5).payload()).containsOnly(AudioCodec.PCMU.silence());
        assertThat(events).containsExactly("started a", "finished true");
        // sequence wraps, timestamps wrap, both continuous
        assertThat(sent).extracting(RtpPacket::sequence).containsExactly(65534, 65535, 0, 1, 2, 3, 4);
        assertThat(sent).extracting(RtpPacket::timestamp)
                .containsExactly(0xFFFFFF00L, 0xFFFFFFA0L, 0x40L, 0xE0L, 0x180L, 0x220L, 0x2C0L);
    }

    @Test
    void aLateTickCatchesUpWithTimestampsFromTheTickNumbers() {
        stream.onTick(10, 0);
        stream.onTick(14, 0); // the clock thread woke 60 ms late: ticks 11-14 are all due
        assertThat(sent).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(sent.get(i).timestamp()).isEqualTo((0xFFFFFF00L + 160L * i) & 0xFFFFFFFFL);
        }
    }

    @Test
    void aLongStallSkipsAheadRatherThanBurstingAndKeepsTimestampsOnTheClock() {
        stream.onTick(0, 0);
        stream.onTick(100, 0); // 2 s stall
        assertThat(sent).hasSize(1 + OutboundStream.MAX_CATCH_UP + 1);
        RtpPacket last = sent.get(sent.size() - 1);
        assertThat(last.timestamp()).isEqualTo((0xFFFFFF00L + 160L * 100) & 0xFFFFFFFFL);
    }

    @Test
    void stopEndsThePromptAtTheNextFrameAndReportsItIncomplete() {
        Playback p = playback(prompt("long", 50, 500));
        stream.enqueue(p);
        stream.onTick(0, 0);
        stream.onTick(1, 0);
        p.stop();
        stream.onTick(2, 0);
        assertThat(events).containsExactly("started long", "finished false");
        assertThat(sent.get(2).payload()).containsOnly(AudioCodec.PCMU.silence());
    }

    @Test
    void promptsOfOnePlaybackFollowEachOtherEachWithAMarker() {
        stream.enqueue(playback(prompt("a", 2, 100), prompt("b", 2, 200)));
        for (int t = 0; t < 5; t++) {
            stream.onTick(t, 0);
        }
        assertThat(sent).extracting(RtpPacket::marker).containsExactly(true, false, true, false, false);
        assertThat(events).containsExactly("started a", "started b", "finished true");
    }

    private Playback playback(Prompt... prompts) {
        return new Playback(Arrays.asList(prompts), new Playback.Listener() {
            @Override
            public void promptStarted(Prompt prompt) {
                events.add("started " + prompt.name());
            }

            @Override
            public void finished(boolean completed) {
                events.add("finished " + completed);
            }
        });
    }

    private static Prompt prompt(String name, int frames, int level) {
        short[] pcm = new short[frames * Prompt.FRAME_SAMPLES];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (level * ((i % 16) - 8) + i % 7);
        }
        return new Prompt(name, "en", pcm);
    }

    @Test
    void aRelayReplacesPromptsAndKeysGoOutAsEightEventPacketsWithOneTimestamp() {
        OutboundStream bridged = new OutboundStream((packet, length) -> {
            try {
                sent.add(RtpPacket.parse(packet, 0, length));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, AudioCodec.PCMU, 101, 0xCAFEL, 0, 0);
        Prompt a = prompt("a", 50, 1000);
        bridged.enqueue(playback(a));
        bridged.onTick(0, 0);
        RelayFeed feed = new RelayFeed(AudioCodec.PCMU);
        bridged.relayFrom(feed);
        byte[] voice = new byte[160];
        Arrays.fill(voice, (byte) 0x55);
        feed.offer(voice, AudioCodec.PCMU);
        bridged.onTick(1, 0);
        bridged.onTick(2, 0); // nothing relayed in time: silence
        assertThat(events).containsExactly("started a", "finished false"); // the prompt gave way
        assertThat(sent.get(1).payload()).isEqualTo(voice);
        assertThat(sent.get(2).payload()).containsOnly(AudioCodec.PCMU.silence());

        assertThat(bridged.sendKey('5')).isTrue();
        for (long t = 3; t <= 11; t++) {
            bridged.onTick(t, 0);
        }
        List<RtpPacket> event = sent.subList(3, 11);
        assertThat(event).extracting(RtpPacket::payloadType).containsOnly(101);
        assertThat(event).extracting(RtpPacket::timestamp).containsOnly(3 * 160L);
        assertThat(event.get(0).marker()).isTrue();
        assertThat(sent.get(11).payloadType()).isEqualTo(0);
        assertThat(sent.get(11).timestamp()).isEqualTo(11 * 160L);
        assertThat(stream.sendKey('5')).isFalse(); // no telephone-event negotiated
    }
}
