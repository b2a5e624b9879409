package io.switchboard.admin.handoff;

import io.switchboard.admin.http.ApiRefusal;
import io.switchboard.admin.http.QueryLimit;
import io.switchboard.ivr.handoff.Handoff;
import io.switchboard.ivr.handoff.HandoffOutbox;
import io.switchboard.admin.security.AuditLog;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/handoffs?state=dead&limit=}: hand-offs newest first (the dead letters with {@code state=dead});
 * {@code POST /api/handoffs/{id}/retry}: a dead hand-off tried again (after the service or the mapping was fixed),
 * audited.
 */
@RestController
@RequestMapping("/api/handoffs")
class HandoffsController {

    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> STATES = Set.of(Handoff.PENDING, Handoff.SENDING, Handoff.DELIVERED,
            Handoff.DEAD);

    private final HandoffOutbox outbox;
    private final AuditLog audit;

    HandoffsController(HandoffOutbox outbox, AuditLog audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    @GetMapping
    List<HandoffView> list(@RequestParam(name = "state", required = false) String state,
            @RequestParam(name = "limit", required = false) String limit) {
        if (state != null && !STATES.contains(state)) {
            throw ApiRefusal.badRequest("Invalid state", "'state' must be one of pending, sending, delivered or dead,"
                    + " e.g. ?state=dead; got '" + (state.length() > 40 ? state.substring(0, 40) + "…" : state)
                    + "'.");
        }
        return outbox.inState(state, QueryLimit.parse(limit, DEFAULT_LIMIT, HandoffOutbox.MAX_READ)).stream()
                .map(HandoffView::of).toList();
    }

    @PostMapping("/{id}/retry")
    HandoffView retry(@PathVariable("id") String id) {
        long handoffId = parse(id);
        Handoff found = outbox.find(handoffId).orElseThrow(() -> ApiRefusal.of(HttpStatus.NOT_FOUND,
                "Hand-off not found", "No hand-off has id " + handoffId + ". GET /api/handoffs?state=dead lists"
                        + " the dead letters with their ids."));
        Handoff retried = outbox.retry(handoffId).orElseThrow(() -> ApiRefusal.of(HttpStatus.CONFLICT,
                "Not a dead letter", "Hand-off " + handoffId + " is " + found.state() + "; only a dead one is"
                        + " retried."));
        audit.record("handoff.retry", Long.toString(handoffId), found.integration() + " " + found.target());
        return HandoffView.of(retried);
    }

    private static long parse(String id) {
        if (!id.matches("\\d{1,18}")) {
            throw ApiRefusal.badRequest("Invalid id", "A hand-off id is a whole number, e.g. POST"
                    + " /api/handoffs/12/retry.");
        }
        return Long.parseLong(id);
    }
}
