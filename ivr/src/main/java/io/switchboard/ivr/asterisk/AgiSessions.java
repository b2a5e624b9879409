package io.switchboard.ivr.asterisk;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The FastAGI sessions of this server: how many are open (bounded), the connection each one's thread serves, and the
 * calls running, by the unique id of their Asterisk channel, so an AMI event can reach the call it is about.
 */
public final class AgiSessions {

    private final ThreadLocal<AgiSocket> socket = new ThreadLocal<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AgiCall> calls = new ConcurrentHashMap<>();
    private final int max;

    AgiSessions(int max) {
        this.max = max;
    }

    /** Takes a session if there is room; false when {@link AgiLimits#maxSessions()} are open. */
    boolean open() {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    void close() {
        open.decrementAndGet();
    }

    /** Runs {@code session} on this thread as the session of {@code connection}. */
    void serve(AgiSocket connection, Runnable session) {
        socket.set(connection);
        try {
            session.run();
        } finally {
            socket.remove();
            close();
        }
    }

    /**
     * The connection of the session this thread serves. Asterisk-Java hands a script only the request and its
     * channel, so the session's thread carries its connection (as Asterisk-Java carries the channel).
     */
    AgiSocket socket() {
        AgiSocket s = socket.get();
        if (s == null) {
            throw new IllegalStateException("not on a FastAGI session's thread");
        }
        return s;
    }

    void started(AgiCall call) {
        if (!call.channel().uniqueId().isEmpty()) {
            calls.put(call.channel().uniqueId(), call);
        }
    }

    void ended(AgiCall call) {
        calls.remove(call.channel().uniqueId(), call);
    }

    /** Sessions open now. */
    public int count() {
        return open.get();
    }

    /** The call running on the channel with this unique id. */
    public Optional<AgiCall> call(String uniqueId) {
        return Optional.ofNullable(calls.get(uniqueId));
    }

    /** Every call running now. */
    public Collection<AgiCall> calls() {
        return List.copyOf(calls.values());
    }
}
