package io.switchboard.ivr.acd;

import java.util.List;

/**
 * The one routing decision: which waiting call goes to which offerable agent. Decided in memory; the ACD then claims
 * each chosen agent in PostgreSQL, and a claim lost to another node simply leaves that call waiting for the next
 * decision. {@link RulesRouter} routes by the rule files of routing-rules; {@link LongestIdleRouter} is the default.
 */
public interface Router {

    /**
     * @param waiting calls waiting, in line order (priority, then original entry time)
     * @param agents  agents that may take a call now
     * @return at most one assignment per call and per agent
     */
    List<Assignment> route(List<WaitingCall> waiting, List<OfferableAgent> agents);

    /**
     * A call given to an agent, with why (for the queue log and the call's path; empty when the router gives no
     * reason, as the default does).
     */
    record Assignment(WaitingCall call, OfferableAgent agent, String explanation) {
        public Assignment {
            explanation = explanation == null ? "" : explanation;
        }

        public Assignment(WaitingCall call, OfferableAgent agent) {
            this(call, agent, "");
        }
    }
}
