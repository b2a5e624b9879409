package io.switchboard.ivr.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * Hands out even UDP ports from a range for RTP, round-robin, binding each before it is handed out so two calls
 * never share one.
 */
public final class PortAllocator {

    private final int min;
    private final int max;
    private int next;

    public PortAllocator(int min, int max) {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("bad RTP port range " + min + "-" + max);
        }
        this.min = min + (min & 1);
        this.max = max;
        this.next = this.min;
    }

    /** How many ports the range hands out. */
    public int capacity() {
        return (max - min) / 2 + 1;
    }

    /** A non-blocking channel bound to a free even port of the range on {@code address}. */
    public synchronized DatagramChannel bind(InetAddress address) throws IOException {
        int span = capacity();
        IOException last = null;
        for (int i = 0; i < span; i++) {
            int port = next;
            next = next + 2 > max ? min : next + 2;
            DatagramChannel channel = DatagramChannel.open();
            try {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
                channel.bind(new InetSocketAddress(address, port));
                channel.configureBlocking(false);
                return channel;
            } catch (IOException e) {
                channel.close();
                last = e;
            }
        }
        throw new IOException("no free RTP port in " + min + "-" + max, last);
    }
}
