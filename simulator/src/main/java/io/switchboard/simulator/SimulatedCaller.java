package io.switchboard.simulator;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.PromptLibrary;
import io.switchboard.speech.sdp.RtpMap;
import io.switchboard.speech.sdp.SessionDescription;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
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
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A SIP caller for tests and the command line: JAIN-SIP (RI) for signalling, its own RTP, and a
 * {@link PromptRecognizer} that says which prompts it heard.
 */
public final class SimulatedCaller implements AutoCloseable, SipListener, CallSession.Dialogs {

    /**
     * @param address        the local address to call from
     * @param codec          the codec to offer
     * @param telephoneEvent whether to offer RFC 4733 telephone-event (payload type 101)
     * @param callerNumber   the user part of From
     */
    public record Options(String address, AudioCodec codec, boolean telephoneEvent, String callerNumber) {
        public static Options defaults() {
            return new Options("127.0.0.1", AudioCodec.PCMU, true, "5550100");
        }

        public Options withCodec(AudioCodec c) {
            return new Options(address, c, telephoneEvent, callerNumber);
        }

        public Options withCaller(String number) {
            return new Options(address, codec, telephoneEvent, number);
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
    private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Dialog> dialogs = new ConcurrentHashMap<>();

    public SimulatedCaller(PromptLibrary library, Options options) throws IOException {
        this.library = library;
        this.options = options;
        this.phone = new PhoneStack("simulator", options.address(), this);
        this.stack = phone.stack;
        this.provider = phone.provider;
        this.messages = phone.messages;
        this.headers = phone.headers;
        this.addresses = phone.addresses;
        this.sipPort = phone.port;
    }

    /** Calls {@code uri} (for example {@code sip:100@127.0.0.1:5060}); returns at once, see {@link CallSession}. */
    public CallSession dial(String uri) throws IOException {
        return dial(uri, options.callerNumber());
    }

    /** Calls {@code uri} as {@code callerNumber} (the user part of From), whatever the options say. */
    public CallSession dial(String uri, String callerNumber) throws IOException {
        try {
            SipURI target = (SipURI) addresses.createURI(uri);
            DatagramSocket rtpSocket = new DatagramSocket(new InetSocketAddress(options.address(), 0));
            CallIdHeader callId = provider.getNewCallId();
            CallSession[] holder = new CallSession[1];
            RtpPeer rtp = new RtpPeer(rtpSocket, k -> holder[0].keySent(k));
            CallSession session = new CallSession(this, library, callId.getCallId(), rtp,
                    new PromptRecognizer(library, options.codec(), java.time.Duration.ofMillis(500)));
            holder[0] = session;
            sessions.put(callId.getCallId(), session);

            Address from = addresses.createAddress("sip:" + callerNumber + "@" + options.address() + ":"
                    + sipPort);
            Address to = addresses.createAddress(target.toString());
            List<ViaHeader> via = new ArrayList<>();
            via.add(headers.createViaHeader(options.address(), sipPort, "udp", null));
            Request invite = messages.createRequest(target, Request.INVITE, callId,
                    headers.createCSeqHeader(1L, Request.INVITE),
                    headers.createFromHeader(from, Long.toHexString(ThreadLocalRandom.current().nextLong())),
                    headers.createToHeader(to, null), via, headers.createMaxForwardsHeader(70));
            invite.addHeader(headers.createContactHeader(from));
            invite.addHeader(headers.createUserAgentHeader(List.of("Switchboard-Simulator")));
            List<RtpMap> formats = new ArrayList<>();
            formats.add(RtpMap.of(options.codec().payloadType(), options.codec().encodingName(), 8000));
            if (options.telephoneEvent()) {
                formats.add(RtpMap.of(101, "telephone-event", 8000));
            }
            String sdp = SessionDescription.audio(options.address(), rtp.localPort(), formats,
                    ThreadLocalRandom.current().nextLong(1, 1L << 40)).encode();
            invite.setContent(sdp.getBytes(StandardCharsets.UTF_8), headers.createContentTypeHeader("application",
                    "sdp"));
            ClientTransaction tx = provider.getNewClientTransaction(invite);
            tx.sendRequest();
            return session;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot dial " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        CallSession session = sessions.get(callId);
        if (session == null || !Request.INVITE.equals(cseq.getMethod())) {
            return;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        if (status >= 300) {
            session.finalStatus.complete(status);
            session.ended.complete(CallSession.EndedBy.SERVER);
            session.rtp.close();
            return;
        }
        try {
            Dialog dialog = event.getDialog() != null ? event.getDialog()
                    : event.getClientTransaction().getDialog();
            dialogs.put(callId, dialog);
            Request ack = dialog.createAck(cseq.getSeqNumber());
            boolean first = !session.finalStatus.isDone();
            if (first) {
                long answeredAt = System.nanoTime();
                session.answered(new String(response.getRawContent(), StandardCharsets.UTF_8), answeredAt);
            }
            dialog.sendAck(ack);
            if (first) {
                session.ackSentNanos = System.nanoTime();
                session.finalStatus.complete(status);
            }
        } catch (Exception e) {
            session.finalStatus.complete(-2);
            session.ended.complete(CallSession.EndedBy.NONE);
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        try {
            ServerTransaction tx = event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(request);
            tx.sendResponse(messages.createResponse(Response.OK, request));
        } catch (Exception e) {
            return;
        }
        if (Request.BYE.equals(request.getMethod())) {
            CallSession session = sessions.remove(callId);
            if (session != null) {
                session.rtp.stop();
                session.ended.complete(CallSession.EndedBy.SERVER);
                session.rtp.close();
            }
        }
    }

    @Override
    public void bye(CallSession session) {
        Dialog dialog = dialogs.get(session.sipCallId);
        if (dialog == null || session.ended.isDone()) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            dialog.sendRequest(provider.getNewClientTransaction(bye));
            sessions.remove(session.sipCallId);
            session.rtp.stop();
            session.ended.complete(CallSession.EndedBy.CALLER);
            session.rtp.close();
        } catch (Exception e) {
            session.ended.complete(CallSession.EndedBy.CALLER);
        }
    }

    @Override
    public void info(CallSession session, char key) {
        Dialog dialog = dialogs.get(session.sipCallId);
        if (dialog == null) {
            return;
        }
        try {
            Request info = dialog.createRequest(Request.INFO);
            info.setContent(("Signal=" + key + "\r\nDuration=160\r\n").getBytes(StandardCharsets.US_ASCII),
                    headers.createContentTypeHeader("application", "dtmf-relay"));
            dialog.sendRequest(provider.getNewClientTransaction(info));
        } catch (Exception e) {
            throw new IllegalStateException("cannot send INFO: " + e.getMessage(), e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.getClientTransaction() != null) {
            Request r = event.getClientTransaction().getRequest();
            CallSession s = sessions.get(((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId());
            if (s != null && Request.INVITE.equals(r.getMethod())) {
                s.finalStatus.complete(408);
                s.ended.complete(CallSession.EndedBy.NONE);
            }
        }
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
        for (CallSession s : sessions.values()) {
            s.rtp.close();
        }
        phone.close(this);
    }
}
