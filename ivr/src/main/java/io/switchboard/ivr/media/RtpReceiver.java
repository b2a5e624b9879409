package io.switchboard.ivr.media;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every call's RTP socket from one thread with a {@link Selector}: no thread per call. Packets are handed to
 * their {@link MediaSession} on this thread.
 */
final class RtpReceiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtpReceiver.class);

    private final Selector selector;
    private final ConcurrentLinkedQueue<MediaSession> pending = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(2048);
    private final Thread thread;
    private volatile boolean running = true;

    RtpReceiver(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().name(name).daemon(true).start(this::loop);
    }

    void register(MediaSession session) {
        pending.add(session);
        selector.wakeup();
    }

    private void loop() {
        while (running) {
            try {
                selector.select(500);
                MediaSession s;
                while ((s = pending.poll()) != null) {
                    try {
                        if (!s.isClosed()) {
                            s.channel().register(selector, SelectionKey.OP_READ, s);
                        }
                    } catch (ClosedChannelException e) {
                        // the call ended before we got to it
                    }
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    drain(key);
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    log.warn("RTP receive loop: {}", e.toString());
                }
            }
        }
    }

    private void drain(SelectionKey key) {
        MediaSession session = (MediaSession) key.attachment();
        try {
            for (int i = 0; i < 64; i++) {
                buffer.clear();
                SocketAddress from = session.channel().receive(buffer);
                if (from == null) {
                    break;
                }
                buffer.flip();
                session.received(buffer, from);
            }
        } catch (IOException | CancelledKeyException e) {
            key.cancel();
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(1000);
            selector.close();
        } catch (IOException e) {
            log.debug("closing selector: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
