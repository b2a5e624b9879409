package io.switchboard.ivr.sip;

import java.util.concurrent.ScheduledFuture;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/** Per-call SIP state; guarded by its own monitor where responses race. */
final class SipDialogue {
    final String sipCallId;
    final ServerTransaction inviteTx;
    final Request invite;
    final String toTag;
    final long sdpSessionId;
    volatile SipCall call;
    volatile String answerSdp;
    volatile boolean acked;
    volatile ScheduledFuture<?> ackTimer;
    boolean finalSent;

    SipDialogue(String sipCallId, ServerTransaction inviteTx, Request invite, String toTag, long sdpSessionId) {
        this.sipCallId = sipCallId;
        this.inviteTx = inviteTx;
        this.invite = invite;
        this.toTag = toTag;
        this.sdpSessionId = sdpSessionId;
    }

    /** The ACK came (or the call ended): timer H no longer applies. */
    void stopAckTimer() {
        ScheduledFuture<?> timer = ackTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
