package io.switchboard.admin.handoff;

import io.switchboard.admin.http.ApiRefusal;
import io.switchboard.admin.security.AuditLog;
import io.switchboard.ivr.acd.CurrentCalls;
import io.switchboard.ivr.handoff.HandoffOutbox;
import io.switchboard.ivr.handoff.HandoffRequest;
import io.switchboard.ivr.store.CallRecord;
import io.switchboard.ivr.store.CallStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/calls/{id}/follow-up} with an optional {@code {"note": "…"}}: the agent on the call (or a
 * supervisor, for any call) marks it for follow-up, and it is handed off to the integration
 * {@code switchboard.handoff.on.follow-up} names, with the caller, the agent, the queue, the context the agent's
 * phone was given and the note. A call is marked once: marking it again answers the hand-off already made.
 */
@RestController
class FollowUpController {

    static final int MAX_NOTE = 2000;

    private final HandoffOutbox outbox;
    private final HandoffProperties properties;
    private final CallStore calls;
    private final CurrentCalls current;
    private final AuditLog audit;

    FollowUpController(HandoffOutbox outbox, HandoffProperties properties, CallStore calls, CurrentCalls current,
            AuditLog audit) {
        this.outbox = outbox;
        this.properties = properties;
        this.calls = calls;
        this.current = current;
        this.audit = audit;
    }

    /** The optional body. */
    record FollowUp(String note) {}

    @PostMapping("/api/calls/{id}/follow-up")
    HandoffView mark(@PathVariable("id") String id, @RequestBody(required = false) FollowUp body,
            Authentication who) {
        String integration = properties.followUp();
        if (integration == null) {
            throw ApiRefusal.of(HttpStatus.CONFLICT, "No follow-up integration", "This server hands follow-ups to"
                    + " no integration: set switchboard.handoff.on." + HandoffProperties.FOLLOW_UP + ".");
        }
        String note = body == null || body.note() == null ? "" : body.note().strip();
        if (note.length() > MAX_NOTE) {
            throw ApiRefusal.badRequest("Note too long", "A follow-up note is at most " + MAX_NOTE
                    + " characters; this one has " + note.length() + ".");
        }
        Optional<CurrentCalls.AgentCall> onCall = current.of(who.getName()).filter(c -> c.callId().equals(id));
        boolean supervisor = who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_SUPERVISOR")
                || a.getAuthority().equals("ROLE_ADMIN"));
        if (!supervisor && onCall.isEmpty()) {
            throw ApiRefusal.of(HttpStatus.FORBIDDEN, "Not your call", "An agent marks for follow-up only the call"
                    + " they are on; '" + who.getName() + "' is not on call " + id + ". Supervisors may mark any"
                    + " call.");
        }
        Optional<CallRecord> call = calls.find(id);
        if (call.isEmpty() && onCall.isEmpty()) {
            throw ApiRefusal.of(HttpStatus.NOT_FOUND, "Call not found", "No call has id '" + id + "'. GET"
                    + " /api/calls lists the latest calls with their ids.");
        }
        Map<String, String> payload = new LinkedHashMap<>();
        onCall.ifPresent(c -> {
            c.context().forEach((k, v) -> payload.put(k, v));
            payload.put("queue", c.queue());
            payload.put("agent", c.agentId());
        });
        String caller = call.map(CallRecord::caller).orElse(payload.getOrDefault("Caller", ""));
        payload.put("caller", caller);
        payload.put("call.id", id);
        payload.put("marked-by", who.getName());
        payload.put("note", note);
        var stored = outbox.add(new HandoffRequest(integration, HandoffProperties.FOLLOW_UP, id, caller,
                "follow-up:" + id, payload));
        audit.record("call.follow-up", id, integration);
        return HandoffView.of(stored);
    }
}
