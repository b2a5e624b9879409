package io.switchboard.ivr.sip;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.Dialer;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.ivr.media.MediaEngine;
import io.switchboard.ivr.media.MediaSession;
import io.switchboard.speech.PromptLibrary;
import io.switchboard.speech.sdp.RtpMap;
import io.switchboard.speech.sdp.SessionDescription;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound calls from the built-in endpoint, as a UAC (RFC 3261 13.2): INVITE with our offer (PCMU, PCMA,
 * telephone-event 101) and the call's context as {@code X-Switchboard-*} headers; 180/183 mean ringing; 200 → ACK →
 * an answered {@link SipCall}; 486, 600 and 603 → busy; any other final response → failed; the ring timeout or a
 * cancelled future → CANCEL (sent once the far end has rung, as 9.1 asks), and a 200 that races it is ACKed and
 * hung up at once. Each attempt takes a call slot and an RTP port until it ends.
 */
final class SipDialer implements Dialer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipDialer.class);

    private final SipEndpointConfig config;
    private final SipProvider provider;
    private final SipMessages messages;
    private final MediaEngine media;
    private final PromptLibrary prompts;
    private final Clock clock;
    private final CallSlots slots;
    private final OutboundRoute route;
    private final Path recordings;
    private final Map<String, OutboundAttempt> attempts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sip-dialer").daemon(true).factory());

    SipDialer(SipEndpointConfig config, SipProvider provider, SipMessages messages, MediaEngine media,
            PromptLibrary prompts, Clock clock, CallSlots slots, OutboundRoute route, Path recordings) {
        this.config = config;
        this.provider = provider;
        this.messages = messages;
        this.media = media;
        this.prompts = prompts;
        this.clock = clock;
        this.slots = slots;
        this.route = route;
        this.recordings = recordings;
    }

    @Override
    public CompletableFuture<Dialled> dial(DialTarget target, String callerId, Map<String, String> context,
            Duration ringTimeout) {
        String uri;
        try {
            uri = route.uriFor(target);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Dialled.Failed(e.getMessage()));
        }
        if (!slots.tryTake()) {
            return CompletableFuture.completedFuture(new Dialled.Failed("all call slots in use"));
        }
        MediaSession session;
        try {
            session = media.open(InetAddress.getByName(config.bindAddress()));
        } catch (IOException e) {
            slots.release();
            return CompletableFuture.completedFuture(new Dialled.Failed("no RTP port free"));
        }
        String sipCallId = provider.getNewCallId().getCallId();
        String dialed = target instanceof DialTarget.Number n ? n.number() : ((DialTarget.AgentPhone) target).agentId();
        OutboundAttempt attempt = new OutboundAttempt(sipCallId, session, dialed, OutboundInvite.callerId(callerId));
        attempts.put(sipCallId, attempt);
        try {
            Request invite = new OutboundInvite(messages, config).build(uri, sipCallId, attempt.callerId, context,
                    offer(session.localPort()));
            synchronized (attempt) {
                attempt.tx = provider.getNewClientTransaction(invite);
                attempt.tx.sendRequest();
                attempt.ringTimer = timers.schedule(() -> giveUp(attempt, new Dialled.NoAnswer()),
                        ringTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            log.warn("cannot send INVITE to {}: {}", uri, e.toString());
            over(attempt, new Dialled.Failed("cannot send the INVITE: " + e.getMessage()));
            return attempt.result;
        }
        attempt.result.whenComplete((r, e) -> {
            if (e instanceof CancellationException) {
                giveUp(attempt, null);
            }
        });
        return attempt.result;
    }

    private String offer(int rtpPort) {
        return SessionDescription.audio(config.bindAddress(), rtpPort, List.of(RtpMap.of(0, "PCMU", 8000),
                RtpMap.of(8, "PCMA", 8000), RtpMap.of(101, "telephone-event", 8000)),
                ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2)).encode();
    }

    /** A response to one of our requests; false when it is not ours (the endpoint's own BYEs). */
    boolean response(ResponseEvent event) {
        Response response = event.getResponse();
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        OutboundAttempt attempt = attempts.get(callId);
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (attempt == null || !Request.INVITE.equals(cseq.getMethod())) {
            return attempt != null;
        }
        int status = response.getStatusCode();
        try {
            if (status < 200) {
                ringing(attempt);
            } else if (status < 300) {
                answered(attempt, event, cseq.getSeqNumber());
            } else {
                over(attempt, switch (status) {
                    case Response.BUSY_HERE, Response.BUSY_EVERYWHERE, Response.DECLINE -> new Dialled.Busy();
                    case Response.REQUEST_TERMINATED -> new Dialled.NoAnswer(); // our CANCEL; already decided
                    default -> new Dialled.Failed("SIP " + status + " " + response.getReasonPhrase());
                });
            }
        } catch (Exception e) {
            log.warn("outbound call {}: handling {} failed: {}", callId, status, e.toString());
            over(attempt, new Dialled.Failed("SIP " + status + " could not be handled"));
        }
        return true;
    }

    private void ringing(OutboundAttempt attempt) throws Exception {
        synchronized (attempt) {
            if (attempt.stage == OutboundAttempt.Stage.TRYING) {
                attempt.stage = OutboundAttempt.Stage.RINGING;
                if (attempt.cancelWhenRinging) {
                    sendCancel(attempt);
                }
            }
        }
    }

    private void answered(OutboundAttempt attempt, ResponseEvent event, long cseq) throws Exception {
        Dialog dialog = event.getDialog() != null ? event.getDialog() : event.getClientTransaction().getDialog();
        dialog.sendAck(dialog.createAck(cseq));
        SipCall call;
        synchronized (attempt) {
            if (attempt.stage == OutboundAttempt.Stage.ANSWERED) {
                return; // a retransmitted 200: ACKed again above
            }
            boolean wanted = attempt.stage != OutboundAttempt.Stage.OVER && !attempt.cancelWhenRinging;
            byte[] body = event.getResponse().getRawContent();
            var negotiation = SdpNegotiation.negotiate(body == null ? "" : new String(body, StandardCharsets.UTF_8));
            if (!wanted || negotiation.negotiation().isEmpty()) {
                sendBye(dialog);
                attempt.stage = OutboundAttempt.Stage.ANSWERED; // ours to end; a late retransmission is ACKed
                finish(attempt, wanted ? new Dialled.Failed("the answer's SDP is unusable: " + negotiation.failure())
                        : null);
                return;
            }
            attempt.stage = OutboundAttempt.Stage.ANSWERED;
            cancelTimer(attempt);
            CallFacts facts = new CallFacts(UUID.randomUUID().toString(), attempt.callerId, attempt.dialed,
                    clock.instant());
            call = new SipCall(facts, prompts, attempt.media, negotiation.negotiation().get(), new SipCall.Signalling() {
                @Override
                public boolean answer(SipCall c) {
                    return true; // the far end answered; we only start media
                }

                @Override
                public void hangUp(SipCall c) {
                    sendBye(dialog);
                }
            }, clock, recordings);
            attempt.call = call;
        }
        call.ended().whenComplete((end, e) -> {
            attempts.remove(attempt.sipCallId, attempt);
            slots.release();
        });
        call.answer();
        if (!attempt.result.complete(new Dialled.Answered(call))) {
            call.hangup(); // cancelled in the very moment it was answered
        }
    }

    /** The ring timeout passed ({@code why} NoAnswer) or the future was cancelled (null). */
    private void giveUp(OutboundAttempt attempt, Dialled why) {
        synchronized (attempt) {
            if (attempt.stage == OutboundAttempt.Stage.ANSWERED || attempt.stage == OutboundAttempt.Stage.OVER
                    || attempt.cancelWhenRinging) {
                return;
            }
            attempt.cancelWhenRinging = true;
            if (attempt.stage == OutboundAttempt.Stage.RINGING) {
                sendCancel(attempt);
            }
        }
        if (why != null) {
            attempt.result.complete(why);
        }
    }

    private void sendCancel(OutboundAttempt attempt) {
        try {
            ClientTransaction cancel = provider.getNewClientTransaction(attempt.tx.createCancel());
            cancel.sendRequest();
        } catch (Exception e) {
            log.debug("outbound call {}: CANCEL failed: {}", attempt.sipCallId, e.toString());
        }
    }

    private void sendBye(Dialog dialog) {
        try {
            dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
        } catch (Exception e) {
            log.debug("BYE on an outbound call failed: {}", e.toString());
        }
    }

    /** A final non-2xx response, a transport failure or a timeout: the attempt is over. */
    private void over(OutboundAttempt attempt, Dialled why) {
        synchronized (attempt) {
            if (attempt.stage == OutboundAttempt.Stage.ANSWERED || attempt.stage == OutboundAttempt.Stage.OVER) {
                return;
            }
            attempt.stage = OutboundAttempt.Stage.OVER;
        }
        finish(attempt, why);
    }

    private void finish(OutboundAttempt attempt, Dialled why) {
        cancelTimer(attempt);
        attempts.remove(attempt.sipCallId, attempt);
        attempt.media.close();
        slots.release();
        if (why != null) {
            attempt.result.complete(why);
        }
    }

    private static void cancelTimer(OutboundAttempt attempt) {
        if (attempt.ringTimer != null) {
            attempt.ringTimer.cancel(false);
        }
    }

    /** Our INVITE got no answer at all (transaction timeout) or could not be sent. */
    void unreachable(String sipCallId, String why) {
        OutboundAttempt attempt = attempts.get(sipCallId);
        if (attempt != null) {
            over(attempt, new Dialled.Failed(why));
        }
    }

    /** The far end hung up an answered outbound call (BYE); false when the Call-ID is none of ours. */
    boolean hungUp(String sipCallId) {
        OutboundAttempt attempt = attempts.get(sipCallId);
        SipCall call = attempt == null ? null : attempt.call;
        if (call == null) {
            return false;
        }
        call.end(HangupCause.NORMAL, CallEnd.Party.CALLER);
        return true;
    }

    /** Ends every outbound call and attempt (the endpoint is stopping). */
    @Override
    public void close() {
        for (OutboundAttempt a : attempts.values()) {
            SipCall call = a.call;
            if (call != null) {
                call.hangup();
            } else {
                giveUp(a, new Dialled.Failed("the endpoint is stopping"));
            }
        }
        timers.shutdownNow();
    }
}
