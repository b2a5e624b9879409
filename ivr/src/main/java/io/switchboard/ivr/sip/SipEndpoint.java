package io.switchboard.ivr.sip;

import io.switchboard.ivr.call.CallHandler;
import io.switchboard.ivr.media.MediaEngine;
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
    private SipStack stack;
    private ListeningPoint listeningPoint;
    private SipProvider provider;
    private MediaEngine media;
    private SipSignalling signalling;
    private volatile boolean listening;

    public SipEndpoint(SipEndpointConfig config, PromptLibrary prompts, CallHandler handler) {
        this(config, prompts, handler, DEFAULT_RECORDINGS);
    }

    /** @param recordings the directory recordings of callers are written to */
    public SipEndpoint(SipEndpointConfig config, PromptLibrary prompts, CallHandler handler, Path recordings) {
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
        props.setProperty("javax.sip.STACK_NAME", "switchboard-" + INSTANCES.incrementAndGet());
        props.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        props.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        props.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        props.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        props.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        props.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            media = new MediaEngine(config.rtpPortMin(), config.rtpPortMax(), config.mediaTimeout());
            stack = factory.createSipStack(props);
            listeningPoint = stack.createListeningPoint(config.bindAddress(), config.port(), ListeningPoint.UDP);
            provider = stack.createSipProvider(listeningPoint);
            signalling = new SipSignalling(config, provider, factory, media, prompts, handler, Clock.systemUTC());
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
        log.info("SIP endpoint listening on udp {}:{} (RTP {}-{})", config.bindAddress(), config.port(),
                config.rtpPortMin(), config.rtpPortMax());
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

    @Override
    public synchronized void close() {
        if (signalling != null) {
            signalling.shutdown();
        }
        listening = false;
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (stack != null) {
                if (provider != null) {
                    provider.removeSipListener(signalling);
                    stack.deleteSipProvider(provider);
                }
                if (listeningPoint != null) {
                    stack.deleteListeningPoint(listeningPoint);
                }
                stack.stop();
            }
        } catch (javax.sip.ObjectInUseException | RuntimeException e) {
            log.debug("stopping the SIP stack: {}", e.toString());
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
