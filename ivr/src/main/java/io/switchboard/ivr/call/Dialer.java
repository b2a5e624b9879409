package io.switchboard.ivr.call;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Outbound calls, as the ACD asks a carrier for them: an agent's registered phone rung for a waiting caller or a
 * call back, a customer dialled back. The built-in SIP endpoint sends an INVITE; Asterisk originates a channel.
 *
 * <p>The future completes once: {@link Dialled.Answered} with the answered leg (which the ACD then owns and hangs up),
 * or why nobody answered. Cancelling the future before it completes abandons the attempt (SIP CANCEL; AMI Hangup),
 * as when the waiting caller hangs up while the agent's phone rings.
 */
public interface Dialer {

    /**
     * Rings {@code target} for up to {@code ringTimeout}.
     *
     * @param callerId what the called phone shows as the caller (the waiting caller's number; for a call back, the
     *                 hotline's)
     * @param context  call context the phone may show, as {@code X-Switchboard-<name>} headers on SIP (names are
     *                 letters, digits and '-'; values are single-line text, at most 256 characters each)
     */
    CompletableFuture<Dialled> dial(DialTarget target, String callerId, Map<String, String> context,
            Duration ringTimeout);

    /**
     * The carrier that dials customers' numbers ({@link DialTarget.Number}): a call back's agent must be on the same
     * one, to be bridged with the customer.
     */
    default Carrier numbersCarrier() {
        return Carrier.SIP;
    }

    /** Whom to ring. */
    sealed interface DialTarget {
        /** An agent's phone at the contact it registered (a SIP URI such as {@code sip:1001@127.0.0.1:5070}). */
        record AgentPhone(String agentId, String contact) implements DialTarget {}

        /** A customer's number, through the configured outbound route (for the SIP endpoint, a URI template). */
        record Number(String number) implements DialTarget {}
    }

    /** How an outbound call attempt ended. */
    sealed interface Dialled {
        /** Answered; the ACD owns the leg from now on. */
        record Answered(CallLeg leg) implements Dialled {}

        /** Rang for the whole ring timeout without an answer. */
        record NoAnswer() implements Dialled {}

        /** The phone or number said it is busy (SIP 486/600, or declined with 603). */
        record Busy() implements Dialled {}

        /** Could not be reached at all (no route, transport error, 404/480/5xx); {@code reason} says which. */
        record Failed(String reason) implements Dialled {}
    }
}
