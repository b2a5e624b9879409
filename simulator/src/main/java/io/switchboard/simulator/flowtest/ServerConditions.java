package io.switchboard.simulator.flowtest;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.calendar.BusinessCalendar;
import io.switchboard.callflow.flowtest.FlowTestCase;
import io.switchboard.callflow.step.HoursStep;
import io.switchboard.callflow.step.QueueStep;
import io.switchboard.callflow.step.Step;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the server under test does where an offline run answers by a mock or a default, as the person running
 * {@code flow test --server} states it: which agents the command brings (so a queue mocked {@code connected} is
 * reached by one of them), and what the server's calendars say during the run ({@code --calendar support=open}, true
 * when the server runs with {@code switchboard.calendars.support=open-now}). The server has no data connectors, so a
 * lookup mocked as {@code error} is what it does too.
 *
 * @param agents        the simulated agents' ids (they must exist on the server and serve the flows' queues)
 * @param agentPassword their password
 * @param agentTalk     how long an agent talks before hanging up (the caller then goes on with the flow)
 * @param calendars     calendar name → {@code open}, {@code closed} or {@code holiday}
 */
record ServerConditions(List<String> agents, String agentPassword, Duration agentTalk, Map<String, String> calendars) {

    /** What the server does with a lookup: it has no data connectors. */
    static final String SERVER_LOOKUP = "error";

    static final ServerConditions NONE = new ServerConditions(List.of(), null, Duration.ofSeconds(2), Map.of());

    ServerConditions {
        agents = List.copyOf(agents);
        calendars = Map.copyOf(calendars);
    }

    boolean bringsAgents() {
        return !agents.isEmpty();
    }

    /** Why the server would not answer the case's mock {@code name: value} the same way, or empty when it would. */
    Optional<String> mockedDifferently(String name, Object value, Map<String, String> mocks) {
        return switch (name) {
            case "queue" -> !bringsAgents() ? Optional.of("mocks queue: give --agents to run it against agents")
                    : !"connected".equals(value) ? Optional.of("mocks queue: " + value + ": only connected is"
                            + " reached with agents that answer")
                    : mocks.containsKey("queue-wait") ? Optional.of("mocks queue-wait: offline only")
                    : Optional.empty();
            case "queue-wait" -> Optional.empty(); // judged with queue
            case "lookup" -> SERVER_LOOKUP.equals(value) ? Optional.empty()
                    : Optional.of("mocks lookup: the server has no data connectors, so only error runs");
            default -> Optional.of("mocks " + name + ": offline only");
        };
    }

    /** Why the server would take another way at {@code step} than the offline run of {@code c}, or empty. */
    Optional<String> stepDiffers(Step step, FlowTestCase c, CompiledFlow flow) {
        return switch (step) {
            case HoursStep h -> {
                BusinessCalendar calendar = flow.calendars().get(h.calendar());
                String offline = calendar == null ? "?" : calendar.status(c.time()).name().toLowerCase(Locale.ROOT);
                String server = calendars.get(h.calendar());
                yield server == null ? Optional.of("goes through hours step '" + h.id() + "': say what calendar '"
                        + h.calendar() + "' says on the server with --calendar " + h.calendar() + "=open|closed|holiday")
                        : server.equals(offline) ? Optional.empty()
                        : Optional.of("goes through hours step '" + h.id() + "' " + offline + " offline, but calendar '"
                                + h.calendar() + "' is " + server + " on the server");
            }
            case QueueStep q -> bringsAgents() && "connected".equals(c.mocks().get("queue"))
                    ? Optional.empty()
                    : Optional.of("goes through queue step '" + q.id() + "': only a queue mocked connected runs,"
                            + " against the agents given with --agents");
            default -> Optional.empty();
        };
    }

    /** Whether a case that goes through a queue step needs one of the agents (then it waits for one to be free). */
    static boolean reachesAgent(FlowTestCase c) {
        return "connected".equals(c.mocks().get("queue"));
    }
}
