package io.switchboard.ivr.media;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.rtp.RtpPacket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One call's outbound RTP: a cursor into shared, pre-encoded prompt frames, paced by the {@link MediaClock}. Between
 * prompts it sends G.711 silence so RTP flows while the call is up. The marker bit is set on the first packet of
 * each prompt; sequence numbers run on from a random start; timestamps are {@code base + 160 × (tick − first tick)},
 * derived from the clock's tick numbers, never from how late a tick ran.
 *
 * <p>Everything but {@link #enqueue(Playback)} runs on the clock thread.
 */
public final class OutboundStream implements MediaClock.Tickable {

    /** Ticks a late stream may catch up in one go; beyond that it skips ahead (timestamps jump accordingly). */
    static final int MAX_CATCH_UP = 10;

    /** Where encoded packets go. */
    public interface PacketSink {
        void send(byte[] packet, int length);
    }

    private final PacketSink sink;
    private final AudioCodec codec;
    private final int payloadType;
    private final long ssrc;
    private final long timestampBase;
    private final byte[] silence = new byte[Prompt.FRAME_SAMPLES];
    private final byte[] buffer = new byte[RtpPacket.HEADER + Prompt.FRAME_SAMPLES];
    private final ConcurrentLinkedQueue<Playback> queue = new ConcurrentLinkedQueue<>();
    private final OutgoingKeys keys = new OutgoingKeys();
    private final byte[] relayed = new byte[Prompt.FRAME_SAMPLES];
    private final int telephoneEventPt;
    private volatile RelayFeed relay;

    private int sequence;
    private long startTick = -1;
    private long nextTick;
    private long packetsSent;
    private Playback current;
    private int promptIndex;
    private int frameIndex;

    public OutboundStream(PacketSink sink, AudioCodec codec, long ssrc, int firstSequence, long timestampBase) {
        this(sink, codec, -1, ssrc, firstSequence, timestampBase);
    }

    /** @param telephoneEventPt the payload type for RFC 4733 events sent with {@link #sendKey}; -1 for none */
    public OutboundStream(PacketSink sink, AudioCodec codec, int telephoneEventPt, long ssrc, int firstSequence,
            long timestampBase) {
        this.telephoneEventPt = telephoneEventPt;
        this.sink = sink;
        this.codec = codec;
        this.payloadType = codec.payloadType();
        this.ssrc = ssrc & 0xFFFFFFFFL;
        this.sequence = firstSequence & 0xFFFF;
        this.timestampBase = timestampBase & 0xFFFFFFFFL;
        Arrays.fill(silence, codec.silence());
    }

    public AudioCodec codec() {
        return codec;
    }

    /** Queues prompts to play after whatever is playing. */
    public void enqueue(Playback playback) {
        queue.add(playback);
    }

    /** Stops what is playing and drops what is queued; each playback hears finished(false). */
    public void stopAll() {
        for (Playback p : queue) {
            p.stop();
        }
        Playback c = current;
        if (c != null) {
            c.stop();
        }
    }

    /**
     * From now on sends what {@code feed} holds (another leg's audio) instead of prompts, which stop; null goes back
     * to prompts (and silence between them).
     */
    void relayFrom(RelayFeed feed) {
        if (feed != null) {
            stopAll();
        }
        this.relay = feed;
    }

    boolean relaying() {
        return relay != null;
    }

    /** Sends {@code key} as RFC 4733 events; false when no telephone-event was negotiated or too many wait. */
    public boolean sendKey(char key) {
        return telephoneEventPt >= 0 && keys.add(key);
    }

    public long packetsSent() {
        return packetsSent;
    }

    /** Synchronized with {@link #close}: a call ending on its own thread must not pull the playback mid-frame. */
    @Override
    public synchronized void onTick(long tick, long nowNanos) {
        if (startTick < 0) {
            startTick = tick;
            nextTick = tick;
        }
        if (tick - nextTick > MAX_CATCH_UP) {
            nextTick = tick - MAX_CATCH_UP;
        }
        while (nextTick <= tick) {
            sendFrame(nextTick);
            nextTick++;
        }
    }

    private void sendFrame(long tick) {
        long timestamp = timestampBase + (long) Prompt.FRAME_SAMPLES * (tick - startTick);
        OutgoingKeys.EventPacket event = telephoneEventPt < 0 ? null : keys.next(timestamp & 0xFFFFFFFFL);
        if (event != null) {
            send(new RtpPacket(telephoneEventPt, event.marker(), sequence, event.timestamp(), ssrc,
                    event.payload()));
            return;
        }
        RelayFeed feed = relay;
        if (feed != null) {
            dropPlaybacks();
            send(new RtpPacket(payloadType, false, sequence, timestamp, ssrc, feed.poll(relayed) ? relayed
                    : silence));
            return;
        }
        boolean marker = false;
        byte[] frame = silence;
        while (true) {
            if (current == null) {
                current = queue.poll();
                promptIndex = 0;
                frameIndex = 0;
                if (current == null) {
                    break;
                }
            }
            if (current.stopped()) {
                finishCurrent(false);
                continue;
            }
            List<Prompt> prompts = current.prompts();
            if (promptIndex >= prompts.size()) {
                finishCurrent(true);
                continue;
            }
            Prompt prompt = prompts.get(promptIndex);
            List<byte[]> frames = prompt.frames(codec);
            if (frameIndex >= frames.size()) {
                promptIndex++;
                frameIndex = 0;
                continue;
            }
            if (frameIndex == 0) {
                marker = true;
                current.listener().promptStarted(prompt);
            }
            frame = frames.get(frameIndex++);
            break;
        }
        send(new RtpPacket(payloadType, marker, sequence, timestamp, ssrc, frame));
    }

    private void send(RtpPacket packet) {
        int length = packet.encodeInto(buffer, 0);
        sequence = (sequence + 1) & 0xFFFF;
        packetsSent++;
        sink.send(buffer, length);
    }

    /** While relaying, prompts played meanwhile end at once (not completed). */
    private void dropPlaybacks() {
        if (current != null) {
            finishCurrent(false);
        }
        Playback p;
        while ((p = queue.poll()) != null) {
            p.finish(false);
        }
    }

    private void finishCurrent(boolean completed) {
        Playback done = current;
        current = null;
        done.finish(completed);
    }

    /** Ends every playback; called when the stream leaves the clock. */
    public synchronized void close() {
        stopAll();
        Playback c = current;
        current = null;
        if (c != null) {
            c.finish(false);
        }
        Playback p;
        while ((p = queue.poll()) != null) {
            p.finish(false);
        }
    }
}
