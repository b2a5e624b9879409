package io.switchboard.ivr.sip;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP timer H for our answers (RFC 3261 13.3.1.4): a 200 OK that gets no ACK within the timeout ends its call, so a
 * caller that never completes the handshake does not hold its RTP port and call slot until the media timeout. One
 * scheduler thread serves every call.
 */
final class AckTimer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AckTimer.class);

    private final Duration timeout;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sip-ack-timer").daemon(true).factory());

    AckTimer(Duration timeout) {
        this.timeout = timeout;
    }

    /** Runs {@code expire} unless the returned handle is cancelled (the ACK came) within the timeout. */
    ScheduledFuture<?> start(String callId, Runnable expire) {
        return scheduler.schedule(() -> {
            try {
                log.info("call {}: no ACK for our 200 OK within {} s; releasing it", callId, timeout.toSeconds());
                expire.run();
            } catch (RuntimeException e) {
                log.warn("call {}: releasing after the ACK timeout failed", callId, e);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
