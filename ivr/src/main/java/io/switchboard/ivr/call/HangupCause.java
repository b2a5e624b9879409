package io.switchboard.ivr.call;

/** Why a call ended, in the terms a supervisor reads in the call log. */
public enum HangupCause {
    /** A side hung up after the call was answered. */
    NORMAL,
    /** The caller gave up before we answered (SIP CANCEL). */
    CANCELLED,
    /** The caller's media stopped arriving for longer than allowed. */
    MEDIA_TIMEOUT,
    /** No flow serves the dialed number. */
    NOT_FOUND,
    /** The caller offered no codec we can use. */
    INCOMPATIBLE_MEDIA,
    /** The flow or the carrier failed; the caller was hung up. */
    FAILURE,
    /** The server was shutting down. */
    SHUTDOWN,
    /**
     * The node stopped without ending the call (killed or crashed); the call was ended when the node started
     * again, at the time of its last known event.
     */
    SERVER_RESTART,
    /** The caller never acknowledged our answer (no ACK within SIP timer H): the server released the call. */
    NO_ACK,
    /**
     * The carrier went away during the call: the FastAGI connection to Asterisk broke, or Asterisk's AMI said the
     * channel was gone after a reconnect (docs/asterisk.md).
     */
    CARRIER_LOST
}
