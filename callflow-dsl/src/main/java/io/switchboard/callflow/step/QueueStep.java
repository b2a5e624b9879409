package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import io.switchboard.callflow.engine.QueuePort;
import io.switchboard.callflow.expr.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Waits in a queue for an agent; each way the wait can end has its own next step.
 *
 * @param connected   after the caller talked to an agent (null: the call ends)
 * @param timeout     after the maximum wait
 * @param exitKey     after an exit key (null when there are none)
 * @param callback    after the caller chose a callback (null: as timeout)
 * @param chat        after the caller chose to continue in chat (null when chat is not offered)
 * @param full        when the queue is at its max-length (null: as unavailable)
 * @param noAgents    when nobody serving the queue is logged in (null: as unavailable)
 * @param unavailable when there is no queueing (null: as timeout)
 * @param attributes  what the routing rules may know of the caller, as templates evaluated when the call joins
 */
public record QueueStep(String id, SourcePos pos, QueuePort.QueueRequest request, String connected,
        String timeout, String exitKey, String callback, String chat, String full, String noAgents, String unavailable,
        Map<String, Template> attributes) implements Step {

    public QueueStep {
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    @Override
    public List<String> targets() {
        List<String> out = new ArrayList<>();
        for (String t : new String[] {connected, timeout, exitKey, callback, chat, full, noAgents, unavailable}) {
            if (t != null && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
