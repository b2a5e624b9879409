package io.switchboard.ivr.store;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the embedded PostgreSQL back when its server process dies (a crash, the OOM killer, {@code kill -9}):
 * it checks every {@code checkEvery} that the server of the data directory runs, and starts it again on the same
 * directory and port, with back-off (one second, doubling, at most thirty) while it will not start. The connection
 * pool reconnects by itself and the {@link CallWriter} then stores what it kept.
 */
public final class EmbeddedDatabaseWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseWatchdog.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final EmbeddedDatabase database;
    private final Duration checkEvery;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong restarts = new AtomicLong();
    private final Thread thread;
    private volatile boolean down;

    /** Starts watching {@code database}. */
    public EmbeddedDatabaseWatchdog(EmbeddedDatabase database, Duration checkEvery) {
        this.database = database;
        this.checkEvery = checkEvery;
        this.thread = Thread.ofPlatform().daemon().name("embedded-db-watchdog").start(this::watch);
    }

    /** How many times the server was started again. */
    public long restarts() {
        return restarts.get();
    }

    /** Whether the server is known to be down and not yet started again. */
    public boolean isDown() {
        return down;
    }

    /** Stops watching (before the server is stopped on purpose). */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(Duration.ofSeconds(40));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void watch() {
        Duration backoff = FIRST_BACKOFF;
        Duration wait = checkEvery;
        while (!stopped(wait)) {
            if (database.isRunning()) {
                wait = checkEvery;
                continue;
            }
            if (!down) {
                down = true;
                log.warn("Embedded PostgreSQL on {} is gone; starting it again", database.dataDir());
            }
            long started = System.nanoTime();
            try {
                database.restart();
                down = false;
                restarts.incrementAndGet();
                log.info("Embedded PostgreSQL running again on 127.0.0.1:{} after {} ms", database.port(),
                        (System.nanoTime() - started) / 1_000_000);
                backoff = FIRST_BACKOFF;
                wait = checkEvery;
            } catch (RuntimeException e) {
                log.warn("Embedded PostgreSQL did not start again ({}); next try in {} s", e.getMessage(),
                        backoff.toSeconds());
                wait = backoff;
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private boolean stopped(Duration wait) {
        try {
            return stop.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
