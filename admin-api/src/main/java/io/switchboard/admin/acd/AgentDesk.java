package io.switchboard.admin.acd;

import io.switchboard.ivr.acd.AgentDirectory;
import io.switchboard.ivr.acd.AgentView;
import io.switchboard.ivr.acd.CurrentCalls;
import io.switchboard.ivr.store.CallStore;
import io.switchboard.ivr.store.PathEntry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an agent's page shows: the agent's state, and the call ringing or connected with its context (caller,
 * account and whatever the flow's queue step passed on, the wait, the menu path the caller took, and the caller's
 * earlier calls).
 */
final class AgentDesk {

    /** Earlier calls shown at most. */
    static final int EARLIER_CALLS = 5;

    private final AgentDirectory agents;
    private final CurrentCalls current;
    private final CallStore calls;
    private final JdbcClient jdbc;

    AgentDesk(AgentDirectory agents, CurrentCalls current, CallStore calls, JdbcClient jdbc) {
        this.agents = agents;
        this.current = current;
        this.calls = calls;
        this.jdbc = jdbc;
    }

    /** The page's whole content. */
    record Desk(String agent, String name, String state, String reason, String queue, Instant since,
            CallContext call) {}

    /** The current call. */
    record CallContext(String callId, String queue, boolean answered, String caller, Long waitSeconds,
            Map<String, String> context, List<String> menuPath, List<EarlierCall> earlierCalls) {}

    /** A call the same number made before. */
    record EarlierCall(String callId, Instant startedAt, String flow, boolean answered) {}

    /** The desk of agent {@code id}, or empty when there is no such agent. */
    Optional<Desk> of(String id) {
        return agents.get(id).map(this::desk);
    }

    private Desk desk(AgentView agent) {
        var state = agent.state();
        CallContext call = current.of(agent.id()).map(this::context).orElse(null);
        return new Desk(agent.id(), agent.name(), state == null ? "logged-out"
                : state.activity().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                state == null ? null : state.reason(), state == null ? null : state.queue(),
                state == null ? null : state.since(), call);
    }

    private CallContext context(CurrentCalls.AgentCall call) {
        String caller = call.context().getOrDefault("Caller", "");
        Long wait = parse(call.context().get("Wait"));
        List<String> path = calls.find(call.callId()).map(r -> r.path().stream()
                .filter(p -> p.kind() == PathEntry.Kind.STEP || p.kind() == PathEntry.Kind.KEY)
                .map(p -> p.kind() == PathEntry.Kind.KEY ? "key " + p.name() : p.name()).toList()).orElse(List.of());
        List<EarlierCall> earlier = caller.isEmpty() ? List.of() : jdbc.sql("select id, started_at, flow_id,"
                        + " answered_at from calls where caller = ? and id <> ? order by started_at desc limit ?")
                .params(caller, call.callId(), EARLIER_CALLS)
                .query((rs, n) -> new EarlierCall(rs.getString("id"), rs.getObject("started_at",
                        OffsetDateTime.class).toInstant(), rs.getString("flow_id"), rs.getObject("answered_at") != null))
                .list();
        return new CallContext(call.callId(), call.queue(), call.answered(), caller, wait, call.context(), path,
                earlier);
    }

    private static Long parse(String number) {
        try {
            return number == null ? null : Long.valueOf(number);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
