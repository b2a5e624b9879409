package io.switchboard.ivr.sip;

import io.switchboard.ivr.call.AgentPhones;
import io.switchboard.ivr.call.CallHandler;
import io.switchboard.ivr.call.Dialer;
import java.util.concurrent.CompletableFuture;
import io.switchboard.ivr.call.ReasonCounts;
import io.switchboard.ivr.media.MediaEngine;
import io.switchboard.ivr.media.RtpDrop;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in SIP/RTP endpoint: JAIN-SIP (RI) on UDP for signalling, the {@link MediaEngine} for RTP. Calls it
 * accepts are handed to a {@link CallHandler}, each on its own virtual thread.
 */
public final class SipEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipEndpoint.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Where recordings go unless configured: {@code data/recordings}. */
    public static final Path DEFAULT_RECORDINGS = Path.of("data", "recordings");

    private final SipEndpointConfig config;
    private final Path recordings;
    private final PromptLibrary prompts;
    private final CallHandler handler;
    private final AgentPhones agentPhones;
    private final RegistrarConfig registrarConfig;
    private final OutboundRoute outbound;
    private Registrar registrar;
    private volatile SipDialer dialer;
    /** How long close() waits for JAIN-SIP to close its sockets before its stop() sleeps. */
    private static final long STOP_WAIT_MILLIS = 250;

    private SipStack stack;
    private ListeningPoint listeningPoint;
    private SipProvider provider;
    private MediaEngine media;
    private SipSignalling signalling;
    private CallSlots slots;
    private String stackName;
    private final ReasonCounts<SipRefusal> refusals = new ReasonCounts<>(SipRefusal.class, SipRefusal::code);
    private volatile boolean listening;

    public SipEndpoint(SipEndpointConfig config, PromptLibrary prompts, CallHandler handler) {
        this(config, prompts, handler, DEFAULT_RECORDINGS);
    }

    /** @param recordings the directory recordings of callers are written to */
    public SipEndpoint(SipEndpointConfig config, PromptLibrary prompts, CallHandler handler, Path recordings) {
        this(config, prompts, handler, recordings, AgentPhones.NONE, RegistrarConfig.defaults(),
                OutboundRoute.loopback());
    }

    /**
     * An endpoint that agents' phones register with.
     *
     * @param recordings  the directory recordings of callers are written to
     * @param agentPhones the ACD's agents: digest secrets, where phones registered, feature codes
     * @param registrar   the realm and the bounds of the registrar
     * @param outbound    where {@link #dialer()} sends calls to numbers
     */
    public SipEndpoint(SipEndpointConfig config, PromptLibrary prompts, CallHandler handler, Path recordings,
            AgentPhones agentPhones, RegistrarConfig registrar, OutboundRoute outbound) {
        this.outbound = outbound;
        this.agentPhones = agentPhones;
        this.registrarConfig = registrar;
        this.recordings = recordings;
        this.config = config;
        this.prompts = prompts;
        this.handler = handler;
    }

    /** Binds the SIP port and the media engine; throws when the port is taken. */
    public synchronized void start() throws IOException {
        if (listening) {
            return;
        }
        Properties props = new Properties();
        stackName = "switchboard-" + INSTANCES.incrementAndGet();
        props.setProperty("javax.sip.STACK_NAME", stackName);
        props.setProperty("gov.nist.javax.sip.NETWORK_LAYER", GuardedNetworkLayer.class.getName());
        SipDatagramGuard guard = new SipDatagramGuard(config.limits(), refusals);
        GuardedNetworkLayer.register(stackName, guard);
        props.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        props.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        props.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        props.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        props.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        props.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            media = new MediaEngine(config.rtpPortMin(), config.rtpPortMax(), config.mediaTimeout(),
                    config.rtpSource());
            int calls = config.limits().maxCalls() == 0 ? media.portCapacity()
                    : Math.min(config.limits().maxCalls(), media.portCapacity());
            slots = new CallSlots(calls);
            stack = factory.createSipStack(props);
            listeningPoint = stack.createListeningPoint(config.bindAddress(), config.port(), ListeningPoint.UDP);
            provider = stack.createSipProvider(listeningPoint);
            SipMessages messages = new SipMessages(factory, config);
            DigestGate gate = new DigestGate(agentPhones, registrarConfig.realm(), new DigestNonces(
                    registrarConfig.nonceLifetime(), registrarConfig.nonces(), System::nanoTime), messages.headers());
            registrar = new Registrar(registrarConfig, agentPhones, gate, messages.headers(), messages,
                    Clock.systemUTC());
            dialer = new SipDialer(config, provider, messages, media, prompts, Clock.systemUTC(), slots, outbound,
                    recordings);
            signalling = new SipSignalling(config, provider, media, prompts, handler, Clock.systemUTC(),
                    slots, guard, messages, registrar, dialer,
                    new FeatureCodes(agentPhones, gate, registrar, messages));
            signalling.recordInto(recordings);
            provider.addSipListener(signalling);
            stack.start();
        } catch (javax.sip.PeerUnavailableException | javax.sip.TransportNotSupportedException
                | javax.sip.InvalidArgumentException | javax.sip.ObjectInUseException
                | TooManyListenersException e) {
            closeQuietly();
            throw new IOException("cannot listen for SIP on " + config.bindAddress() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        } catch (javax.sip.SipException e) {
            closeQuietly();
            throw new IOException("cannot start the SIP stack: " + e.getMessage(), e);
        }
        listening = true;
        log.info("SIP endpoint listening on udp {}:{} (RTP {}-{}, source {}; up to {} calls; {} INVITEs/s per source,"
                + " burst {}; ACK timeout {} s)", config.bindAddress(), config.port(), config.rtpPortMin(),
                config.rtpPortMax(), config.rtpSource().name().toLowerCase(java.util.Locale.ROOT), slots.capacity(),
                config.limits().invitesPerSecond(), config.limits().inviteBurst(),
                config.limits().ackTimeout().toSeconds());
    }

    /**
     * Outbound calls through this endpoint (agents' phones, numbers through the outbound route). The same object
     * serves for the endpoint's whole life; while it is not listening every dial fails at once.
     */
    public Dialer dialer() {
        return (target, callerId, context, ringTimeout) -> {
            SipDialer d = listening ? dialer : null;
            return d == null
                    ? CompletableFuture.completedFuture(new Dialer.Dialled.Failed("the SIP endpoint is not running"))
                    : d.dial(target, callerId, context, ringTimeout);
        };
    }

    public boolean isListening() {
        return listening;
    }

    public int port() {
        return config.port();
    }

    /** Calls in progress. */
    public int activeCalls() {
        return signalling == null ? 0 : signalling.activeCalls();
    }

    /** Calls up and calls allowed now (slots in use count every call from its INVITE to its end). */
    public SipCapacity capacity() {
        CallSlots s = slots;
        return s == null ? new SipCapacity(0, 0) : new SipCapacity(s.used(), s.capacity());
    }

    /** SIP requests refused since start, by reason. */
    public ReasonCounts<SipRefusal> refusals() {
        return refusals;
    }

    /** Inbound RTP dropped since start, by reason (not from the caller, malformed, payload type not negotiated). */
    public ReasonCounts<RtpDrop> rtpDrops() {
        MediaEngine m = media;
        return m == null ? new ReasonCounts<>(RtpDrop.class, RtpDrop::code) : m.drops();
    }

    @Override
    public synchronized void close() {
        if (signalling != null) {
            signalling.shutdown();
        }
        listening = false;
        closeQuietly();
    }

    private void closeQuietly() {
        if (stack != null) {
            // JAIN-SIP stops the stack when its last provider goes (and in stop()): it closes the sockets, then
            // sleeps a second for its timer threads. The caller waits for the first part only, so a server (or a
            // test JVM with many servers) shuts down at once.
            SipStack stopping = stack;
            SipProvider leaving = provider;
            ListeningPoint point = listeningPoint;
            Thread stopper = Thread.ofPlatform().daemon(true).name("sip-stack-stop").start(() -> {
                try {
                    if (leaving != null) {
                        leaving.removeSipListener(signalling);
                        stopping.deleteSipProvider(leaving);
                    }
                    if (point != null) {
                        stopping.deleteListeningPoint(point);
                    }
                    stopping.stop();
                } catch (javax.sip.ObjectInUseException | RuntimeException e) {
                    log.debug("stopping the SIP stack: {}", e.toString());
                }
            });
            try {
                stopper.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (registrar != null) {
            registrar.close();
            registrar = null;
        }
        if (stackName != null) {
            GuardedNetworkLayer.unregister(stackName);
        }
        stack = null;
        provider = null;
        listeningPoint = null;
        if (media != null) {
            media.close();
            media = null;
        }
    }
}
