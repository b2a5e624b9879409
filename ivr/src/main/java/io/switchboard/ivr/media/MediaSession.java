package io.switchboard.ivr.media;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.rtp.MalformedPacketException;
import io.switchboard.speech.rtp.RtpPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's media: its RTP socket, the outbound stream (once started) and what arrives from the caller (keys as
 * RFC 4733 events, audio counted, the time of the last packet for the inactivity check). Only valid packets of a
 * negotiated payload type from the caller's source ({@link CallerMediaSource}) count; everything else is dropped
 * and counted by reason ({@link ReasonCounts}), so a third party who finds the port can neither press keys nor keep
 * a dead call alive.
 */
public final class MediaSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaSession.class);

    /** What the session reports to its call; called from media threads, must be quick. */
    public interface Events {
        void keyPressed(char key);

        /** No RTP from the caller for longer than the inactivity timeout. */
        void mediaTimedOut();
    }

    private final MediaEngine engine;
    private final DatagramChannel channel;
    private final int localPort;
    private final DtmfDetector dtmf = new DtmfDetector();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Events events;
    private volatile OutboundStream outbound;
    private volatile CallerMediaSource caller;
    private volatile int audioPt = -1;
    private volatile int telephoneEventPt = -1;
    private volatile long lastReceivedNanos;
    private volatile long audioPacketsReceived;
    private volatile InboundAudio listener;
    private volatile AudioCodec codec;
    private volatile RelayFeed relayInto;

    MediaSession(MediaEngine engine, DatagramChannel channel) throws IOException {
        this.engine = engine;
        this.channel = channel;
        this.localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        this.lastReceivedNanos = System.nanoTime();
    }

    public int localPort() {
        return localPort;
    }

    public void setEvents(Events events) {
        this.events = events;
    }

    /**
     * Whom to take media from, known from the caller's offer (so keys count before the answer too): RTP from
     * {@code signalled} (under the engine's {@link RtpSourcePolicy}) in payload type {@code audioPt}, or
     * {@code telephoneEventPt} (RFC 4733; -1 for none). Until this is called every datagram is dropped.
     */
    public void expectCaller(InetSocketAddress signalled, int audioPt, int telephoneEventPt) {
        this.audioPt = audioPt;
        this.telephoneEventPt = telephoneEventPt;
        this.caller = new CallerMediaSource(signalled, engine.sourcePolicy());
    }

    /** Starts sending in {@code codec} to the caller named by {@link #expectCaller}. */
    public synchronized void start(AudioCodec codec) {
        if (outbound != null || closed.get() || caller == null) {
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        OutboundStream stream = new OutboundStream(this::send, codec, telephoneEventPt, random.nextInt(),
                random.nextInt(0x10000), random.nextInt() & 0xFFFFFFFFL);
        this.codec = codec;
        this.lastReceivedNanos = System.nanoTime();
        this.outbound = stream;
        engine.clock().add(stream);
    }

    public boolean started() {
        return outbound != null;
    }

    /**
     * Bridges one way: from now on the audio that arrives here is sent on {@code other}'s stream (transcoded when
     * the two legs use different codecs) instead of its prompts. False when either session has no running stream.
     */
    public boolean relayTo(MediaSession other) {
        OutboundStream theirs = other.outbound;
        if (theirs == null || outbound == null || closed.get() || other.closed.get()) {
            return false;
        }
        RelayFeed feed = new RelayFeed(theirs.codec());
        theirs.relayFrom(feed);
        this.relayInto = feed;
        return true;
    }

    /** Ends {@link #relayTo}: this audio goes nowhere, {@code other}'s stream plays prompts again. */
    public void stopRelayTo(MediaSession other) {
        this.relayInto = null;
        OutboundStream theirs = other.outbound;
        if (theirs != null) {
            theirs.relayFrom(null);
        }
    }

    /** Sends a key as RFC 4733 events; false when not possible (no telephone-event negotiated, not started). */
    public boolean sendKey(char key) {
        OutboundStream stream = outbound;
        return stream != null && !closed.get() && stream.sendKey(key);
    }

    /** Queues prompts; returns false when the stream is not running (not started, closed, or relaying a bridge). */
    public boolean play(Playback playback) {
        OutboundStream stream = outbound;
        if (stream == null || closed.get() || stream.relaying()) {
            return false;
        }
        stream.enqueue(playback);
        return true;
    }

    /** Starts handing the caller's audio packets (not telephone events) to a new listener, which replaces any other. */
    public InboundAudio listen() {
        InboundAudio audio = new InboundAudio();
        this.listener = audio;
        return audio;
    }

    /** Stops handing audio to {@code audio} (if it is still the listener). */
    public void stopListening(InboundAudio audio) {
        if (listener == audio) {
            listener = null;
        }
    }

    public long audioPacketsReceived() {
        return audioPacketsReceived;
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    boolean isClosed() {
        return closed.get();
    }

    DatagramChannel channel() {
        return channel;
    }

    private void send(byte[] packet, int length) {
        CallerMediaSource source = caller;
        if (source == null) {
            return;
        }
        InetSocketAddress to = source.sendTo();
        try {
            channel.send(ByteBuffer.wrap(packet, 0, length), to);
        } catch (IOException e) {
            log.debug("RTP send to {} failed: {}", to, e.toString());
        }
    }

    /** A datagram from {@code from} arrived on this session's socket (receiver thread). */
    void received(ByteBuffer datagram, SocketAddress from) {
        CallerMediaSource source = caller;
        if (source == null || !source.admits(from)) {
            engine.dropped(RtpDrop.WRONG_SOURCE);
            return;
        }
        RtpPacket packet;
        try {
            packet = RtpPacket.parse(datagram.array(), datagram.arrayOffset() + datagram.position(),
                    datagram.remaining());
        } catch (MalformedPacketException e) {
            engine.dropped(RtpDrop.MALFORMED);
            return;
        }
        int pt = packet.payloadType();
        if (pt != audioPt && pt != telephoneEventPt) {
            engine.dropped(RtpDrop.PAYLOAD_TYPE);
            return;
        }
        source.validPacketFrom(from);
        lastReceivedNanos = System.nanoTime();
        if (pt == telephoneEventPt) {
            Optional<Character> key = dtmf.accept(packet);
            Events e = events;
            if (key.isPresent() && e != null) {
                e.keyPressed(key.get());
            }
        } else {
            audioPacketsReceived++;
            RelayFeed relay = relayInto;
            if (relay != null) {
                relay.offer(packet.payload(), codec);
            }
            InboundAudio audio = listener;
            if (audio != null) {
                audio.offer(packet);
            }
        }
    }

    /** Called by the engine's watch when nothing arrived for too long. */
    void timedOut() {
        Events e = events;
        if (e != null && !closed.get()) {
            e.mediaTimedOut();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OutboundStream stream = outbound;
        if (stream != null) {
            engine.clock().remove(stream);
            stream.close();
        }
        engine.release(this);
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing RTP port {}: {}", localPort, e.toString());
        }
    }
}
