package io.switchboard.simulator;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.rtp.MalformedPacketException;
import io.switchboard.speech.rtp.RtpPacket;
import io.switchboard.speech.rtp.TelephoneEvent;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The simulated caller's media: receives the server's RTP (each audio payload goes to the recognizer) and sends
 * RTP back every 20 ms: silence, or the RFC 4733 events of the keys being pressed. Keeps the figures a tester
 * wants: arrival intervals, first-packet time, sequence and timestamp breaks.
 */
final class RtpPeer implements AutoCloseable {

    private static final long FRAME_NANOS = 20_000_000L;

    private final DatagramSocket socket;
    private final List<Long> arrivals = new ArrayList<>();
    private final ConcurrentLinkedQueue<Character> keys = new ConcurrentLinkedQueue<>();
    private final Consumer<Character> keySent;
    private volatile InetSocketAddress remote;
    private volatile AudioCodec codec = AudioCodec.PCMU;
    private volatile int telephoneEventPt = -1;
    private volatile Consumer<byte[]> audio = b -> { };
    private volatile boolean running = true;
    private volatile List<byte[]> talk;
    private final List<Character> keysReceived = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long lastEventTimestamp = -1;
    private Thread receiver;
    private Thread sender;
    private int lastSeq = -1;
    private long lastTs = -1;
    private int sequenceBreaks;
    private int timestampBreaks;
    private int markers;

    RtpPeer(DatagramSocket socket, Consumer<Character> keySent) {
        this.socket = socket;
        this.keySent = keySent;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void start(InetSocketAddress remote, AudioCodec codec, int telephoneEventPt, Consumer<byte[]> audio) {
        this.remote = remote;
        this.codec = codec;
        this.telephoneEventPt = telephoneEventPt;
        this.audio = audio;
        receiver = Thread.ofPlatform().daemon(true).name("sim-rtp-in").start(this::receive);
        sender = Thread.ofPlatform().daemon(true).name("sim-rtp-out").start(this::send);
    }

    AudioCodec codec() {
        return codec;
    }

    /** Sends these frames, looped, instead of silence (null: silence again). */
    void talk(List<byte[]> frames) {
        this.talk = frames == null || frames.isEmpty() ? null : List.copyOf(frames);
    }

    void press(String digits) {
        for (char c : digits.toCharArray()) {
            keys.add(c);
        }
    }

    boolean keysPending() {
        return !keys.isEmpty();
    }

    private void receive() {
        byte[] buf = new byte[2048];
        while (running) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                continue;
            }
            long now = System.nanoTime();
            try {
                RtpPacket packet = RtpPacket.parse(p.getData(), 0, p.getLength());
                record(packet, now);
                if (packet.payloadType() == codec.payloadType()) {
                    audio.accept(packet.payload());
                } else if (packet.payloadType() == telephoneEventPt && packet.timestamp() != lastEventTimestamp) {
                    lastEventTimestamp = packet.timestamp(); // the first packet of a new event
                    TelephoneEvent.parse(packet.payload()).digit().ifPresent(keysReceived::add);
                }
            } catch (MalformedPacketException e) {
                // not RTP: ignore
            }
        }
    }

    private synchronized void record(RtpPacket packet, long now) {
        arrivals.add(now);
        if (lastSeq >= 0 && packet.sequence() != ((lastSeq + 1) & 0xFFFF)) {
            sequenceBreaks++;
        }
        if (lastTs >= 0 && packet.timestamp() != ((lastTs + 160) & 0xFFFFFFFFL)) {
            timestampBreaks++;
        }
        if (packet.marker()) {
            markers++;
        }
        lastSeq = packet.sequence();
        lastTs = packet.timestamp();
    }

    private void send() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long ssrc = random.nextInt() & 0xFFFFFFFFL;
        int seq = random.nextInt(0x10000);
        long ts = random.nextInt() & 0xFFFFFFFFL;
        byte[] silence = new byte[160];
        Arrays.fill(silence, codec.silence());
        long epoch = System.nanoTime();
        long tick = 0;
        // per key: 5 progress packets (100 ms), 3 end packets, then 5 frames of silence before the next key
        char key = 0;
        int step = 0;
        int talkFrame = 0;
        long eventTs = 0;
        while (running) {
            long wait = epoch + tick * FRAME_NANOS - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            tick++;
            RtpPacket packet;
            if (key == 0 && telephoneEventPt >= 0 && !keys.isEmpty()) {
                key = keys.poll();
                step = 0;
                eventTs = ts;
                keySent.accept(key);
            }
            if (key != 0 && step < 8) {
                boolean end = step >= 5;
                int duration = 160 * Math.min(step + 1, 6);
                byte[] payload = TelephoneEvent.ofDigit(key, end, 10, duration).encode();
                packet = new RtpPacket(telephoneEventPt, step == 0, seq, eventTs, ssrc, payload);
                step++;
            } else {
                if (key != 0 && ++step >= 13) {
                    key = 0;
                }
                List<byte[]> frames = talk;
                byte[] audio = frames == null ? silence : frames.get(talkFrame++ % frames.size());
                packet = new RtpPacket(codec.payloadType(), false, seq, ts, ssrc, audio);
            }
            seq = (seq + 1) & 0xFFFF;
            ts = (ts + 160) & 0xFFFFFFFFL;
            byte[] bytes = packet.encode();
            try {
                socket.send(new DatagramPacket(bytes, bytes.length, remote));
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    /** The keys the far end sent as RFC 4733 events, in order. */
    List<Character> keysReceived() {
        return List.copyOf(keysReceived);
    }

    /** When the last packet arrived ({@link System#nanoTime()}); 0 before the first. */
    synchronized long lastArrivalNanos() {
        return arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1);
    }

    synchronized List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    synchronized int sequenceBreaks() {
        return sequenceBreaks;
    }

    synchronized int timestampBreaks() {
        return timestampBreaks;
    }

    synchronized int markers() {
        return markers;
    }

    void stop() {
        running = false;
    }

    @Override
    public void close() {
        running = false;
        socket.close();
    }
}
