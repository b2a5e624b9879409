package io.switchboard.ivr.sip;

import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one call asks of its SIP dialogue: the 200 OK with our SDP answer (starting timer H until the ACK comes), and
 * the end from our side (BYE once answered, 480 before).
 */
final class DialogueSignalling implements SipCall.Signalling {

    private static final Logger log = LoggerFactory.getLogger(DialogueSignalling.class);

    private final SipDialogue d;
    private final SipEndpointConfig config;
    private final SipProvider provider;
    private final SipMessages messages;
    private final AckTimer ackTimer;
    private final Runnable forget;

    /** @param forget removes the dialogue from the endpoint's table */
    DialogueSignalling(SipDialogue dialogue, SipEndpointConfig config, SipProvider provider, SipMessages messages,
            AckTimer ackTimer, Runnable forget) {
        this.d = dialogue;
        this.config = config;
        this.provider = provider;
        this.messages = messages;
        this.ackTimer = ackTimer;
        this.forget = forget;
    }

    @Override
    public boolean answer(SipCall call) {
        try {
            synchronized (d) {
                if (d.finalSent) {
                    return false;
                }
                d.answerSdp = call.negotiation().answer(config.bindAddress(), call.media().localPort(),
                        d.sdpSessionId);
                Response ok = messages.withSdp(messages.withToTag(
                        messages.response(Response.OK, d.invite), d.toTag), d.answerSdp);
                d.inviteTx.sendResponse(ok);
                d.finalSent = true;
                if (!d.acked) {
                    d.ackTimer = ackTimer.start(call.facts().callId(), () -> {
                        if (!d.acked && call.end(HangupCause.NO_ACK, CallEnd.Party.SYSTEM)) {
                            hangUp(call);
                        }
                    });
                }
            }
            return true;
        } catch (Exception e) {
            log.warn("call {}: cannot send 200 OK: {}", call.facts().callId(), e.toString());
            return false;
        }
    }

    @Override
    public void hangUp(SipCall call) {
        forget.run();
        try {
            synchronized (d) {
                if (!d.finalSent) {
                    d.finalSent = true;
                    d.inviteTx.sendResponse(messages.withToTag(
                            messages.response(Response.TEMPORARILY_UNAVAILABLE, d.invite), d.toTag));
                    return;
                }
            }
            var dialog = d.inviteTx.getDialog();
            if (dialog != null) {
                Request bye = dialog.createRequest(Request.BYE);
                dialog.sendRequest(provider.getNewClientTransaction(bye));
            }
        } catch (Exception e) {
            log.debug("call {}: BYE failed: {}", call.facts().callId(), e.toString());
        }
    }
}
