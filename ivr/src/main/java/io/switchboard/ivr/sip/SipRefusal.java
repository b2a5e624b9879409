package io.switchboard.ivr.sip;

/** Why the endpoint refused a SIP request (counted per reason for health, metrics and logs). */
public enum SipRefusal {
    /** The source sent INVITEs faster than its rate allows: 503 with Retry-After. */
    RATE_LIMITED("rate-limited"),
    /** As many calls as allowed are up: 503 with Retry-After. */
    CAPACITY("capacity"),
    /** No RTP port was free: 503 with Retry-After. */
    NO_RTP_PORT("no-rtp-port"),
    /** The request was malformed (missing or unreadable Call-ID, CSeq, From, To, Content-Length): 400. */
    MALFORMED("malformed"),
    /** Malformed beyond answering (no Via to send a response to, or an ACK): dropped. */
    UNANSWERABLE("unanswerable");

    private final String code;

    SipRefusal(String code) {
        this.code = code;
    }

    /** The name in logs and metric tags. */
    public String code() {
        return code;
    }
}
