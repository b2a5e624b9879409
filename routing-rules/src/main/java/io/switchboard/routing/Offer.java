package io.switchboard.routing;

/** A decision for one call: offer it to {@code agentId}. Printed as {@code offered to 1002 by vip-to-senior, …}. */
public record Offer(String callId, String agentId, Explanation why) {

    @Override
    public String toString() {
        return callId + " offered to " + agentId + " " + why;
    }
}
