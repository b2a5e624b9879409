package io.switchboard.ivr.sip;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls the endpoint may carry at once: one slot per call from its INVITE until it ends (ringing, answered, or
 * waiting for its ACK). When none is free an INVITE is refused with 503, and health says so.
 */
final class CallSlots {

    private final int capacity;
    private final AtomicInteger used = new AtomicInteger();

    /** @param capacity slots in all; at least 1 */
    CallSlots(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** Takes a slot; false when all are in use. */
    boolean tryTake() {
        while (true) {
            int now = used.get();
            if (now >= capacity) {
                return false;
            }
            if (used.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back a slot taken with {@link #tryTake}. */
    void release() {
        used.decrementAndGet();
    }

    int capacity() {
        return capacity;
    }

    int used() {
        return used.get();
    }
}
