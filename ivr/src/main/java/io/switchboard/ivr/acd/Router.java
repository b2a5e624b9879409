package io.switchboard.ivr.acd;

import java.util.List;

/**
 * The one routing decision: which waiting call goes to which offerable agent. Decided in memory; the ACD then claims
 * each chosen agent in PostgreSQL, and a claim lost to another node simply leaves that call waiting for the next
 * decision. The next issue's skill rules (Drools) implement it; {@link LongestIdleRouter} is the default.
 */
public interface Router {

    /**
     * @param waiting calls waiting, in line order (priority, then original entry time)
     * @param agents  agents that may take a call now
     * @return at most one assignment per call and per agent
     */
    List<Assignment> route(List<WaitingCall> waiting, List<OfferableAgent> agents);

    /** A call given to an agent. */
    record Assignment(WaitingCall call, OfferableAgent agent) {}
}
