package io.switchboard.ivr.media;

import io.switchboard.speech.rtp.TelephoneEvent;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keys to send as RFC 4733 events on an outbound stream (a key pressed on the other leg of a bridge): each key takes
 * eight packets, one per tick, sharing the event's start timestamp, five with a growing duration and three copies of
 * the end packet (4733 2.5.1.4 asks for the end to be sent three times), then the stream's audio resumes. Keys queue
 * up to a bound; beyond it they are dropped.
 */
final class OutgoingKeys {

    static final int MAX_QUEUED = 32;
    private static final int PROGRESS = 5;
    private static final int PACKETS = 8;

    /** One event packet to send now. */
    record EventPacket(byte[] payload, long timestamp, boolean marker) {}

    private final ConcurrentLinkedQueue<Character> queue = new ConcurrentLinkedQueue<>();
    private char current;
    private int step;
    private long startTimestamp;

    /** Queues a key; false when too many wait. */
    boolean add(char key) {
        if (queue.size() >= MAX_QUEUED) {
            return false;
        }
        queue.add(key);
        return true;
    }

    /**
     * The event packet for this tick, or null to send audio. Called on the clock thread only.
     *
     * @param timestamp the RTP timestamp this tick's audio would have
     */
    EventPacket next(long timestamp) {
        if (current == 0) {
            Character k = queue.poll();
            if (k == null) {
                return null;
            }
            current = k;
            step = 0;
            startTimestamp = timestamp;
        }
        boolean end = step >= PROGRESS;
        int duration = 160 * Math.min(step + 1, PROGRESS + 1);
        EventPacket p = new EventPacket(TelephoneEvent.ofDigit(current, end, 10, duration).encode(), startTimestamp,
                step == 0);
        if (++step == PACKETS) {
            current = 0;
        }
        return p;
    }
}
