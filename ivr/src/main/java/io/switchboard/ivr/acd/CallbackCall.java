package io.switchboard.ivr.acd;

import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.SpokenNumbers;
import io.switchboard.callflow.queue.QueueSettings;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.Dialer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One claimed call back, agent first: the agent's phone rings; when the agent answers, a whisper reads the
 * customer's number digit by digit, then the customer is dialled while the agent hears hold audio; when the
 * customer answers the two talk like an inbound call, and the agent wraps up afterwards. A customer not reached is
 * tried again after the queue's retry delay, up to its attempts; an agent who does not answer is set not ready
 * (missed) and the call back keeps its place.
 */
final class CallbackCall {

    /** How long a customer's phone rings at most. */
    static final Duration CUSTOMER_RING = Duration.ofSeconds(30);

    private final CallbackStore store;
    private final AgentStates states;
    private final Dialer dialer;
    private final CurrentCalls current;
    private final String callerId;
    private final Clock clock;

    CallbackCall(CallbackStore store, AgentStates states, Dialer dialer, CurrentCalls current, String callerId,
            Clock clock) {
        this.store = store;
        this.states = states;
        this.dialer = dialer;
        this.current = current;
        this.callerId = callerId;
        this.clock = clock;
    }

    void run(long callbackId, OfferableAgent agent, QueueSettings settings) {
        CallbackStore.Row row = store.get(callbackId);
        String callId = CallbackStore.idOf(callbackId);
        String agentId = agent.agentId();
        Map<String, String> context = Map.of("Call-Id", callId, "Callback", row.number(), "Queue", row.queue(),
                "Attempt", Integer.toString(row.attempts() + 1));
        Instant ringStart = clock.instant();
        current.put(new CurrentCalls.AgentCall(agentId, callId, row.queue(), false, ringStart, context));
        Dialer.Dialled agentAnswer = DialResults.outcome(dialer.dial(new Dialer.DialTarget.AgentPhone(agentId,
                agent.contact()), row.number(), context, settings.ringTimeout()));
        if (!(agentAnswer instanceof Dialer.Dialled.Answered a)) {
            current.remove(agentId, callId);
            states.missed(agentId, callId, QueueEvent.of(clock.instant(), callId, row.queue(), agentId,
                    "RINGNOANSWER", Duration.between(ringStart, clock.instant()).toMillis()));
            store.backInLine(callbackId);
            return;
        }
        CallLeg agentLeg = a.leg();
        states.answered(agentId, callId, QueueEvent.of(clock.instant(), callId, row.queue(), agentId,
                "CALLBACK_OFFERED", row.number(), row.attempts() + 1));
        current.put(new CurrentCalls.AgentCall(agentId, callId, row.queue(), true, clock.instant(), context));
        try {
            talkOrRetry(row, agentLeg, agentId, settings, context);
        } finally {
            agentLeg.hangup();
            current.remove(agentId, callId);
        }
    }

    /** Tells the agent, before the number, that this is a call back. */
    static final PromptRef WHISPER = new PromptRef("callback-whisper");
    /** Tells the customer who calls and why, before the agent speaks. */
    static final PromptRef GREETING = new PromptRef("callback-customer");

    private void talkOrRetry(CallbackStore.Row row, CallLeg agentLeg, String agentId, QueueSettings settings,
            Map<String, String> context) {
        String callId = CallbackStore.idOf(row.id());
        List<PromptRef> whisper = new java.util.ArrayList<>(List.of(WHISPER));
        whisper.addAll(SpokenNumbers.digits(row.number(), agentLeg.language()));
        if (agentLeg.play(whisper, false) == PlayOutcome.HUNG_UP) {
            store.backInLine(row.id());
            states.refused(agentId, callId);
            return;
        }
        store.dialling(row);
        CompletableFuture<Dialer.Dialled> customer = dialer.dial(new Dialer.DialTarget.Number(row.number()),
                callerId, context, CUSTOMER_RING);
        while (!customer.isDone() && agentLeg.hold(settings.hold(), false, customer) != PlayOutcome.HUNG_UP) {
            // the agent hears hold audio while the customer's phone rings
        }
        if (agentLeg.isGone()) {
            customer.cancel(true);
            DialResults.answeredLeg(customer).ifPresent(CallLeg::hangup);
            store.notReached(row, row.attempts() + 1, "agent hung up", settings.callback().retryDelay());
            states.callEnded(agentId, callId, Duration.ZERO);
            return;
        }
        Dialer.Dialled reached = DialResults.outcome(customer);
        if (!(reached instanceof Dialer.Dialled.Answered c)) {
            String why = switch (reached) {
                case Dialer.Dialled.NoAnswer n -> "no answer";
                case Dialer.Dialled.Busy b -> "busy";
                case Dialer.Dialled.Failed f -> "failed: " + f.reason();
                case Dialer.Dialled.Answered x -> "answered";
            };
            store.notReached(row, row.attempts() + 1, why, settings.callback().retryDelay());
            states.callEnded(agentId, callId, Duration.ZERO);
            return;
        }
        CallLeg customerLeg = c.leg();
        // the customer hears why we call before the agent speaks; the agent hears hold audio meanwhile
        CompletableFuture<PlayOutcome> greeted = CompletableFuture.supplyAsync(() -> customerLeg.play(List.of(GREETING), false),
                Thread.ofVirtual()::start);
        while (!greeted.isDone() && agentLeg.hold(settings.hold(), false, greeted) != PlayOutcome.HUNG_UP) {
            // hold audio for the agent until the greeting ends
        }
        Optional<CallLeg.Bridge> bridge = customerLeg.bridge(agentLeg);
        Instant answeredAt = clock.instant();
        store.connected(row, answeredAt);
        if (bridge.isPresent()) {
            CompletableFuture.anyOf(customerLeg.ended().toCompletableFuture(),
                    agentLeg.ended().toCompletableFuture()).join();
            bridge.get().close();
        }
        customerLeg.hangup();
        Duration talk = Duration.between(answeredAt, clock.instant());
        store.completed(row, talk);
        states.callEnded(agentId, callId, settings.wrapUp());
    }
}
