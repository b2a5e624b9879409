package io.switchboard.ivr.sip;

import io.switchboard.ivr.media.RtpSourcePolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How the built-in SIP endpoint listens.
 *
 * @param bindAddress     the address SIP and RTP bind to (loopback by default)
 * @param port            the SIP UDP port
 * @param rtpPortMin      lowest RTP port
 * @param rtpPortMax      highest RTP port
 * @param mediaTimeout    a call whose RTP stops for this long is hung up
 * @param rtpSource       which datagrams count as the caller's RTP (strict by default)
 * @param limits          calls at once, ACK timeout, INVITE rate per source
 */
public record SipEndpointConfig(String bindAddress, int port, int rtpPortMin, int rtpPortMax, Duration mediaTimeout,
        RtpSourcePolicy rtpSource, SipLimits limits) {

    public SipEndpointConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(mediaTimeout, "mediaTimeout");
        Objects.requireNonNull(rtpSource, "rtpSource");
        Objects.requireNonNull(limits, "limits");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SIP port must be 1-65535, got " + port);
        }
        if (rtpPortMin < 1 || rtpPortMax > 65535 || rtpPortMin > rtpPortMax) {
            throw new IllegalArgumentException("bad RTP port range " + rtpPortMin + "-" + rtpPortMax);
        }
    }

    /** Strict RTP source checking and the default limits. */
    public SipEndpointConfig(String bindAddress, int port, int rtpPortMin, int rtpPortMax, Duration mediaTimeout) {
        this(bindAddress, port, rtpPortMin, rtpPortMax, mediaTimeout, RtpSourcePolicy.STRICT, SipLimits.defaults());
    }

    /** Loopback, the given SIP port, RTP 20000-29999, 30 s media timeout. */
    public static SipEndpointConfig loopback(int port) {
        return new SipEndpointConfig("127.0.0.1", port, 20000, 29999, Duration.ofSeconds(30));
    }

    public SipEndpointConfig withLimits(SipLimits newLimits) {
        return new SipEndpointConfig(bindAddress, port, rtpPortMin, rtpPortMax, mediaTimeout, rtpSource, newLimits);
    }

    public SipEndpointConfig withRtpSource(RtpSourcePolicy policy) {
        return new SipEndpointConfig(bindAddress, port, rtpPortMin, rtpPortMax, mediaTimeout, policy, limits);
    }
}
