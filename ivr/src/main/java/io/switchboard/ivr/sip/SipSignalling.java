package io.switchboard.ivr.sip;

import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.CallHandler;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.ivr.call.ReasonCounts;
import io.switchboard.ivr.media.MediaEngine;
import io.switchboard.ivr.media.MediaSession;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UAS side of the built-in endpoint: INVITE → 100 → (404 | 488 | 180) → the flow runs and answers with 200 OK;
 * CANCEL → 487; BYE → 200 and the call ends at once; INFO carries keys; OPTIONS → 200. Never blocks a JAIN-SIP
 * thread on a flow and never lets an exception escape into the stack.
 */
final class SipSignalling implements SipListener {

    private static final Logger log = LoggerFactory.getLogger(SipSignalling.class);

    private final SipEndpointConfig config;
    private final SipProvider provider;
    private final SipMessages messages;
    private final MediaEngine media;
    private final PromptLibrary prompts;
    private final CallHandler handler;
    private final Clock clock;
    private final Map<String, SipDialogue> dialogues = new ConcurrentHashMap<>();
    private final CallSlots slots;
    private final ReasonCounts<SipRefusal> refusals;
    private final SipDatagramGuard guard;
    private final AckTimer ackTimer;
    private final Registrar registrar;
    private final SipDialer dialer;
    private final FeatureCodes featureCodes;
    private volatile java.nio.file.Path recordings = SipEndpoint.DEFAULT_RECORDINGS;

    SipSignalling(SipEndpointConfig config, SipProvider provider, MediaEngine media,
            PromptLibrary prompts, CallHandler handler, Clock clock, CallSlots slots, SipDatagramGuard guard,
            SipMessages messages, Registrar registrar, SipDialer dialer, FeatureCodes featureCodes) {
        this.featureCodes = featureCodes;
        this.dialer = dialer;
        this.config = config;
        this.slots = slots;
        this.guard = guard;
        this.refusals = guard.refusals();
        this.ackTimer = new AckTimer(config.limits().ackTimeout());
        this.provider = provider;
        this.messages = messages;
        this.registrar = registrar;
        this.media = media;
        this.prompts = prompts;
        this.handler = handler;
        this.clock = clock;
    }

    /** The directory calls write recordings to. */
    void recordInto(java.nio.file.Path dir) {
        this.recordings = dir;
    }

    int activeCalls() {
        return dialogues.size();
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            switch (request.getMethod()) {
                case Request.INVITE -> invite(event);
                case Request.ACK -> ack(request);
                case Request.BYE -> bye(event);
                case Request.CANCEL -> cancel(event);
                case Request.INFO -> info(event);
                case Request.OPTIONS -> respond(event, messages.response(Response.OK, request));
                case Request.REGISTER -> respond(event, registrar.register(request));
                default -> respond(event, messages.response(Response.METHOD_NOT_ALLOWED, request));
            }
        } catch (Exception e) {
            boolean unreadable = e instanceof javax.sip.TransactionUnavailableException
                    || e.getCause() instanceof java.text.ParseException; // e.g. a From tag without a value
            if (unreadable) {
                log.info("{} {} refused as unreadable: {}", request.getMethod(), callId(request), e.getMessage());
            } else {
                log.warn("{} from {} failed: {}", request.getMethod(), callId(request), e.toString(), e);
            }
            if (!Request.ACK.equals(request.getMethod())) {
                answerStatelessly(event, unreadable ? Response.BAD_REQUEST : Response.SERVER_INTERNAL_ERROR,
                        unreadable ? e.getMessage() : null);
            }
        }
    }

    private void invite(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        String sipCallId = callId(request);
        SipDialogue existing = dialogues.get(sipCallId);
        if (existing != null) {
            reInvite(event, existing);
            return;
        }
        ServerTransaction tx = event.getServerTransaction();
        if (tx == null) {
            try {
                tx = provider.getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException e) {
                return; // a retransmission racing the first copy: the transaction layer answers it
            }
        }
        tx.sendResponse(messages.response(Response.TRYING, request));
        String dialed = request.getRequestURI() instanceof SipURI uri && uri.getUser() != null ? uri.getUser() : "";
        CallHandler handling = handler;
        if (dialed.isEmpty() || featureCodes.covers(dialed) || !handler.accepts(dialed)) {
            switch (featureCodes.decide(request, dialed)) {
                case FeatureCodes.Decision.NotOne n -> {
                    tx.sendResponse(messages.response(Response.NOT_FOUND, request));
                    return;
                }
                case FeatureCodes.Decision.Refuse r -> {
                    tx.sendResponse(r.response());
                    return;
                }
                case FeatureCodes.Decision.Announce a -> handling = a.handler();
            }
        }
        String body = request.getRawContent() == null ? "" : new String(request.getRawContent(),
                StandardCharsets.UTF_8);
        if (!isSdp(request) || body.isBlank()) {
            tx.sendResponse(messages.notAcceptable(request, "an SDP offer is required in the INVITE"));
            return;
        }
        SdpNegotiation.Result result = SdpNegotiation.negotiate(body);
        if (result.negotiation().isEmpty()) {
            tx.sendResponse(messages.notAcceptable(request, result.failure()));
            return;
        }
        if (!slots.tryTake()) {
            refusals.add(SipRefusal.CAPACITY);
            log.warn("call {} refused: all {} call slots in use", sipCallId, slots.capacity());
            tx.sendResponse(messages.serviceUnavailable(request, config.limits().retryAfter()));
            return;
        }
        MediaSession session;
        try {
            session = media.open(InetAddress.getByName(config.bindAddress()));
        } catch (IOException e) {
            slots.release();
            refusals.add(SipRefusal.NO_RTP_PORT);
            log.warn("no RTP port for call {}: {}", sipCallId, e.getMessage());
            tx.sendResponse(messages.serviceUnavailable(request, config.limits().retryAfter()));
            return;
        }
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String caller = from.getAddress().getURI() instanceof SipURI uri && uri.getUser() != null ? uri.getUser()
                : "";
        CallFacts facts = new CallFacts(UUID.randomUUID().toString(), caller, dialed, clock.instant());
        String toTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        SipDialogue dialogue = new SipDialogue(sipCallId, tx, request, toTag,
                ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2));
        SipCall call = new SipCall(facts, prompts, session, result.negotiation().get(), new DialogueSignalling(dialogue, config, provider, messages, ackTimer,
                        () -> dialogues.remove(sipCallId, dialogue)),
                clock, recordings);
        dialogue.call = call;
        dialogues.put(sipCallId, dialogue);
        call.ended().whenComplete((end, err) -> {
            dialogues.remove(sipCallId, dialogue);
            dialogue.stopAckTimer();
            slots.release();
        });
        tx.sendResponse(messages.withToTag(messages.response(Response.RINGING, request), toTag));
        CallHandler chosen = handling;
        Thread.ofVirtual().name("call-" + facts.callId()).start(() -> run(chosen, call));
    }

    private void run(CallHandler chosen, SipCall call) {
        try {
            chosen.handle(call);
        } catch (RuntimeException e) {
            log.error("call {}: handler failed", call.facts().callId(), e);
        } finally {
            if (!call.isGone()) {
                call.hangup();
            }
        }
    }

    private void reInvite(RequestEvent event, SipDialogue d) throws Exception {
        Request request = event.getRequest();
        if (d.call.isAnswered() && request.getHeader(ToHeader.NAME) instanceof ToHeader to && to.getTag() != null) {
            ServerTransaction tx = event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(request);
            tx.sendResponse(messages.withSdp(messages.response(Response.OK, request), d.answerSdp));
        }
        // an INVITE retransmission without a To tag: the transaction layer has already answered it
    }

    private void ack(Request request) {
        SipDialogue d = dialogues.get(callId(request));
        if (d != null) {
            d.acked = true;
            d.stopAckTimer();
        }
    }

    private void bye(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        respond(event, messages.response(Response.OK, request));
        SipDialogue d = dialogues.remove(callId(request));
        if (d != null) {
            d.call.end(HangupCause.NORMAL, CallEnd.Party.CALLER);
        } else {
            dialer.hungUp(callId(request));
        }
    }

    private void cancel(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        SipDialogue d = dialogues.get(callId(request));
        if (d == null) {
            respond(event, messages.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            return;
        }
        respond(event, messages.response(Response.OK, request));
        synchronized (d) {
            if (d.finalSent) {
                return; // already answered: the caller will send BYE
            }
            d.finalSent = true;
            d.inviteTx.sendResponse(messages.withToTag(
                    messages.response(Response.REQUEST_TERMINATED, d.invite), d.toTag));
        }
        dialogues.remove(d.sipCallId, d);
        d.call.end(HangupCause.CANCELLED, CallEnd.Party.CALLER);
    }

    private void info(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        SipDialogue d = dialogues.get(callId(request));
        if (d == null) {
            respond(event, messages.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            return;
        }
        String type = request.getHeader(ContentTypeHeader.NAME) instanceof ContentTypeHeader ct
                ? ct.getContentType() + "/" + ct.getContentSubType() : "";
        String body = request.getRawContent() == null ? "" : new String(request.getRawContent(),
                StandardCharsets.UTF_8);
        var key = DtmfInfo.parse(type, body);
        respond(event, messages.response(key.isPresent() || body.isBlank() ? Response.OK
                : Response.UNSUPPORTED_MEDIA_TYPE, request));
        key.ifPresent(d.call::infoKey);
    }

    /**
     * Answers a request that failed, through the transaction the stack gave it if any, else straight from the SIP
     * port to where it came from (the stack cannot make a transaction for a request it finds incomplete, and one we
     * made may be the very thing that failed to send): never silence.
     */
    private void answerStatelessly(RequestEvent event, int status, String why) {
        Request request = event.getRequest();
        try {
            Response response = messages.response(status, request);
            if (why != null) {
                response.setReasonPhrase(("Bad Request (" + why + ")").replaceAll("[^\\x20-\\x7E]", "?"));
            }
            try {
                if (event.getServerTransaction() == null) {
                    throw new IllegalStateException("no transaction of the stack's own");
                }
                event.getServerTransaction().sendResponse(response);
            } catch (Exception noTransaction) {
                if (request instanceof gov.nist.javax.sip.message.SIPMessage m
                        && m.getPeerPacketSourceAddress() != null) {
                    guard.sendStateless(response.toString().getBytes(StandardCharsets.UTF_8),
                            new java.net.InetSocketAddress(m.getPeerPacketSourceAddress(),
                                    m.getPeerPacketSourcePort()));
                }
            }
        } catch (Exception e) {
            log.debug("no response possible to {}: {}", request.getMethod(), e.toString());
        }
    }

    private void respond(RequestEvent event, Response response) throws Exception {
        ServerTransaction tx = event.getServerTransaction();
        if (tx == null) {
            try {
                tx = provider.getNewServerTransaction(event.getRequest());
            } catch (TransactionAlreadyExistsException e) {
                return;
            }
        }
        tx.sendResponse(response);
    }

    private static boolean isSdp(Request request) {
        return request.getHeader(ContentTypeHeader.NAME) instanceof ContentTypeHeader ct
                && "application".equalsIgnoreCase(ct.getContentType())
                && "sdp".equalsIgnoreCase(ct.getContentSubType());
    }

    private static String callId(Request request) {
        return request.getHeader(CallIdHeader.NAME) instanceof CallIdHeader h ? h.getCallId() : "";
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            dialer.response(event); // our outbound INVITEs; a 200 OK to our BYE needs nothing
        } catch (RuntimeException e) {
            log.warn("response {} could not be handled: {}", event.getResponse().getStatusCode(), e.toString(), e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        log.debug("SIP transaction timed out: {}", event.getTimeout());
        if (event.getClientTransaction() != null
                && Request.INVITE.equals(event.getClientTransaction().getRequest().getMethod())) {
            dialer.unreachable(callId(event.getClientTransaction().getRequest()), "no response to the INVITE");
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("SIP I/O error towards {}:{}", event.getHost(), event.getPort());
        if (event.getSource() instanceof javax.sip.ClientTransaction tx
                && Request.INVITE.equals(tx.getRequest().getMethod())) {
            dialer.unreachable(callId(tx.getRequest()), "cannot reach " + event.getHost() + ":" + event.getPort());
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing kept per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        String id = event.getDialog().getCallId() == null ? "" : event.getDialog().getCallId().getCallId();
        SipDialogue d = dialogues.remove(id);
        if (d == null) {
            dialer.hungUp(id);
        } else {
            if (d.acked) {
                d.call.end(HangupCause.NORMAL, CallEnd.Party.CALLER);
            } else {
                d.call.end(HangupCause.NO_ACK, CallEnd.Party.SYSTEM); // the stack's own timer H fired first
            }
        }
    }

    /** Ends every call (server shutting down). */
    void shutdown() {
        for (SipDialogue d : dialogues.values()) {
            d.call.hangup();
        }
        ackTimer.close();
        dialer.close();
    }
}
