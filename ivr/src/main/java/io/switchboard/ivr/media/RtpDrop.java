package io.switchboard.ivr.media;

/** Why an inbound RTP datagram was dropped instead of being taken as the caller's media. */
public enum RtpDrop {
    /** Not from the caller's signalled (or latched) address and port. */
    WRONG_SOURCE("wrong-source"),
    /** Not a valid RTP packet (version, lengths, padding). */
    MALFORMED("malformed"),
    /** A payload type the SDP answer did not negotiate (neither the audio codec nor telephone-event). */
    PAYLOAD_TYPE("payload-type");

    private final String code;

    RtpDrop(String code) {
        this.code = code;
    }

    /** The name operators see in logs and metric tags. */
    public String code() {
        return code;
    }
}
