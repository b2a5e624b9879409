package io.switchboard.ivr.asterisk;

import io.switchboard.ivr.flow.FlowCatalogue;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.StaticMappingStrategy;
import org.asteriskjava.fastagi.internal.DefaultAgiChannelFactory;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switchboard's FastAGI server: Asterisk's {@code AGI(agi://host:port/<flow id or number>)} runs a published flow on
 * the caller's channel. Asterisk-Java speaks the protocol; this class binds it to the configured address only (never
 * all interfaces), gives every session its own virtual thread instead of Asterisk-Java's bounded pool, bounds what a
 * session may send ({@link AgiLimits}), and ends the calls still running when it stops.
 */
public final class FastAgiService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FastAgiService.class);
    /** A resource bundle that does not exist, so no stray {@code fastagi.properties} changes our settings. */
    private static final String NO_BUNDLE = "io.switchboard.ivr.asterisk.none";

    private final InetAddress bind;
    private final int port;
    private final AgiLimits limits;
    private final AgiSessions sessions;
    private final Server server;
    private final AtomicLong sessionCount = new AtomicLong();
    private volatile AgiServerSocket socket;
    private Thread acceptor;

    /**
     * @param runner        runs the flow a session asks for ({@code Hotline::handle} on the server)
     * @param recordingsDir where {@code RECORD FILE} writes, as a path on the Asterisk host
     */
    public FastAgiService(InetAddress bind, int port, AgiLimits limits, FlowRunner runner, FlowCatalogue flows,
            Clock clock, String recordingsDir) {
        this(bind, port, limits, runner, flows, clock, AgiLegSettings.plain(recordingsDir));
    }

    /**
     * @param runner   runs the flow a session asks for ({@code Hotline::handle} on the server)
     * @param settings recordings, hold music and the AMI's channels, shared by every call
     */
    public FastAgiService(InetAddress bind, int port, AgiLimits limits, FlowRunner runner, FlowCatalogue flows,
            Clock clock, AgiLegSettings settings) {
        this.bind = bind;
        this.port = port;
        this.limits = limits;
        this.sessions = new AgiSessions(limits.maxSessions());
        this.server = new Server(new AgiCallScript(runner, flows, clock, settings, sessions));
    }

    /** Binds the port (failing at once when it is taken) and starts accepting sessions. */
    public synchronized void start() throws IOException {
        if (socket != null) {
            throw new IllegalStateException("already started");
        }
        socket = new AgiServerSocket(bind, port, limits);
        acceptor = Thread.ofPlatform().daemon().name("fastagi-accept").start(() -> {
            try {
                server.startup();
            } catch (IOException | RuntimeException e) {
                log.error("FastAGI server stopped accepting", e);
            }
        });
        log.info("FastAGI listening on {}:{} (one virtual thread per session, at most {})", bind.getHostAddress(),
                port(), limits.maxSessions());
    }

    /** The port it listens on (the one chosen when configured as 0). */
    public int port() {
        AgiServerSocket s = socket;
        return s == null ? port : s.port();
    }

    public boolean isListening() {
        Thread a = acceptor;
        return a != null && a.isAlive();
    }

    /** The sessions open now and the calls they run. */
    public AgiSessions sessions() {
        return sessions;
    }

    /** Stops accepting, then ends every call still running ({@code shutdown}) and closes its connection. */
    @Override
    public synchronized void close() {
        if (socket == null) {
            return;
        }
        server.shutdown();
        for (AgiCall call : sessions.calls()) {
            call.shutDown();
        }
        try {
            if (acceptor != null) {
                acceptor.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asterisk-Java's server with our socket and our threads. */
    private final class Server extends DefaultAgiServer {

        private SocketConnectionFacade accepted; // the accept thread's: accept() then execute() for it

        Server(AgiCallScript script) {
            super(NO_BUNDLE, new StaticMappingStrategy(script), new DefaultAgiChannelFactory());
            setAddress(bind); // what it logs; the socket itself is AgiServerSocket, bound to this address
            setPort(port);
        }

        @Override
        protected ServerSocketFacade createServerSocket() {
            AgiServerSocket bound = socket;
            return new ServerSocketFacade() {
                @Override
                public SocketConnectionFacade accept() throws IOException {
                    accepted = bound.accept();
                    return accepted;
                }

                @Override
                public void close() throws IOException {
                    bound.close();
                }

                @Override
                public void setSocketReadTimeout(int socketReadTimeout) {
                    // AgiLimits.readTimeout applies per connection
                }
            };
        }

        @Override
        protected void execute(Runnable session) {
            AgiSocket connection = (AgiSocket) accepted;
            if (!sessions.open()) {
                log.warn("FastAGI session from {} refused: {} sessions are open (switchboard.asterisk.agi"
                        + ".max-sessions)", connection.getRemoteAddress(), limits.maxSessions());
                throw new RejectedExecutionException("too many FastAGI sessions");
            }
            Thread.ofVirtual().name("agi-" + sessionCount.incrementAndGet())
                    .start(() -> sessions.serve(connection, session));
        }
    }
}
