package io.switchboard.callflow.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * What every carrier's call keeps the same way, whatever carries it (the built-in SIP endpoint, Asterisk, a scripted
 * test call): the caller's type-ahead keys, the one hang-up signal that wakes every wait, and the language prompts
 * are played in, with the language to fall back to when a prompt has no recording in it.
 *
 * <p>Carrier threads (a media thread, an AMI event, a SIP transaction) {@linkplain #offerKey offer keys} and
 * {@linkplain #hangUp hang up}; the call's flow thread waits in {@link #nextKey(Duration)} or
 * {@link #awaitPlayback} and returns promptly once the caller is gone.
 */
public final class CallSignals {

    /** Keys kept at most; more typed ahead are dropped. */
    public static final int MAX_KEYS = 64;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Character> keys = new ArrayDeque<>();
    private final String fallbackLanguage;
    private volatile boolean gone;
    private volatile String language;

    /** Prompts in English, falling back to English. */
    public CallSignals() {
        this("en");
    }

    /** @param language the first language, also the one prompts fall back to */
    public CallSignals(String language) {
        this.fallbackLanguage = Objects.requireNonNull(language, "language");
        this.language = language;
    }

    /** Buffers a key the caller pressed; false when the call is over or the buffer is full. */
    public boolean offerKey(char key) {
        lock.lock();
        try {
            if (gone || keys.size() >= MAX_KEYS) {
                return false;
            }
            keys.add(key);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the oldest buffered key without waiting. */
    public Optional<Character> pollKey() {
        lock.lock();
        try {
            return Optional.ofNullable(keys.poll());
        } finally {
            lock.unlock();
        }
    }

    public boolean hasKeys() {
        lock.lock();
        try {
            return !keys.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    public void clearKeys() {
        lock.lock();
        try {
            keys.clear();
        } finally {
            lock.unlock();
        }
    }

    /** The next key, waiting up to {@code timeout}; a buffered key wins over a hang-up that came after it. */
    public KeyOutcome nextKey(Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (keys.isEmpty() && !gone && remaining > 0) {
                try {
                    remaining = changed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new KeyOutcome.HungUp();
                }
            }
            if (!keys.isEmpty()) {
                return new KeyOutcome.Key(keys.poll());
            }
            return gone ? new KeyOutcome.HungUp() : new KeyOutcome.Timeout();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits while a prompt plays: until {@code finished} says so (re-read after every {@link #changed(Runnable)}),
     * the caller hangs up, or, with barge-in, a key arrives.
     */
    public PlayOutcome awaitPlayback(BooleanSupplier finished, boolean bargeIn) {
        return awaitPlayback(finished, bargeIn, () -> false);
    }

    /**
     * As {@link #awaitPlayback(BooleanSupplier, boolean)}, also ending with {@link PlayOutcome#STOPPED} once
     * {@code stopped} says so (re-read after every {@link #changed(Runnable)}): the platform ended the wait the
     * playback filled.
     */
    public PlayOutcome awaitPlayback(BooleanSupplier finished, boolean bargeIn, BooleanSupplier stopped) {
        lock.lock();
        try {
            while (!finished.getAsBoolean() && !gone && !(bargeIn && !keys.isEmpty()) && !stopped.getAsBoolean()) {
                changed.awaitUninterruptibly();
            }
            if (gone) {
                return PlayOutcome.HUNG_UP;
            }
            if (finished.getAsBoolean()) {
                return PlayOutcome.COMPLETED;
            }
            return bargeIn && !keys.isEmpty() ? PlayOutcome.INTERRUPTED : PlayOutcome.STOPPED;
        } finally {
            lock.unlock();
        }
    }

    /** Applies a change a wait depends on (a playback finished) and wakes the waits. */
    public void changed(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The one hang-up signal: marks the call gone, runs {@code first} (recording how it ended) before anyone can see
     * it gone, and wakes every wait. Only the first hang-up counts.
     *
     * @return true for the hang-up that ended the call
     */
    public boolean hangUp(Runnable first) {
        lock.lock();
        try {
            if (gone) {
                return false;
            }
            first.run();
            gone = true;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #hangUp(Runnable)} with nothing to record. */
    public boolean hangUp() {
        return hangUp(() -> { });
    }

    public boolean isGone() {
        return gone;
    }

    public String language() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = Objects.requireNonNull(language, "language");
    }

    /** The languages to look a prompt up in, in order: the call's, then the fallback. */
    public List<String> promptLanguages() {
        String now = language;
        return now.equals(fallbackLanguage) ? List.of(now) : List.of(now, fallbackLanguage);
    }
}
