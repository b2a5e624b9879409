package io.switchboard.ivr.sip;

import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.rtp.RtpPacket;
import io.switchboard.speech.rtp.TelephoneEvent;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The caller's RTP in tests, as a phone sends it: G.711 frames paced at 20 ms with running sequence numbers and
 * timestamps, RFC 4733 key presses on the same stream, and listening for a prompt the server plays.
 */
final class CallerMedia {

    private static final long SSRC = 0x5157;

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private int sequence = 1000;
    private long timestamp = 160_000;

    CallerMedia(DatagramSocket socket, int serverRtpPort) {
        this.socket = socket;
        this.server = new InetSocketAddress("127.0.0.1", serverRtpPort);
    }

    /** Sends {@code frames} (160 bytes of PCMU each) one every 20 ms, like a phone. */
    void sendAudio(List<byte[]> frames) throws IOException, InterruptedException {
        long next = System.nanoTime();
        for (byte[] frame : frames) {
            byte[] pkt = new RtpPacket(AudioCodec.PCMU.payloadType(), false, sequence++ & 0xFFFF, timestamp, SSRC,
                    frame).encode();
            timestamp += Prompt.FRAME_SAMPLES;
            socket.send(new DatagramPacket(pkt, pkt.length, server));
            next += Duration.ofMillis(20).toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait)); // pacing the caller's audio, as a phone does
            }
        }
    }

    /** {@code count} frames of PCMU silence. */
    static List<byte[]> silence(int count) {
        byte[] frame = new byte[Prompt.FRAME_SAMPLES];
        Arrays.fill(frame, AudioCodec.PCMU.silence());
        return java.util.Collections.nCopies(count, frame);
    }

    /** Presses {@code digit} (RFC 4733, payload type 101): three packets and three end packets, one timestamp. */
    void pressKey(char digit) throws IOException {
        long eventTimestamp = timestamp;
        for (int i = 0; i < 6; i++) {
            boolean end = i >= 3;
            byte[] payload = TelephoneEvent.ofDigit(digit, end, 10, 160 * (Math.min(i, 3) + 1)).encode();
            byte[] pkt = new RtpPacket(101, i == 0, sequence++ & 0xFFFF, eventTimestamp, SSRC, payload).encode();
            socket.send(new DatagramPacket(pkt, pkt.length, server));
        }
        timestamp += 4 * Prompt.FRAME_SAMPLES;
    }

    /** Receives the server's RTP until {@code prompt} has been sent whole (its first frame, then the rest). */
    void awaitPrompt(Prompt prompt, Duration within) throws IOException {
        List<byte[]> frames = prompt.frames(AudioCodec.PCMU);
        long deadline = System.nanoTime() + within.toNanos();
        socket.setSoTimeout((int) within.toMillis());
        byte[] buf = new byte[2048];
        int matched = 0;
        while (matched < frames.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("prompt " + prompt.name() + " not heard within " + within);
            }
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            RtpPacket packet;
            try {
                packet = RtpPacket.parse(p.getData(), 0, p.getLength());
            } catch (io.switchboard.speech.rtp.MalformedPacketException e) {
                throw new AssertionError(e);
            }
            matched = Arrays.equals(packet.payload(), frames.get(matched)) ? matched + 1
                    : Arrays.equals(packet.payload(), frames.get(0)) ? 1 : 0;
        }
    }
}
