package io.switchboard.ivr.media;

/** Which datagrams count as the caller's RTP. */
public enum RtpSourcePolicy {
    /** Only from the address and port the caller's SDP announced (the default). */
    STRICT,
    /**
     * From the IP address the caller's SDP announced, any port until the first valid packet, then only from that
     * address and port; our RTP then goes there too. For callers behind NAT, whose SDP names a port the NAT does
     * not keep.
     */
    LATCH
}
