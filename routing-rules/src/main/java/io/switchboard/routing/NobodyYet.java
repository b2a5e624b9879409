package io.switchboard.routing;

/** A decision for one call: no available agent may take it yet; it keeps waiting. */
public record NobodyYet(String callId, Explanation why) {

    @Override
    public String toString() {
        return callId + " waits for nobody yet " + why;
    }
}
