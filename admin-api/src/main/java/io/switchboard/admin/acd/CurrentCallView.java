package io.switchboard.admin.acd;

import io.switchboard.admin.handoff.HandoffView;
import io.switchboard.ivr.acd.CurrentCalls;
import io.switchboard.ivr.handoff.HandoffOutbox;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An agent's current call as {@code GET /api/agents/{id}/current} shows it: the call and the context the phone was
 * given, the hand-offs made for it so far, and those of earlier calls from the same number (the tickets the agent
 * may want to open), newest first.
 */
record CurrentCallView(String agentId, String callId, String queue, boolean answered, Instant since,
        Map<String, String> context, List<HandoffView> handoffs, List<HandoffView> previousHandoffs) {

    /** Earlier hand-offs shown, at most. */
    static final int PREVIOUS = 10;

    static CurrentCallView of(CurrentCalls.AgentCall call, HandoffOutbox outbox) {
        return new CurrentCallView(call.agentId(), call.callId(), call.queue(), call.answered(), call.since(),
                call.context(), outbox.ofCall(call.callId()).stream().map(HandoffView::of).toList(),
                outbox.earlierFrom(call.context().getOrDefault("Caller", ""), call.callId(), PREVIOUS).stream()
                        .map(HandoffView::of).toList());
    }
}
