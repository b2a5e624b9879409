package io.switchboard.admin.acd;

import io.switchboard.admin.http.ApiRefusal;
import io.switchboard.admin.pages.LiveFeed;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The agent page's data: {@code GET /api/agents/{id}/desk} (the agent's state and current call with its context) and
 * {@code GET /api/agents/{id}/desk/live} (the same as server-sent events, pushed when it changes). An agent reads
 * only their own; supervisors any.
 */
@RestController
@RequestMapping("/api/agents/{id}/desk")
class AgentDeskController {

    private final AgentDesk desks;
    private final LiveFeed feed;

    AgentDeskController(AgentDesk desks, LiveFeed feed) {
        this.desks = desks;
        this.feed = feed;
    }

    @GetMapping
    AgentDesk.Desk desk(@PathVariable("id") String id, Authentication who) {
        AgentDesk.Desk desk = desks.of(id).orElseThrow(() -> notFound(id));
        AgentsController.requireSelfOrSupervisor(id, who);
        return desk;
    }

    @GetMapping(path = "/live", produces = "text/event-stream")
    SseEmitter live(@PathVariable("id") String id, Authentication who) {
        desk(id, who);
        return feed.subscribe(who.getName(), "desk:" + id, () -> desks.of(id).orElse(null));
    }

    private static ErrorResponseException notFound(String id) {
        return ApiRefusal.of(HttpStatus.NOT_FOUND, "Agent not found", "No agent '" + id + "'. GET /api/agents lists"
                + " the agents.");
    }
}
