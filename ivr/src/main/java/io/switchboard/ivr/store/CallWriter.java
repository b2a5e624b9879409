package io.switchboard.ivr.store;

import io.switchboard.callflow.engine.CallFacts;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of call records: calls hand it writes through their {@link CallRecorder}s without waiting, and one
 * virtual thread stores them in arrival order, in batches of up to {@value #BATCH} per transaction. A slow or
 * unreachable database therefore slows nobody's audio.
 *
 * <p><b>When the database falls behind.</b> A call's start, answer and end are always queued and never dropped:
 * there are at most three of them per call, so what they hold is bounded by the number of calls, not by how busy
 * the calls are. Path entries (steps, prompts, keys, flow ends) are queued while fewer than the path capacity are
 * waiting; beyond it they are dropped, counted ({@link #droppedPathEntries()}) and reported in a warning at most
 * every ten seconds. A dropped entry leaves a gap in its call's {@link PathEntry#seq()} numbers, so a reader can
 * see that the path is incomplete.
 *
 * <p><b>When the database fails.</b> Transient failures (unreachable, restarting, out of connections) are retried
 * with back-off until they succeed or the writer is closed. A write the database rejects (a constraint) is logged
 * and counted in {@link #failedWrites()}; the other writes of its batch are stored one by one.
 *
 * <p><b>With a spool.</b> Given a {@link CallSpool}, the writer never waits for an unreachable database: from the
 * first transient failure on, writes go to the spool on local disk, in order, and the spool is replayed with
 * back-off until the database has taken all of it ({@link SpooledDelivery}). What was spooled when the process
 * stopped is replayed at the next start. Without one, transient failures are retried in memory.
 *
 * <p>{@link #flush(Duration)} waits until everything queued before it is stored; {@link #close()} stores what is
 * queued (up to its own deadline) and stops the writer thread.
 */
public final class CallWriter implements AutoCloseable {

    /** Path entries that may wait for the database before new ones are dropped. */
    public static final int DEFAULT_PATH_CAPACITY = 10_000;
    static final int BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(CallWriter.class);
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration WARN_EVERY = Duration.ofSeconds(10);

    private final CallStore store;
    private final int pathCapacity;
    private final Clock clock;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedPathEntries = new AtomicInteger();
    private final AtomicLong droppedPathEntries = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong queuedWrites = new AtomicLong();
    private final AtomicLong settledWrites = new AtomicLong();
    private final AtomicLong lastDropWarning = new AtomicLong(Long.MIN_VALUE);
    private final SpooledDelivery spooled;
    private final Thread thread;
    private volatile boolean closed;

    /** A writer with the {@link #DEFAULT_PATH_CAPACITY} and the system clock. */
    public CallWriter(CallStore store) {
        this(store, DEFAULT_PATH_CAPACITY, Clock.systemUTC());
    }

    /**
     * @param store        where the writes go
     * @param pathCapacity how many path entries may wait before new ones are dropped
     * @param clock        stamps the steps the flow reports (carrier events bring their own time)
     */
    public CallWriter(CallStore store, int pathCapacity, Clock clock) {
        this(store, pathCapacity, clock, null);
    }

    /**
     * A writer with the {@link #DEFAULT_PATH_CAPACITY} and the system clock that keeps writes in {@code spool} while
     * the database is unreachable. What the spool holds from before is stored first, before this returns, when the
     * database answers.
     */
    public CallWriter(CallStore store, CallSpool spool) {
        this(store, DEFAULT_PATH_CAPACITY, Clock.systemUTC(), Objects.requireNonNull(spool, "spool"));
    }

    /** As {@link #CallWriter(CallStore, int, Clock)}, spooling to {@code spool} when it is not null. */
    public CallWriter(CallStore store, int pathCapacity, Clock clock, CallSpool spool) {
        this.store = Objects.requireNonNull(store, "store");
        if (pathCapacity < 1) {
            throw new IllegalArgumentException("pathCapacity must be 1 or more, got " + pathCapacity);
        }
        this.pathCapacity = pathCapacity;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.spooled = spool == null ? null
                : new SpooledDelivery(store, spool, droppedPathEntries, failedWrites, this::reject);
        if (spooled != null && spooled.spooling()) {
            spooled.replayAll();
        }
        this.thread = Thread.ofVirtual().name("call-writer").start(this::drain);
    }

    /**
     * Records that a call started running flow {@code flowId} version {@code flowVersion}, and returns the recorder
     * that records the rest of it. Add the recorder to the call leg as its observer and to the interpreter as its
     * flow listener.
     */
    public CallRecorder recorder(CallFacts facts, String flowId, int flowVersion) {
        submit(new CallWrite.Started(facts, flowId, flowVersion));
        return new CallRecorder(this, facts.callId(), clock);
    }

    /**
     * Waits until every write queued before this call is stored (or given up on).
     *
     * @return false when {@code timeout} passed first
     */
    public boolean flush(Duration timeout) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        if (closed || !thread.isAlive()) {
            return queue.isEmpty();
        }
        queue.add(stored);
        try {
            stored.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("call writer failed", e.getCause());
        }
    }

    /** Path entries dropped because too many were waiting. */
    public long droppedPathEntries() {
        return droppedPathEntries.get();
    }

    /** Writes the database rejected, or that could not be stored before the writer closed. */
    public long failedWrites() {
        return failedWrites.get();
    }

    /** Writes kept in the spool, waiting for the database (0 without a spool). */
    public long spooledWrites() {
        return spooled == null ? 0 : spooled.waiting();
    }

    /** Whether writes wait in the spool for the database. */
    public boolean isSpooling() {
        return spooled != null && spooled.spooling();
    }

    /** Writes queued and not yet stored (or spooled). */
    public long pendingWrites() {
        return queuedWrites.get() - settledWrites.get();
    }

    /**
     * Stores what is queued, waiting up to ten seconds, then stops. Writes handed over afterwards are counted as
     * failed and logged with their call id.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(Stop.STOP);
        try {
            if (!thread.join(CLOSE_DEADLINE)) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
        long lost = pendingWrites();
        if (lost > 0) {
            failedWrites.addAndGet(lost);
            log.error("Call writer closed with {} write(s) not stored", lost);
        }
    }

    /** Queues a write without waiting; returns false when it was dropped. */
    boolean submit(CallWrite write) {
        if (closed) {
            failedWrites.incrementAndGet();
            log.error("Call writer is closed: {} of call {} not stored", write.what(), write.callId());
            return false;
        }
        if (!write.essential() && queuedPathEntries.incrementAndGet() > pathCapacity) {
            queuedPathEntries.decrementAndGet();
            long dropped = droppedPathEntries.incrementAndGet();
            warnDropped(dropped);
            return false;
        }
        queuedWrites.incrementAndGet();
        queue.add(write);
        return true;
    }

    private void warnDropped(long dropped) {
        long now = System.nanoTime();
        long last = lastDropWarning.get();
        if ((last == Long.MIN_VALUE || now - last >= WARN_EVERY.toNanos()) && lastDropWarning.compareAndSet(last, now)) {
            log.warn("Call store is behind: {} path entries waiting, {} dropped so far (call starts, answers and"
                    + " ends are kept)", pathCapacity, dropped);
        }
    }

    private void drain() {
        List<Object> taken = new ArrayList<>(BATCH);
        List<CallWrite> writes = new ArrayList<>(BATCH);
        try {
            while (true) {
                if (spooled != null && spooled.spooling()) {
                    Object first = queue.poll(spooled.untilReplay().toNanos(), TimeUnit.NANOSECONDS);
                    if (first == null) {
                        spooled.replayIfDue();
                        continue;
                    }
                    taken.add(first);
                } else {
                    taken.add(queue.take());
                }
                queue.drainTo(taken, BATCH - 1);
                boolean stop = false;
                for (Object item : taken) {
                    switch (item) {
                        case CallWrite write -> writes.add(write);
                        case CompletableFuture<?> barrier -> {
                            store(writes);
                            barrier.complete(null);
                        }
                        case Stop s -> stop = true;
                        default -> throw new IllegalStateException("unexpected queue item " + item);
                    }
                }
                store(writes);
                taken.clear();
                if (spooled != null) {
                    spooled.replayIfDue();
                }
                if (stop) {
                    completeWaitingFlushes();
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close() gave up waiting: what was not stored is counted there, as pending
            completeWaitingFlushes();
        }
    }

    /** Stores {@code writes} (and clears the list), retrying transient failures and isolating rejected writes. */
    private void store(List<CallWrite> writes) throws InterruptedException {
        if (writes.isEmpty()) {
            return;
        }
        try {
            if (spooled != null) {
                spooled.deliver(writes);
                settledWrites.addAndGet(writes.size());
                return;
            }
            CallStoreException failure = storeWithRetry(writes);
            if (failure != null && !failure.isTransient() && writes.size() > 1) {
                for (CallWrite write : writes) {
                    CallStoreException one = storeWithRetry(List.of(write));
                    if (one != null) {
                        reject(List.of(write), one);
                    }
                }
            } else if (failure != null) {
                reject(writes, failure);
            }
            settledWrites.addAndGet(writes.size());
        } finally {
            int paths = (int) writes.stream().filter(w -> !w.essential()).count();
            queuedPathEntries.addAndGet(-paths);
            writes.clear();
        }
    }

    /** Returns null when stored, or the failure the database will not get over. */
    private CallStoreException storeWithRetry(List<CallWrite> writes) throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        boolean warned = false;
        while (true) {
            try {
                store.write(writes);
                if (warned) {
                    log.info("Call store reachable again");
                }
                return null;
            } catch (CallStoreException e) {
                if (!e.isTransient() || closed) {
                    return e;
                }
                if (!warned) {
                    log.warn("Call store unreachable, retrying: {}", e.getMessage());
                    warned = true;
                }
                Thread.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void reject(List<CallWrite> writes, CallStoreException e) {
        failedWrites.addAndGet(writes.size());
        if (writes.size() == 1) {
            log.error("Call store refused a write: {}", e.getMessage());
        } else {
            List<String> calls = writes.stream().map(CallWrite::callId).distinct().limit(10).toList();
            log.error("Not stored: {} writes of calls {}{}: {}", writes.size(), String.join(", ", calls),
                    calls.size() == 10 ? ", ..." : "", e.getMessage());
        }
    }

    private void completeWaitingFlushes() {
        for (Object item : queue) {
            if (item instanceof CompletableFuture<?> barrier) {
                barrier.complete(null);
            }
        }
    }

    private enum Stop { STOP }
}
