package io.switchboard.ivr.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * The SIP port's socket as JAIN-SIP reads it: {@link #receive} hands the stack only what the
 * {@link SipDatagramGuard} lets through (cut to its Content-Length where needed) and answers or drops the rest
 * itself, so the stack's receive loop never sees them.
 */
final class GuardedSipSocket extends DatagramSocket {

    private final SipDatagramGuard guard;

    GuardedSipSocket(InetAddress address, int port, SipDatagramGuard guard) throws SocketException {
        super(new InetSocketAddress(address, port));
        this.guard = guard;
        guard.attach(this);
    }

    @Override
    public void receive(DatagramPacket packet) throws IOException {
        byte[] buf = packet.getData();
        int offset = packet.getOffset();
        int capacity = packet.getLength();
        while (true) {
            packet.setData(buf, offset, capacity);
            super.receive(packet);
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            SipDatagramGuard.Outcome outcome = guard.inspect(buf, offset, packet.getLength(), from);
            if (outcome.response() != null) {
                guard.sendStateless(outcome.response(), from);
            }
            if (outcome.passLength() >= 0) {
                packet.setLength(outcome.passLength());
                return;
            }
        }
    }
}
