package io.switchboard.ivr.sip;

/**
 * How full the endpoint is.
 *
 * @param used     calls holding a slot (from INVITE to end)
 * @param capacity calls allowed at once (the configured maximum, or the RTP ports, whichever is fewer)
 */
public record SipCapacity(int used, int capacity) {

    public int free() {
        return Math.max(0, capacity - used);
    }

    /** Whether a new call would be refused for want of a slot. */
    public boolean exhausted() {
        return free() == 0;
    }
}
