package io.switchboard.admin.acd;

import io.switchboard.admin.http.ApiRefusal;
import io.switchboard.admin.security.AuditLog;
import io.switchboard.ivr.acd.AgentActivity;
import io.switchboard.ivr.acd.AgentDirectory;
import io.switchboard.ivr.acd.AgentInput;
import io.switchboard.ivr.acd.AgentInputException;
import io.switchboard.ivr.acd.AgentState;
import io.switchboard.ivr.acd.AgentStateException;
import io.switchboard.ivr.acd.AgentView;
import io.switchboard.ivr.acd.CurrentCalls;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents: supervisors list, create, change and delete them and set anyone's state; an agent (an API user with the
 * agent role whose name is the agent's id) sets their own state and reads their own current call. Changes are
 * audited; passwords are never shown.
 */
@RestController
@RequestMapping("/api/agents")
class AgentsController {

    private final AgentDirectory agents;
    private final CurrentCalls current;
    private final io.switchboard.ivr.handoff.HandoffOutbox handoffs;
    private final AuditLog audit;

    AgentsController(AgentDirectory agents, CurrentCalls current, AuditLog audit,
            io.switchboard.ivr.handoff.HandoffOutbox handoffs) {
        this.handoffs = handoffs;
        this.agents = agents;
        this.current = current;
        this.audit = audit;
    }

    /** {@code POST /api/agents}: a new agent, its id too. */
    record NewAgent(String id, String name, String password, Map<String, Integer> queues,
            Map<String, Integer> skills, List<String> languages, String region) {
        @Override
        public String toString() {
            return "NewAgent[id=" + id + "]";
        }
    }

    /** {@code PUT /api/agents/{id}/state}: {@code available}, {@code not-ready} with a reason, or {@code logged-out}. */
    record StateChange(String state, String reason) {}

    @GetMapping
    List<AgentView> all() {
        return agents.list();
    }

    @GetMapping("/{id}")
    AgentView one(@PathVariable("id") String id) {
        return agents.get(id).orElseThrow(() -> notFound(id));
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<AgentView> create(@RequestBody NewAgent body) {
        String id = body.id() == null ? "" : body.id();
        AgentView created = refusingBadInput(() -> agents.create(id, new AgentInput(body.name(), body.password(),
                body.queues(), body.skills(), body.languages(), body.region())));
        audit.record("agent.create", id, "queues " + created.queues().keySet());
        return ResponseEntity.created(URI.create("/api/agents/" + id)).body(created);
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    AgentView update(@PathVariable("id") String id, @RequestBody AgentInput body) {
        AgentView changed = refusingBadInput(() -> agents.update(id, body)).orElseThrow(() -> notFound(id));
        audit.record("agent.update", id, body.password() == null ? "" : "password changed");
        return changed;
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable("id") String id) {
        if (!refusingBadInput(() -> agents.delete(id))) {
            throw notFound(id);
        }
        audit.record("agent.delete", id, "");
        return ResponseEntity.noContent().build();
    }

    @PutMapping(path = "/{id}/state", consumes = "application/json")
    AgentState setState(@PathVariable("id") String id, @RequestBody StateChange body, Authentication who) {
        if (agents.get(id).isEmpty()) {
            throw notFound(id);
        }
        requireSelfOrSupervisor(id, who);
        AgentActivity activity = activity(body.state());
        return refusingBadInput(() -> agents.setState(id, activity, body.reason()));
    }

    /** The call the agent's phone rings for or is connected to, with the context the phone was sent. */
    @GetMapping("/{id}/current")
    CurrentCallView current(@PathVariable("id") String id, Authentication who) {
        if (agents.get(id).isEmpty()) {
            throw notFound(id);
        }
        requireSelfOrSupervisor(id, who);
        return current.of(id).map(call -> CurrentCallView.of(call, handoffs)).orElseThrow(() -> ApiRefusal.of(
                HttpStatus.NOT_FOUND, "No current call", "Agent " + id + " has no call ringing or connected on this"
                        + " node."));
    }

    private static AgentActivity activity(String state) {
        String s = state == null ? "" : state.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "available" -> AgentActivity.AVAILABLE;
            case "not-ready" -> AgentActivity.NOT_READY;
            case "logged-out" -> AgentActivity.LOGGED_OUT;
            default -> throw ApiRefusal.badRequest("Invalid state", "Send {\"state\": \"available\"}, {\"state\":"
                    + " \"not-ready\", \"reason\": \"break\"} or {\"state\": \"logged-out\"}; got '" + state + "'.");
        };
    }

    /** Supervisors (and admins) may act for any agent; an agent only for themselves. */
    static void requireSelfOrSupervisor(String id, Authentication who) {
        boolean supervisor = who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_SUPERVISOR")
                || a.getAuthority().equals("ROLE_ADMIN"));
        if (!supervisor && !who.getName().equals(id)) {
            throw ApiRefusal.of(HttpStatus.FORBIDDEN, "Not your agent", "An agent may change only their own state"
                    + " and read only their own call; '" + who.getName() + "' is not agent " + id + ". Supervisors"
                    + " may act for any agent.");
        }
    }

    private static <T> T refusingBadInput(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (AgentInputException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    String.join("; ", e.problems()) + ".");
            problem.setTitle("Invalid agent");
            problem.setProperty("problems", e.problems());
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        } catch (AgentStateException e) {
            throw ApiRefusal.of(HttpStatus.CONFLICT, "Agent busy or exists", e.getMessage() + ".");
        }
    }

    private static ErrorResponseException notFound(String id) {
        return ApiRefusal.of(HttpStatus.NOT_FOUND, "Agent not found", "No agent '" + id + "'. GET /api/agents lists"
                + " the agents.");
    }
}
