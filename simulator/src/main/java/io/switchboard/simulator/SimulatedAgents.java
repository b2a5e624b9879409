package io.switchboard.simulator;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import io.switchboard.speech.sdp.RtpMap;
import io.switchboard.speech.sdp.SessionDescription;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Simulated agents' phones, as many as wanted on one SIP stack and port: each {@link SimulatedAgent} registers with
 * the server as its id (digest authentication, refreshed at half the granted time) and takes the calls the server
 * rings it with. The server tells them apart by the user part of the Request-URI, as it does registered contacts.
 */
public final class SimulatedAgents implements AutoCloseable, SipListener, CallSession.Dialogs {

    private static final String CONTEXT_PREFIX = "X-Switchboard-";

    /**
     * @param address     the local address the phones use
     * @param server      the server's SIP address, host:port
     * @param codec       the codec a phone prefers when the offer has it (else the first G.711 offered)
     * @param answerAfter how long a phone rings before it answers
     * @param talk        how long an agent talks before hanging up (zero: until the other side hangs up)
     * @param wrapUp      after a call, how long the phone answers busy
     * @param expires     the registration time asked for, in seconds
     * @param voice       what an agent says (looped) while talking; null for silence
     */
    public record Options(String address, String server, AudioCodec codec, Duration answerAfter, Duration talk,
            Duration wrapUp, int expires, Prompt voice) {

        /** Phones on 127.0.0.1 registering with {@code server} for 5 minutes, answering after 1 s, talking 20 s. */
        public static Options to(String server) {
            return new Options("127.0.0.1", server, AudioCodec.PCMU, Duration.ofSeconds(1), Duration.ofSeconds(20),
                    Duration.ZERO, 300, null);
        }

        public Options withCodec(AudioCodec c) {
            return new Options(address, server, c, answerAfter, talk, wrapUp, expires, voice);
        }

        public Options withTiming(Duration answer, Duration talkFor, Duration wrap) {
            return new Options(address, server, codec, answer, talkFor, wrap, expires, voice);
        }

        public Options withExpires(int seconds) {
            return new Options(address, server, codec, answerAfter, talk, wrapUp, seconds, voice);
        }

        public Options withVoice(Prompt v) {
            return new Options(address, server, codec, answerAfter, talk, wrapUp, expires, v);
        }
    }

    private final PromptLibrary library;
    private final Options options;
    private final PhoneStack phone;
    private final SipStack stack;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final int sipPort;
    private final Map<String, SimulatedAgent> byId = new ConcurrentHashMap<>();
    private final PhoneRegistrations registrations;
    private final FeatureCalls features;
    private final Map<String, ServerTransaction> ringing = new ConcurrentHashMap<>();
    private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Dialog> dialogs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().name("sim-agents").daemon(true).factory());

    public SimulatedAgents(PromptLibrary library, Options options) throws IOException {
        this.library = library;
        this.options = options;
        this.phone = new PhoneStack("sim-agents", options.address(), this);
        this.stack = phone.stack;
        this.provider = phone.provider;
        this.messages = phone.messages;
        this.headers = phone.headers;
        this.addresses = phone.addresses;
        this.sipPort = phone.port;
        this.registrations = new PhoneRegistrations(phone, options, timers);
        this.features = new FeatureCalls(phone, options.server(), options.address());
    }

    public int sipPort() {
        return sipPort;
    }

    /** A new agent's phone; it starts registering at once. */
    public SimulatedAgent add(String id, String password) {
        SimulatedAgent agent = new SimulatedAgent(id, password, provider.getNewCallId().getCallId());
        byId.put(id, agent);
        registrations.add(agent);
        return agent;
    }

    /**
     * A phone that answers as {@code user} without registering: a customer's line that the server's outbound route
     * reaches ({@code switchboard.outbound.uri} pointing at this stack's port).
     */
    public SimulatedAgent line(String user) {
        SimulatedAgent line = new SimulatedAgent(user, "", provider.getNewCallId().getCallId());
        byId.put(user, line);
        return line;
    }

    /** Unregisters (Expires: 0) the agent's phone. */
    public void unregister(SimulatedAgent agent) {
        registrations.register(agent, 0, null);
    }

    /**
     * Dials a feature code from the agent's phone ({@code *51}: available); completes with the final status, 200
     * when the server took it.
     */
    public java.util.concurrent.CompletableFuture<Integer> featureCode(SimulatedAgent agent, String code) {
        return features.dial(agent, code);
    }


    /**
     * Dials {@code code} (e.g. {@code *51}) from each agent's phone once it is registered, so it becomes available;
     * returns the ids the server did not accept it for, with the status it gave.
     */
    public List<String> logIn(List<SimulatedAgent> all, String code) {
        List<String> refused = new java.util.ArrayList<>();
        for (SimulatedAgent a : all) {
            if (!a.awaitRegistration(SimulatedAgent.Registration.REGISTERED, Duration.ofSeconds(10))) {
                refused.add(a.id() + " (not registered: SIP " + a.lastRegisterStatus() + ")");
                continue;
            }
            int status;
            try {
                status = featureCode(a, code).get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = -1;
            }
            if (status != 200) {
                refused.add(a.id() + " (" + code + ": " + (status < 0 ? "no answer" : "SIP " + status) + ")");
            }
        }
        return refused;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        if (!features.response(event)) {
            registrations.response(event);
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        try {
            ServerTransaction tx = event.getServerTransaction() != null ? event.getServerTransaction()
                    : Request.ACK.equals(request.getMethod()) ? null : provider.getNewServerTransaction(request);
            switch (request.getMethod()) {
                case Request.INVITE -> ring(request, tx, callId);
                case Request.ACK -> { }
                case Request.CANCEL -> {
                    tx.sendResponse(messages.createResponse(Response.OK, request));
                    ServerTransaction invite = ringing.remove(callId);
                    if (invite != null) {
                        cancelled(invite.getRequest());
                        invite.sendResponse(messages.createResponse(Response.REQUEST_TERMINATED,
                                invite.getRequest()));
                    }
                }
                case Request.BYE -> {
                    tx.sendResponse(messages.createResponse(Response.OK, request));
                    ended(callId, CallSession.EndedBy.SERVER);
                }
                default -> tx.sendResponse(messages.createResponse(Response.OK, request));
            }
        } catch (Exception e) {
            // a request the phone cannot answer: the server's transaction layer gives up on it
        }
    }

    private void ring(Request invite, ServerTransaction tx, String callId) throws Exception {
        String user = invite.getRequestURI() instanceof SipURI u ? u.getUser() : null;
        SimulatedAgent agent = user == null ? null : byId.get(user);
        if (agent == null) {
            tx.sendResponse(messages.createResponse(Response.NOT_FOUND, invite));
            return;
        }
        agent.rang(context(invite));
        if (agent.behaviour() == SimulatedAgent.Behaviour.BUSY || agent.busy()) {
            tx.sendResponse(messages.createResponse(Response.BUSY_HERE, invite));
            return;
        }
        String toTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        Response ringingResponse = messages.createResponse(Response.RINGING, invite);
        ((ToHeader) ringingResponse.getHeader(ToHeader.NAME)).setTag(toTag);
        tx.sendResponse(ringingResponse);
        ringing.put(callId, tx);
        if (agent.behaviour() == SimulatedAgent.Behaviour.ANSWER) {
            timers.schedule(() -> answer(agent, invite, tx, callId, toTag), options.answerAfter().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void answer(SimulatedAgent agent, Request invite, ServerTransaction tx, String callId, String toTag) {
        if (ringing.remove(callId) == null) {
            return; // cancelled meanwhile
        }
        try {
            SessionDescription offer = SessionDescription.parse(new String(invite.getRawContent(),
                    StandardCharsets.UTF_8));
            InetSocketAddress remote = offer.audioTarget().orElseThrow();
            var formats = offer.audio().orElseThrow().offeredFormats();
            RtpMap chosen = formats.stream().filter(f -> f.encoding().equalsIgnoreCase(options.codec().encodingName()))
                    .findFirst().orElseGet(() -> formats.stream().filter(f -> AudioCodec.byName(f.encoding())
                            .isPresent()).findFirst().orElseThrow());
            AudioCodec codec = AudioCodec.byName(chosen.encoding()).orElseThrow();
            int te = formats.stream().filter(f -> f.is("telephone-event", 8000)).mapToInt(RtpMap::payloadType)
                    .findFirst().orElse(-1);
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(options.address(), 0));
            CallSession[] holder = new CallSession[1];
            RtpPeer rtp = new RtpPeer(socket, k -> holder[0].keySent(k));
            CallSession session = new CallSession(this, library, callId, rtp, null);
            holder[0] = session;
            List<RtpMap> answer = new ArrayList<>(List.of(RtpMap.of(chosen.payloadType(), codec.encodingName(),
                    8000)));
            if (te >= 0) {
                answer.add(RtpMap.of(te, "telephone-event", 8000));
            }
            String sdp = SessionDescription.audio(options.address(), socket.getLocalPort(), answer,
                    ThreadLocalRandom.current().nextLong(1, 1L << 40)).encode();
            Response ok = messages.createResponse(Response.OK, invite);
            ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(toTag);
            ok.addHeader(headers.createContactHeader(addresses.createAddress("sip:" + agent.id() + "@"
                    + options.address() + ":" + sipPort)));
            ok.setContent(sdp.getBytes(StandardCharsets.UTF_8), headers.createContentTypeHeader("application",
                    "sdp"));
            sessions.put(callId, session);
            tx.sendResponse(ok);
            dialogs.put(callId, tx.getDialog());
            session.start(remote, codec, te, System.nanoTime());
            session.finalStatus.complete(200);
            if (options.voice() != null) {
                session.talk(options.voice());
            }
            agent.answeredCall(session);
            if (!options.talk().isZero()) {
                timers.schedule(session::hangup, options.talk().toMillis(), TimeUnit.MILLISECONDS);
            }
            session.ended.thenRun(() -> agent.busyUntilNanos = System.nanoTime() + options.wrapUp().toNanos());
        } catch (Exception e) {
            sessions.remove(callId);
            try {
                tx.sendResponse(messages.createResponse(Response.SERVER_INTERNAL_ERROR, invite));
            } catch (Exception ignored) {
                // the server's INVITE transaction times out instead
            }
        }
    }

    private void cancelled(Request invite) {
        if (invite.getRequestURI() instanceof SipURI u && u.getUser() != null && byId.get(u.getUser()) != null) {
            byId.get(u.getUser()).cancels.incrementAndGet();
        }
    }

    private static Map<String, String> context(Request invite) {
        Map<String, String> context = new LinkedHashMap<>();
        invite.getHeaderNames().forEachRemaining(n -> {
            String name = (String) n;
            if (name.regionMatches(true, 0, CONTEXT_PREFIX, 0, CONTEXT_PREFIX.length())
                    && invite.getHeader(name) instanceof ExtensionHeader h) {
                context.put(name.substring(CONTEXT_PREFIX.length()), h.getValue());
            }
        });
        return context;
    }

    private void ended(String callId, CallSession.EndedBy by) {
        CallSession session = sessions.remove(callId);
        dialogs.remove(callId);
        if (session != null) {
            session.rtp.stop();
            session.ended.complete(by);
            session.rtp.close();
        }
    }

    @Override
    public void bye(CallSession session) {
        Dialog dialog = dialogs.get(session.sipCallId);
        if (dialog != null && !session.ended.isDone()) {
            try {
                dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
            } catch (Exception e) {
                // the call ends here anyway
            }
        }
        ended(session.sipCallId, CallSession.EndedBy.CALLER);
    }

    @Override
    public void info(CallSession session, char key) {
        throw new UnsupportedOperationException("agents press keys as RFC 4733 events");
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    @Override
    public void close() {
        timers.shutdownNow();
        for (CallSession s : sessions.values()) {
            s.rtp.close();
        }
        features.close();
        phone.close(this);
    }
}
