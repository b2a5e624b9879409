package io.switchboard.simulator;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIP server on loopback that answers one INVITE, sends half a second of RTP silence and then dies without a BYE:
 * what a caller sees when the real server is killed mid-call.
 */
final class DyingServer implements AutoCloseable {

    private final DatagramSocket sip;
    private final DatagramSocket rtp;
    private final Thread thread;

    DyingServer() throws IOException {
        sip = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofPlatform().daemon().name("dying-server").start(this::serve);
    }

    int port() {
        return sip.getLocalPort();
    }

    private void serve() {
        byte[] buf = new byte[8192];
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                sip.receive(p);
                String request = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                if (request.startsWith("INVITE ")) {
                    answer(request, (InetSocketAddress) p.getSocketAddress());
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void answer(String invite, InetSocketAddress from) throws IOException {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio "
                + rtp.getLocalPort() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        StringBuilder b = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String h : new String[] {"Via", "From", "Call-ID", "CSeq"}) {
            b.append(header(invite, h)).append("\r\n");
        }
        b.append(header(invite, "To")).append(";tag=dying\r\n")
                .append("Contact: <sip:100@127.0.0.1:").append(port()).append(">\r\n")
                .append("Content-Type: application/sdp\r\nContent-Length: ")
                .append(sdp.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(sdp);
        byte[] ok = b.toString().getBytes(StandardCharsets.UTF_8);
        sip.send(new DatagramPacket(ok, ok.length, from));
        Matcher m = Pattern.compile("m=audio (\\d+)").matcher(invite);
        if (!m.find()) {
            return;
        }
        InetSocketAddress media = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)));
        byte[] packet = new byte[12 + 160];
        Arrays.fill(packet, 12, packet.length, (byte) 0xFF);
        packet[0] = (byte) 0x80;
        for (int i = 0; i < 25; i++) { // half a second, then nothing: the server is gone
            packet[2] = (byte) (i >> 8);
            packet[3] = (byte) i;
            int ts = i * 160;
            packet[4] = (byte) (ts >>> 24);
            packet[5] = (byte) (ts >>> 16);
            packet[6] = (byte) (ts >>> 8);
            packet[7] = (byte) ts;
            rtp.send(new DatagramPacket(packet, packet.length, media));
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }

    private static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line;
            }
        }
        throw new IllegalStateException("no " + name + " header in " + message);
    }

    @Override
    public void close() {
        sip.close();
        rtp.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
