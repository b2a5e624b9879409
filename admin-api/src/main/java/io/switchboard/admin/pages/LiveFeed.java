package io.switchboard.admin.pages;

import io.switchboard.admin.http.ApiRefusal;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-sent events for the pages. One clock thread looks at each watched topic (the wallboard, one agent's desk)
 * every {@code check} while anyone watches it, and hands a subscriber the new snapshot when it differs from the
 * last one it got, or a heartbeat comment after {@code heartbeat} of quiet. Each subscriber has its own virtual
 * thread writing to its connection and a mailbox of one: a slow reader skips the snapshots it could not take and
 * gets the newest, and nothing the ACD does waits for it. Subscribers are bounded per user and in all.
 */
public final class LiveFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final String HEARTBEAT = "";

    private final Duration heartbeat;
    private final int perUser;
    private final int total;
    private final Duration lifetime;
    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("live-feed").daemon().factory());

    /**
     * @param check     how often watched topics are looked at
     * @param heartbeat quiet this long sends a comment, so proxies keep the connection
     * @param perUser   connections one user may hold at once
     * @param total     connections in all
     * @param lifetime  a connection ends after this; the page reconnects (and re-checks its login)
     */
    public LiveFeed(Duration check, Duration heartbeat, int perUser, int total, Duration lifetime) {
        this.heartbeat = heartbeat;
        this.perUser = perUser;
        this.total = total;
        this.lifetime = lifetime;
        clock.scheduleWithFixedDelay(this::look, check.toMillis(), check.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One open connection. */
    private final class Subscriber {
        final String user;
        final String topic;
        final Supplier<Object> view;
        final SseEmitter emitter = new SseEmitter(lifetime.toMillis());
        final BlockingQueue<String> mailbox = new ArrayBlockingQueue<>(1);
        volatile String last;
        volatile long lastSentNanos = System.nanoTime();

        Subscriber(String user, String topic, Supplier<Object> view) {
            this.user = user;
            this.topic = topic;
            this.view = view;
        }

        void offer(String message) {
            while (!mailbox.offer(message)) {
                mailbox.poll(); // the reader is behind: it gets the newest instead
            }
        }

        void write() {
            try {
                while (subscribers.contains(this)) {
                    String message = mailbox.poll(1, TimeUnit.SECONDS);
                    if (message == null) {
                        continue;
                    }
                    if (message.equals(HEARTBEAT)) {
                        emitter.send(SseEmitter.event().comment("heartbeat"));
                    } else {
                        emitter.send(SseEmitter.event().name("snapshot").data(message, MediaType.APPLICATION_JSON));
                    }
                }
            } catch (IOException | IllegalStateException e) {
                log.debug("live subscriber {} on {} gone: {}", user, topic, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                end();
            }
        }

        void end() {
            if (subscribers.remove(this)) {
                emitter.complete();
            }
        }
    }

    /**
     * Opens a connection for {@code user} on {@code topic}, whose snapshots {@code view} computes; the first
     * snapshot is sent at once.
     *
     * @throws org.springframework.web.ErrorResponseException 429 when the user or the server holds too many
     */
    public synchronized SseEmitter subscribe(String user, String topic, Supplier<Object> view) {
        long mine = subscribers.stream().filter(s -> s.user.equals(user)).count();
        if (mine >= perUser || subscribers.size() >= total) {
            throw ApiRefusal.of(HttpStatus.TOO_MANY_REQUESTS, "Too many live connections", mine >= perUser
                    ? "'" + user + "' already holds " + mine + " live connections (at most " + perUser + "); close a"
                            + " page first."
                    : "The server already holds " + total + " live connections; try again later.");
        }
        Subscriber s = new Subscriber(user, topic, view);
        String first = render(view);
        if (first != null) {
            s.last = first;
            s.offer(first);
        }
        subscribers.add(s);
        s.emitter.onCompletion(s::end);
        s.emitter.onTimeout(s::end);
        s.emitter.onError(e -> s.end());
        Thread.ofVirtual().name("live-" + topic).start(s::write);
        return s.emitter;
    }

    /** Connections open now. */
    public int size() {
        return subscribers.size();
    }

    private void look() {
        try {
            Map<String, String> byTopic = new HashMap<>();
            long now = System.nanoTime();
            for (Subscriber s : subscribers) {
                String snapshot = byTopic.computeIfAbsent(s.topic, t -> render(s.view));
                if (snapshot != null && !snapshot.equals(s.last)) {
                    s.last = snapshot;
                    s.lastSentNanos = now;
                    s.offer(snapshot);
                } else if (now - s.lastSentNanos >= heartbeat.toNanos()) {
                    s.lastSentNanos = now;
                    s.offer(HEARTBEAT);
                }
            }
        } catch (RuntimeException e) {
            log.warn("live feed: {}", e.getMessage());
        }
    }

    /** The snapshot as JSON, or null when it could not be computed (the database is away): nothing is sent. */
    private String render(Supplier<Object> view) {
        try {
            return json.writeValueAsString(view.get());
        } catch (RuntimeException e) {
            log.debug("live snapshot failed: {}", e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
        subscribers.forEach(Subscriber::end);
    }
}
