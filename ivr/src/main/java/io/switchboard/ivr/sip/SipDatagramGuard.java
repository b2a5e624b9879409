package io.switchboard.ivr.sip;

import io.switchboard.ivr.call.ReasonCounts;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint's first look at every datagram on its SIP port, before the SIP stack: malformed requests the stack
 * would drop unanswered get a 400 here ({@link SipDatagramCheck}), a body longer than its Content-Length is cut,
 * and new INVITEs over their source's rate get a 503 with Retry-After ({@link InviteRateLimit}) without costing a
 * transaction. Answers go to the address the datagram came from.
 */
final class SipDatagramGuard {

    private static final Logger log = LoggerFactory.getLogger(SipDatagramGuard.class);

    private final InviteRateLimit rateLimit;
    private final Duration retryAfter;
    private final ReasonCounts<SipRefusal> refusals;
    private volatile DatagramSocket socket;

    SipDatagramGuard(SipLimits limits, ReasonCounts<SipRefusal> refusals) {
        this.rateLimit = new InviteRateLimit(limits.invitesPerSecond(), limits.inviteBurst(), limits.trackedSources());
        this.retryAfter = limits.retryAfter();
        this.refusals = refusals;
    }

    /** What to do with a datagram; {@code respond} sends a stateless answer to its source. */
    Outcome inspect(byte[] buf, int offset, int length, InetSocketAddress from) {
        DatagramVerdict verdict;
        try {
            verdict = SipDatagramCheck.judge(buf, offset, length);
        } catch (RuntimeException e) {
            log.warn("SIP datagram from {} could not be judged; passing it to the stack", from, e);
            return new Outcome(length, null);
        }
        return switch (verdict) {
            case DatagramVerdict.Pass pass -> {
                if (pass.newInvite() && !rateLimit.tryAcquire(from.getAddress(), System.nanoTime())) {
                    refusals.add(SipRefusal.RATE_LIMITED);
                    RawSipMessage request = RawSipMessage.parse(buf, offset, length);
                    yield new Outcome(-1, StatelessResponse.encode(503, "Too Many INVITEs From This Address",
                            request, retryAfter));
                }
                yield new Outcome(pass.length(), null);
            }
            case DatagramVerdict.Answer answer -> {
                refusals.add(SipRefusal.MALFORMED);
                log.debug("SIP request from {} refused: {} {}", from, answer.status(), answer.reason());
                yield new Outcome(-1, StatelessResponse.encode(answer.status(), answer.reason(), answer.request(),
                        null));
            }
            case DatagramVerdict.Drop drop -> {
                refusals.add(SipRefusal.UNANSWERABLE);
                log.debug("SIP datagram from {} dropped: {}", from, drop.why());
                yield new Outcome(-1, null);
            }
        };
    }

    /** The SIP port's socket, once the stack has made it. */
    void attach(DatagramSocket sipSocket) {
        this.socket = sipSocket;
    }

    /** Refusals counted so far, by reason. */
    ReasonCounts<SipRefusal> refusals() {
        return refusals;
    }

    /**
     * Sends a response the stack could not (no transaction could be made for its request) from the SIP port to
     * where the request came from.
     */
    void sendStateless(byte[] response, InetSocketAddress to) {
        DatagramSocket s = socket;
        if (s == null) {
            return;
        }
        try {
            s.send(new DatagramPacket(response, response.length, to));
        } catch (IOException e) {
            log.debug("stateless response to {} failed: {}", to, e.toString());
        }
    }

    /** Sources the INVITE rate limit remembers. */
    int trackedSources() {
        return rateLimit.trackedSources();
    }

    /**
     * @param passLength how many bytes to hand to the stack, or -1 to hand nothing
     * @param response   a stateless response to send to the source, or null
     */
    record Outcome(int passLength, byte[] response) {}
}
