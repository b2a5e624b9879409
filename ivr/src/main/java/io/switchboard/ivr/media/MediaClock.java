package io.switchboard.ivr.media;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one pacing clock for every outbound stream: each 20 ms tick hands every active stream its tick number. Ticks
 * are absolute deadlines from a monotonic epoch ({@code epoch + n × 20 ms}), so sleeping late never accumulates
 * drift; a stream derives its RTP timestamps from tick numbers and catches up on ticks it missed.
 *
 * <p>Tests drive {@link #tick(long)} directly, without starting the thread.
 */
public final class MediaClock implements AutoCloseable {

    /** The frame interval. */
    public static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final Logger log = LoggerFactory.getLogger(MediaClock.class);

    private final CopyOnWriteArrayList<Tickable> members = new CopyOnWriteArrayList<>();
    private final long epoch = System.nanoTime();
    private volatile long currentTick;
    private volatile boolean running;
    private Thread thread;

    /** Something that acts on every tick. */
    public interface Tickable {
        /** Called on the clock thread; must be quick and must not throw. */
        void onTick(long tick, long nowNanos);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("media-clock").daemon(true).priority(Thread.MAX_PRIORITY)
                .start(this::loop);
    }

    /** The tick the clock is at (the next frame to send is due at this tick). */
    public long currentTick() {
        return currentTick;
    }

    public void add(Tickable member) {
        members.add(member);
    }

    public void remove(Tickable member) {
        members.remove(member);
    }

    public int size() {
        return members.size();
    }

    private void loop() {
        long tick = 0;
        while (running) {
            long deadline = epoch + tick * TICK_NANOS;
            long wait;
            while ((wait = deadline - System.nanoTime()) > 0 && running) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            // If we woke very late (a stall), jump to the tick that is due now; streams catch up from their cursors.
            long due = (now - epoch) / TICK_NANOS;
            if (due > tick) {
                tick = due;
            }
            tick(tick, now);
            tick++;
        }
    }

    /** Runs one tick for every member. Public for tests that drive the clock by hand. */
    public void tick(long tick, long nowNanos) {
        currentTick = tick;
        for (Tickable member : members) {
            try {
                member.onTick(tick, nowNanos);
            } catch (RuntimeException e) {
                log.warn("media tick failed for {}; removing it", member, e);
                members.remove(member);
            }
        }
    }

    /** Convenience for tests: tick with the current time. */
    public void tick(long tick) {
        tick(tick, System.nanoTime());
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            thread = null;
        }
        members.clear();
    }
}
