package io.switchboard.ivr.store;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the {@link CallWriter} delivers when it has a {@link CallSpool}: straight to the database while it answers;
 * from the first transient failure on, every write goes to the spool instead, in arrival order, and the spool is
 * replayed with back-off until the database takes all of it; then writes go straight to the database again. Calls
 * therefore never wait for the database and an outage of any length loses no call start, answer, end, recording or
 * survey answer. Path entries are spooled while the spool has room and dropped (and counted) beyond it.
 *
 * <p>Used by the writer's one thread only.
 */
final class SpooledDelivery {

    /** Writes stored per replay round before new writes are taken in again. */
    private static final int REPLAY_BATCHES = 20;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(SpooledDelivery.class);

    /** What the writer does with a write the database refuses for good. */
    interface Rejections {
        void reject(List<CallWrite> writes, CallStoreException e);
    }

    private final CallStore store;
    private final CallSpool spool;
    private final AtomicLong droppedPathEntries;
    private final AtomicLong failedWrites;
    private final Rejections rejections;
    private Duration backoff = FIRST_BACKOFF;
    private long nextReplay = System.nanoTime();
    private long spooledThisOutage;
    private volatile long waiting;

    SpooledDelivery(CallStore store, CallSpool spool, AtomicLong droppedPathEntries, AtomicLong failedWrites,
            Rejections rejections) {
        this.store = store;
        this.spool = spool;
        this.droppedPathEntries = droppedPathEntries;
        this.failedWrites = failedWrites;
        this.rejections = rejections;
        this.waiting = spool.waiting();
        if (!spool.isEmpty()) {
            log.info("Call spool {} holds {} write(s) from before; storing them first", spool.file(), waiting);
        }
    }

    /** Whether writes wait in the spool (the database was unreachable and has not taken them all yet). */
    boolean spooling() {
        return !spool.isEmpty();
    }

    /** Writes waiting in the spool. */
    long waiting() {
        return waiting;
    }

    /** How long until the next replay attempt is due (zero when it is). */
    Duration untilReplay() {
        return Duration.ofNanos(Math.max(0, nextReplay - System.nanoTime()));
    }

    /** Stores {@code writes}, or spools them when the database is unreachable or the spool is not yet replayed. */
    void deliver(List<CallWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        if (!spooling()) {
            try {
                store.write(writes);
                return;
            } catch (CallStoreException e) {
                if (!e.isTransient()) {
                    isolate(writes);
                    return;
                }
                log.warn("Call store unreachable ({}); keeping call writes in {} until it answers", e.getMessage(),
                        spool.file());
                spooledThisOutage = 0;
                backoff = FIRST_BACKOFF;
                nextReplay = System.nanoTime() + backoff.toNanos();
            }
        }
        toSpool(writes);
    }

    /** Replays the spool into the database when a replay is due. */
    void replayIfDue() {
        if (!spooling() || System.nanoTime() < nextReplay) {
            return;
        }
        try {
            for (int round = 0; round < REPLAY_BATCHES && spooling(); round++) {
                List<CallWrite> batch = spool.next(CallWriter.BATCH);
                try {
                    store.write(batch);
                } catch (CallStoreException e) {
                    if (e.isTransient()) {
                        later();
                        return;
                    }
                    if (!storeOneByOne(batch)) {
                        later();
                        return;
                    }
                }
                spool.acknowledge(batch.size());
                waiting = spool.waiting();
            }
            if (!spooling()) {
                log.info("Call store reachable again: the {} write(s) kept in the spool are stored",
                        spooledThisOutage);
                backoff = FIRST_BACKOFF;
            }
        } catch (IOException e) {
            log.error("Cannot read the call spool {}: {}", spool.file(), e.getMessage());
            later();
        }
    }

    /** Replays the whole spool now; false when the database stopped taking it (the rest is replayed later). */
    boolean replayAll() {
        nextReplay = System.nanoTime();
        while (spooling()) {
            replayIfDue();
            if (spooling() && !untilReplay().isZero()) {
                return false;
            }
        }
        return true;
    }

    private void later() {
        nextReplay = System.nanoTime() + backoff.toNanos();
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    /** Stores each write alone, rejecting those the database refuses; false when it became unreachable. */
    private boolean storeOneByOne(List<CallWrite> writes) {
        for (CallWrite write : writes) {
            try {
                store.write(List.of(write));
            } catch (CallStoreException e) {
                if (e.isTransient()) {
                    return false;
                }
                rejections.reject(List.of(write), e);
            }
        }
        return true;
    }

    /** A batch the database refused: each write alone; from a transient failure on, the rest is spooled. */
    private void isolate(List<CallWrite> writes) {
        for (int i = 0; i < writes.size(); i++) {
            CallWrite write = writes.get(i);
            try {
                store.write(List.of(write));
            } catch (CallStoreException e) {
                if (e.isTransient()) {
                    toSpool(writes.subList(i, writes.size()));
                    return;
                }
                rejections.reject(List.of(write), e);
            }
        }
    }

    private void toSpool(List<CallWrite> writes) {
        List<byte[]> encoded = new ArrayList<>(writes.size());
        long bytes = 0;
        for (CallWrite write : writes) {
            byte[] record = SpooledWrite.encode(write);
            if (!write.essential() && !spool.hasRoomFor(bytes + record.length)) {
                droppedPathEntries.incrementAndGet();
                continue;
            }
            encoded.add(record);
            bytes += record.length + 8;
        }
        try {
            spool.append(encoded);
            spooledThisOutage += encoded.size();
            waiting = spool.waiting();
        } catch (IOException e) {
            failedWrites.addAndGet(encoded.size());
            log.error("Cannot keep {} call write(s) in the spool {} ({}): calls {} lost them", encoded.size(),
                    spool.file(), e.getMessage(),
                    writes.stream().map(CallWrite::callId).distinct().limit(10).toList());
        }
    }
}
