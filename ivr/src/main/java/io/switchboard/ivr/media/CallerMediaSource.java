package io.switchboard.ivr.media;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Judges where a call's inbound RTP may come from, under a {@link RtpSourcePolicy}: the address the caller's SDP
 * announced, or (latching) the first address and port on the signalled IP that sent a valid packet. Used by the
 * receiver thread only; the latched address is published for the sending side.
 */
final class CallerMediaSource {

    private final InetSocketAddress signalled;
    private final RtpSourcePolicy policy;
    private volatile InetSocketAddress latched;

    CallerMediaSource(InetSocketAddress signalled, RtpSourcePolicy policy) {
        this.signalled = signalled;
        this.policy = policy;
    }

    /** Whether a datagram from {@code from} may be the caller's. */
    boolean admits(SocketAddress from) {
        if (!(from instanceof InetSocketAddress sender)) {
            return false;
        }
        InetSocketAddress fixed = policy == RtpSourcePolicy.STRICT ? signalled : latched;
        if (fixed != null) {
            return fixed.equals(sender);
        }
        return sender.getAddress() != null && sender.getAddress().equals(signalled.getAddress());
    }

    /** A valid packet came from {@code from} (already admitted): latch onto it when latching. */
    void validPacketFrom(SocketAddress from) {
        if (policy == RtpSourcePolicy.LATCH && latched == null) {
            latched = (InetSocketAddress) from;
        }
    }

    /** Where to send our RTP: the latched address once there is one, else the signalled one. */
    InetSocketAddress sendTo() {
        InetSocketAddress l = latched;
        return l != null ? l : signalled;
    }
}
