package io.switchboard.callflow.flowtest;

import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.CallbackPort;
import io.switchboard.callflow.engine.FlowServices;
import io.switchboard.callflow.engine.HandoffPort;
import io.switchboard.callflow.engine.LookupPort;
import io.switchboard.callflow.engine.QueuePort;
import io.switchboard.callflow.engine.TransferPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Queues and transfers as a flow test case says they go ({@code mocks: {queue: timeout, transfer: failed}}), and a
 * record of what the flow asked for, so a case can check the queue and skills.
 */
final class MockServices implements QueuePort, CallbackPort, TransferPort, LookupPort, HandoffPort {

    static final Set<String> QUEUE_OUTCOMES = Set.of("connected", "timeout", "exit-key", "callback", "chat", "full",
            "no-agents", "unavailable", "hung-up");
    static final Set<String> TRANSFER_OUTCOMES = Set.of("ok", "failed");
    static final Set<String> HANDOFF_OUTCOMES = Set.of("ok", "failed");
    static final Set<String> CALLBACK_OUTCOMES = Set.of("scheduled", "failed");

    private final String queueOutcome;
    private final String transferOutcome;
    private final String handoffOutcome;
    private final String callbackOutcome;
    private final java.time.Duration queueWait;
    private final Map<String, Object> lookups;
    final List<String> requests = new ArrayList<>();

    /**
     * @param lookups connector → its answer: a map of values, "not-found" or "error" (absent: error)
     */
    MockServices(Map<String, String> mocks, Map<String, Object> lookups) {
        this.queueOutcome = mocks.getOrDefault("queue", "unavailable");
        this.transferOutcome = mocks.getOrDefault("transfer", "failed");
        this.handoffOutcome = mocks.getOrDefault("handoff", "ok");
        this.callbackOutcome = mocks.getOrDefault("callback", "scheduled");
        this.queueWait = java.time.Duration.ofMillis(Long.parseLong(mocks.getOrDefault("queue-wait", "0")));
        this.lookups = Map.copyOf(lookups);
    }

    /** Every port answered by this mock. */
    FlowServices services() {
        return new FlowServices(this, this, this, this, this);
    }

    @Override
    public CallbackResult callback(CallbackRequest request) {
        requests.add("callback " + request.queue() + " " + request.number() + " "
                + (request.at() == null ? "keep-place" : "at " + request.at())
                + (request.skills().isEmpty() ? "" : " " + new java.util.TreeMap<>(request.skills())));
        return callbackOutcome.equals("scheduled") ? new CallbackResult.Scheduled("CB-1")
                : new CallbackResult.Failed("mocked failure");
    }

    @Override
    public HandoffResult handoff(String target, Map<String, String> context) {
        java.util.Map<String, String> shown = new java.util.TreeMap<>(context);
        shown.remove("call.id");
        requests.add("handoff " + target + " " + shown);
        return handoffOutcome.equals("ok") ? new HandoffResult.Accepted("T-1")
                : new HandoffResult.Failed("mocked failure");
    }

    @Override
    @SuppressWarnings("unchecked")
    public LookupResult lookup(String connector, Map<String, String> arguments) {
        requests.add("lookup " + connector + " " + new java.util.TreeMap<>(arguments));
        Object answer = lookups.get(connector);
        if (answer instanceof Map<?, ?> values) {
            return new LookupResult.Found((Map<String, String>) values);
        }
        return "not-found".equals(answer) ? new LookupResult.NotFound()
                : new LookupResult.Failed("mocked error");
    }

    @Override
    public QueueResult queue(QueueRequest request, CallControl call) {
        requests.add("queue " + request.queue() + (request.skills().isEmpty() ? "" : " " + request.skills()));
        if (call instanceof io.switchboard.callflow.testing.ScriptedCall scripted) {
            scripted.pass(queueWait);
        }
        return switch (queueOutcome) {
            case "connected" -> new QueueResult.Connected("agent-1");
            case "timeout" -> new QueueResult.TimedOut();
            case "exit-key" -> new QueueResult.ExitKey(request.exitKeys().stream().findFirst().orElse('*'));
            case "callback" -> new QueueResult.CallbackChosen();
            case "chat" -> new QueueResult.ChatChosen();
            case "full" -> new QueueResult.Full();
            case "no-agents" -> new QueueResult.NoAgents();
            case "hung-up" -> {
                call.hangup();
                yield new QueueResult.HungUp();
            }
            default -> new QueueResult.Unavailable("mocked unavailable");
        };
    }

    @Override
    public TransferResult transfer(String destination, CallControl call) {
        requests.add("transfer " + destination);
        return transferOutcome.equals("ok") ? new TransferResult.Transferred()
                : new TransferResult.Failed("mocked failure");
    }
}
