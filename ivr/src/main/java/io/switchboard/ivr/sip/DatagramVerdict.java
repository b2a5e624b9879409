package io.switchboard.ivr.sip;

/** What the endpoint does with a datagram on its SIP port before the SIP stack sees it. */
sealed interface DatagramVerdict {

    /** Hand the first {@code length} bytes to the stack (shorter than the datagram when a body is cut to its length). */
    record Pass(int length, boolean newInvite) implements DatagramVerdict {}

    /** Answer at once, without the stack, with this status; nothing else happens. */
    record Answer(int status, String reason, RawSipMessage request) implements DatagramVerdict {}

    /** Drop it: no response can be addressed. */
    record Drop(String why) implements DatagramVerdict {}
}
