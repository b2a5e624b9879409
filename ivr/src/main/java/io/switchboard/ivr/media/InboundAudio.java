package io.switchboard.ivr.media;

import io.switchboard.speech.rtp.RtpPacket;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The caller's audio packets while someone listens (a recording): the receiver thread offers each packet without
 * ever blocking, the call's own thread takes them. When the listener falls more than {@value #CAPACITY} packets
 * (five seconds at 20 ms) behind, new packets are dropped and counted rather than holding up the selector thread
 * that serves every call.
 */
public final class InboundAudio {

    /** Packets that may wait for the listener. */
    static final int CAPACITY = 250;

    private final ArrayBlockingQueue<RtpPacket> packets = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();

    /** Receiver thread: hands a packet over, or drops it when the listener is behind. */
    void offer(RtpPacket packet) {
        if (!packets.offer(packet)) {
            dropped.incrementAndGet();
        }
    }

    /** The next packet, waiting up to {@code timeout}; null when none came. */
    public RtpPacket poll(Duration timeout) {
        try {
            return packets.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Packets dropped because the listener was behind. */
    public long dropped() {
        return dropped.get();
    }
}
