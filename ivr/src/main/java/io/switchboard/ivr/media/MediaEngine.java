package io.switchboard.ivr.media;

import io.switchboard.ivr.call.ReasonCounts;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in media engine: one pacing clock for all outbound streams, one selector thread reading all RTP
 * sockets, RTP ports from a range, and a watch that reports calls whose RTP stopped arriving.
 */
public final class MediaEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaEngine.class);

    /** How often (in ticks) the inactivity watch looks: once a second. */
    private static final int WATCH_EVERY_TICKS = 50;
    /** How often (in ticks) dropped RTP is summarised in the log: once a minute. */
    private static final int DROP_SUMMARY_EVERY_TICKS = 3000;

    private final MediaClock clock;
    private final RtpReceiver receiver;
    private final PortAllocator ports;
    private final long inactivityNanos;
    private final Set<MediaSession> sessions = ConcurrentHashMap.newKeySet();
    private final RtpSourcePolicy sourcePolicy;
    private final ReasonCounts<RtpDrop> drops = new ReasonCounts<>(RtpDrop.class, RtpDrop::code);

    /** Strict source checking: media only from the address and port the caller's SDP announced. */
    public MediaEngine(int portMin, int portMax, Duration inactivityTimeout) throws IOException {
        this(portMin, portMax, inactivityTimeout, RtpSourcePolicy.STRICT);
    }

    public MediaEngine(int portMin, int portMax, Duration inactivityTimeout, RtpSourcePolicy sourcePolicy)
            throws IOException {
        this.sourcePolicy = sourcePolicy;
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

    /** How many RTP sessions the port range holds (one even port each). */
    public int portCapacity() {
        return ports.capacity();
    }

    /** Inbound RTP dropped on every call, by reason. */
    public ReasonCounts<RtpDrop> drops() {
        return drops;
    }

    RtpSourcePolicy sourcePolicy() {
        return sourcePolicy;
    }

    void dropped(RtpDrop reason) {
        drops.add(reason);
    }

    void release(MediaSession session) {
        sessions.remove(session);
    }

    private void watch(long tick, long now) {
        if (tick % DROP_SUMMARY_EVERY_TICKS == 0) {
            String summary = drops.sinceLastSummary();
            if (!summary.isEmpty()) {
                log.warn("inbound RTP dropped in the last minute: {}", summary);
            }
        }
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
