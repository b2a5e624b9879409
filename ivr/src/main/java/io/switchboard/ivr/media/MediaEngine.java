package io.switchboard.ivr.media;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in media engine: one pacing clock for all outbound streams, one selector thread reading all RTP
 * sockets, RTP ports from a range, and a watch that reports calls whose RTP stopped arriving.
 */
public final class MediaEngine implements AutoCloseable {

    /** How often (in ticks) the inactivity watch looks: once a second. */
    private static final int WATCH_EVERY_TICKS = 50;

    private final MediaClock clock;
    private final RtpReceiver receiver;
    private final PortAllocator ports;
    private final long inactivityNanos;
    private final Set<MediaSession> sessions = ConcurrentHashMap.newKeySet();

    public MediaEngine(int portMin, int portMax, Duration inactivityTimeout) throws IOException {
        this.clock = new MediaClock();
        this.ports = new PortAllocator(portMin, portMax);
        this.inactivityNanos = inactivityTimeout.toNanos();
        this.receiver = new RtpReceiver("rtp-receiver");
        clock.add(this::watch);
        clock.start();
    }

    public MediaClock clock() {
        return clock;
    }

    /** A new session on a free RTP port of {@code address}. */
    public MediaSession open(InetAddress address) throws IOException {
        MediaSession session = new MediaSession(this, ports.bind(address));
        sessions.add(session);
        receiver.register(session);
        return session;
    }

    public int activeSessions() {
        return sessions.size();
    }

    void release(MediaSession session) {
        sessions.remove(session);
    }

    private void watch(long tick, long now) {
        if (tick % WATCH_EVERY_TICKS != 0) {
            return;
        }
        for (MediaSession s : sessions) {
            if (s.started() && now - s.lastReceivedNanos() > inactivityNanos) {
                s.timedOut();
            }
        }
    }

    @Override
    public void close() {
        sessions.forEach(MediaSession::close);
        clock.close();
        receiver.close();
    }
}
