package io.switchboard.ivr.asterisk;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.event.BridgeDestroyEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.SoftHangupRequestEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one AMI connection to Asterisk (Asterisk-Java's {@link ManagerConnection}). Until the first login succeeds it
 * retries with back-off (doubling up to the maximum); after that Asterisk-Java reconnects by itself (ten tries 50 ms
 * apart, then every 5 s). Its events keep {@link AsteriskChannels} current; a Hangup event (or, for a channel inside
 * FastAGI, the HangupRequest that comes before it) ends the FastAGI call on that channel at once (the command it
 * waits on returns because its connection is closed); after every (re)connect the channel list
 * ({@code CoreShowChannels}) replaces the registry and the FastAGI calls whose channels vanished
 * while the link was down are ended as {@code carrier-lost}.
 */
public final class AmiLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiLink.class);
    private static final long ACTION_TIMEOUT_MS = 10_000;

    private final ManagerConnection connection;
    private final AgiSessions sessions;
    private final AsteriskChannels channels;
    private final Clock clock;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final String address;
    private volatile boolean closed;
    private volatile boolean up;
    private volatile Thread connector;
    private final java.util.List<AmiListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** AMI cannot take an action now: the link is down, or Asterisk did not answer in time. */
    public static final class AmiUnavailable extends Exception {
        AmiUnavailable(String message) {
            super(message);
        }
    }

    /**
     * @param secret the AMI user's secret (from the environment, never logged)
     */
    public AmiLink(String host, int port, String user, String secret, AgiSessions sessions, AsteriskChannels channels,
            Clock clock, Duration firstBackoff, Duration maxBackoff) {
        this.connection = new ManagerConnectionFactory(host, port, user, secret).createManagerConnection();
        this.sessions = sessions;
        this.channels = channels;
        this.clock = clock;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.address = host + ":" + port;
        connection.addEventListener(this::onEvent);
    }

    /** Adds a part that follows Asterisk's events (before {@link #start()}). */
    void addListener(AmiListener listener) {
        listeners.add(listener);
    }

    /** Sends an action and waits up to {@code timeoutMs} for its response (Success, or a {@code ManagerError}). */
    org.asteriskjava.manager.response.ManagerResponse send(org.asteriskjava.manager.action.ManagerAction action,
            long timeoutMs) throws AmiUnavailable {
        if (!isUp()) {
            throw new AmiUnavailable("the AMI link to " + address + " is down");
        }
        try {
            return connection.sendAction(action, timeoutMs);
        } catch (IOException | TimeoutException | IllegalStateException | IllegalArgumentException e) {
            throw new AmiUnavailable("AMI " + action.getAction() + " failed: " + e.getMessage());
        }
    }

    /** Sends an action that answers with events, and waits up to {@code timeoutMs} for the last of them. */
    ResponseEvents sendForEvents(org.asteriskjava.manager.action.EventGeneratingAction action, long timeoutMs)
            throws AmiUnavailable {
        if (!isUp()) {
            throw new AmiUnavailable("the AMI link to " + address + " is down");
        }
        try {
            return connection.sendEventGeneratingAction(action, timeoutMs);
        } catch (IOException | TimeoutException | IllegalStateException | IllegalArgumentException e) {
            throw new AmiUnavailable("AMI " + action.getAction() + " failed: " + e.getMessage());
        }
    }

    /** Starts connecting (in the background: Asterisk may start after Switchboard). */
    public void start() {
        connector = Thread.ofVirtual().name("ami-connect").start(this::connectUntilUp);
    }

    private void connectUntilUp() {
        Duration backoff = firstBackoff;
        while (!closed) {
            try {
                connection.login();
                log.info("AMI connected to {}", address);
                return; // from now on Asterisk-Java reconnects by itself; ConnectEvent reconciles
            } catch (AuthenticationFailedException e) {
                log.error("AMI login to {} refused: check the AMI user and secret (switchboard.asterisk.ami.*)",
                        address);
            } catch (IOException | TimeoutException | IllegalStateException e) {
                log.warn("AMI {} unreachable ({}); trying again in {} ms", address, e.getMessage(),
                        backoff.toMillis());
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    private void onEvent(ManagerEvent event) {
        try {
            switch (event) {
                case NewChannelEvent e -> channels.opened(e.getUniqueId(), e.getChannel());
                case HangupEvent e -> {
                    channels.closed(e.getUniqueId());
                    sessions.call(e.getUniqueId()).ifPresent(AgiCall::channelHungUp);
                }
                // a channel inside FastAGI is hung up at once but its Hangup event waits for the FastAGI socket to
                // close (recorded: ami-acd-bridge-*-hangs-up); the request events come at once
                case HangupRequestEvent e -> sessions.call(e.getUniqueId()).ifPresent(AgiCall::channelHungUp);
                case SoftHangupRequestEvent e -> sessions.call(e.getUniqueId()).ifPresent(AgiCall::channelHungUp);
                case BridgeEnterEvent e -> channels.entered(e.getBridgeUniqueId(), e.getUniqueId());
                case BridgeLeaveEvent e -> channels.left(e.getBridgeUniqueId(), e.getUniqueId());
                case BridgeDestroyEvent e -> channels.destroyed(e.getBridgeUniqueId());
                case ConnectEvent e -> {
                    up = true;
                    Thread.ofVirtual().name("ami-reconcile").start(this::reconcile);
                }
                case DisconnectEvent e -> {
                    up = false;
                    log.warn("AMI link to {} lost; Asterisk-Java reconnects", address);
                    listeners.forEach(AmiListener::linkDown);
                }
                default -> { }
            }
            for (AmiListener l : listeners) {
                try {
                    l.event(event);
                } catch (RuntimeException e) {
                    log.warn("AMI event {} not applied by {}: {}", event.getClass().getSimpleName(),
                            l.getClass().getSimpleName(), e.toString());
                }
            }
        } catch (RuntimeException e) {
            log.warn("AMI event {} not applied: {}", event.getClass().getSimpleName(), e.toString());
        }
    }

    /**
     * Asks Asterisk which channels exist, replaces the registry with the answer, and ends the FastAGI calls (started
     * before the question) whose channels are not in it.
     */
    void reconcile() {
        Instant asked = clock.instant();
        ResponseEvents listed;
        try {
            listed = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), ACTION_TIMEOUT_MS);
        } catch (IOException | TimeoutException | IllegalStateException | IllegalArgumentException e) {
            log.warn("AMI CoreShowChannels failed: {}; the registry is kept as it was", e.toString());
            return;
        }
        Map<String, String> live = new HashMap<>();
        Map<String, Set<String>> bridges = new HashMap<>();
        for (ResponseEvent r : listed.getEvents()) {
            if (r instanceof CoreShowChannelEvent c && c.getUniqueid() != null) {
                live.put(c.getUniqueid(), c.getChannel());
                if (c.getBridgeid() != null && !c.getBridgeid().isEmpty()) {
                    bridges.computeIfAbsent(c.getBridgeid(), b -> new HashSet<>()).add(c.getUniqueid());
                }
            }
        }
        channels.replaceWith(live, bridges);
        int ended = 0;
        for (AgiCall call : sessions.calls()) {
            if (call.facts().started().isBefore(asked) && !live.containsKey(call.channel().uniqueId())) {
                call.channelVanished();
                ended++;
            }
        }
        log.info("AMI: {} channels live on Asterisk; {} call(s) whose channel vanished while the link was down ended",
                live.size(), ended);
        Set<String> ids = Set.copyOf(live.keySet());
        for (AmiListener l : listeners) {
            try {
                l.reconciled(ids, asked);
            } catch (RuntimeException e) {
                log.warn("AMI: reconciling {} failed: {}", l.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Whether the link is logged in now. */
    public boolean isUp() {
        return up && connection.getState() == ManagerConnectionState.CONNECTED;
    }

    @Override
    public void close() {
        closed = true;
        Thread c = connector;
        if (c != null) {
            c.interrupt();
        }
        try {
            connection.logoff();
        } catch (RuntimeException e) {
            log.debug("AMI logoff: {}", e.toString());
        }
    }
}
