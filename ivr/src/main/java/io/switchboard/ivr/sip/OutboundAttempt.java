package io.switchboard.ivr.sip;

import io.switchboard.ivr.call.Dialer.Dialled;
import io.switchboard.ivr.media.MediaSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;

/**
 * One outbound INVITE in flight: its transaction, the RTP port offered, and how far it got. Guarded by its own
 * monitor, since responses, the ring timer and a cancelled future race.
 */
final class OutboundAttempt {

    /** How far the attempt got. */
    enum Stage { TRYING, RINGING, ANSWERED, OVER }

    final String sipCallId;
    final CompletableFuture<Dialled> result = new CompletableFuture<>();
    final MediaSession media;
    final String dialed;
    final String callerId;
    ClientTransaction tx;
    ScheduledFuture<?> ringTimer;
    Stage stage = Stage.TRYING;
    /** Given up (ring timeout or cancelled) before any provisional response: CANCEL as soon as one comes. */
    boolean cancelWhenRinging;
    volatile SipCall call;

    OutboundAttempt(String sipCallId, MediaSession media, String dialed, String callerId) {
        this.sipCallId = sipCallId;
        this.media = media;
        this.dialed = dialed;
        this.callerId = callerId;
    }
}
