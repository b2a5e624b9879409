package io.switchboard.ivr.acd;

import io.switchboard.callflow.engine.CallbackPort;
import io.switchboard.callflow.queue.QueueRegistry;
import io.switchboard.callflow.queue.QueueSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call backs for the flow engine and for the line. Booking one ({@code callback} steps, and the queue's call-back
 * key followed by the flow's callback step) stores it in PostgreSQL in one transaction; a caller who left the queue
 * for it keeps their original place (priority and entry time). The routing loop takes call backs that are due into
 * the line, claims one together with its agent, and {@link CallbackCall} runs it on a thread of its own.
 */
public final class AcdCallbacks implements CallbackPort, AcdDispatcher.CallbackLine {

    private static final Logger log = LoggerFactory.getLogger(AcdCallbacks.class);
    /** A number to call back: digits with an optional leading +, 3 to 20 of them. */
    public static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,20}");

    private final CallbackStore store;
    private final CallbackCall calls;
    private final KeptPlaces kept;
    private final Supplier<QueueRegistry> registry;
    private final String node;
    private final Clock clock;

    AcdCallbacks(CallbackStore store, CallbackCall calls, KeptPlaces kept, Supplier<QueueRegistry> registry,
            String node, Clock clock) {
        this.store = store;
        this.calls = calls;
        this.kept = kept;
        this.registry = registry;
        this.node = node;
        this.clock = clock;
    }

    @Override
    public CallbackResult callback(CallbackRequest request) {
        Optional<QueueRegistry.Queue> queue = registry.get().queue(request.queue());
        if (queue.isEmpty()) {
            return new CallbackResult.Failed("no queue '" + request.queue() + "' in queues.yaml");
        }
        if (request.number() == null || !NUMBER.matcher(request.number()).matches()) {
            return new CallbackResult.Failed("the number must be 3 to 20 digits, with an optional leading +");
        }
        if (request.skills().keySet().stream().anyMatch(s -> !AgentDefinition.WORD.matcher(s).matches())) {
            return new CallbackResult.Failed("skill names must be words");
        }
        Instant now = clock.instant();
        Optional<WaitingCall> place = request.at() == null ? kept.take(request.queue()) : Optional.empty();
        Instant scheduled = request.at() == null || request.at().isBefore(now) ? now : request.at();
        Instant entered = place.map(WaitingCall::enteredAt).orElse(scheduled);
        int priority = place.map(WaitingCall::priority).orElse(request.priority());
        long id = store.book(request.queue(), request.number(), entered, priority, request.skills(), scheduled,
                queue.get().settings().callback().maxAttempts());
        return new CallbackResult.Scheduled(CallbackStore.idOf(id));
    }

    @Override
    public List<WaitingCall> due() {
        return store.due();
    }

    @Override
    public boolean claim(WaitingCall callback, OfferableAgent agent) {
        return store.claim(callback.callbackId(), agent.agentId(), node);
    }

    @Override
    public void start(WaitingCall callback, OfferableAgent agent) {
        QueueSettings settings = settings(callback.queue());
        Thread.ofVirtual().name("callback-" + callback.callbackId()).start(() -> {
            try {
                calls.run(callback.callbackId(), agent, settings);
            } catch (RuntimeException e) {
                log.error("Call back {} failed; it is finished after a restart of node {}", callback.callbackId(),
                        node, e);
            }
        });
    }

    /** Finishes what {@code left} (this node before a restart, or a silent node) left in progress; returns how many. */
    int recover(String left) {
        return store.recover(left, q -> settings(q).callback().retryDelay());
    }

    private QueueSettings settings(String queue) {
        return registry.get().queue(queue).map(QueueRegistry.Queue::settings).orElse(QueueSettings.DEFAULTS);
    }
}
