package io.switchboard.ivr.acd;

import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.Dialer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a caller to the agent claimed for them: rings the agent's phone with the call's context while the caller
 * keeps hearing hold audio, and on an answer logs CONNECT, bridges the two legs, waits for either to hang up, logs
 * COMPLETECALLER or COMPLETEAGENT and puts the agent in wrap-up. A caller who hangs up ends the agent's leg; an agent
 * who hangs up ends the bridge only: the caller goes on with the flow's {@code connected} branch (a survey, say), and a
 * flow with nothing after it ends the call at once, as Asterisk's Queue() does with its {@code c} option. An agent who does not answer is
 * logged RINGNOANSWER and set not ready (missed); a caller who hangs up while the agent rings cancels the ring.
 */
final class AgentConnection {

    private static final Logger log = LoggerFactory.getLogger(AgentConnection.class);

    /** How the attempt ended. */
    sealed interface Outcome {
        /** Caller and agent talked; the call is over. */
        record Talked(String agentId) implements Outcome {}

        /** The agent did not answer (or could not be reached, or the legs could not be bridged). */
        record NotAnswered() implements Outcome {}

        /** The caller hung up before the agent answered. */
        record CallerGone() implements Outcome {}
    }

    /** One attempt: who is waiting for whom, and the figures the queue log needs. */
    record Attempt(CallLeg caller, WaitingCall call, OfferableAgent agent, List<PromptRef> hold,
            Duration ringTimeout, Duration wrapUp, Instant joinedAt, int origPosition) {}

    private final Dialer dialer;
    private final AgentStates states;
    private final CurrentCalls current;
    private final WaitEstimator estimator;
    private final Clock clock;

    AgentConnection(Dialer dialer, AgentStates states, CurrentCalls current, WaitEstimator estimator, Clock clock) {
        this.dialer = dialer;
        this.states = states;
        this.current = current;
        this.estimator = estimator;
        this.clock = clock;
    }

    Outcome connect(Attempt a) {
        String agentId = a.agent().agentId();
        String callId = a.call().id();
        String queue = a.call().queue();
        Instant ringStart = clock.instant();
        Map<String, String> context = context(a, ringStart);
        current.put(new CurrentCalls.AgentCall(agentId, callId, queue, false, ringStart, context));
        CompletableFuture<Dialer.Dialled> ring;
        try {
            ring = dialer.dial(new Dialer.DialTarget.AgentPhone(agentId, a.agent().contact()), a.call().callerId(),
                    context, a.ringTimeout());
        } catch (RuntimeException e) {
            ring = CompletableFuture.completedFuture(new Dialer.Dialled.Failed(String.valueOf(e.getMessage())));
        }
        while (!ring.isDone()) {
            if (a.caller().hold(a.hold(), false, ring) == PlayOutcome.HUNG_UP) {
                break;
            }
        }
        if (a.caller().isGone()) {
            ring.cancel(true);
            DialResults.answeredLeg(ring).ifPresent(CallLeg::hangup);
            current.remove(agentId, callId);
            states.release(agentId, callId, QueueEvent.of(clock.instant(), callId, queue, agentId, "RINGCANCELED",
                    millis(ringStart)));
            return new Outcome.CallerGone();
        }
        Dialer.Dialled dialled = DialResults.outcome(ring);
        if (!(dialled instanceof Dialer.Dialled.Answered answered)) {
            log.info("Agent {} did not take call {} in {}: {}", agentId, callId, queue, dialled);
            current.remove(agentId, callId);
            states.missed(agentId, callId, QueueEvent.of(clock.instant(), callId, queue, agentId, "RINGNOANSWER",
                    millis(ringStart)));
            return new Outcome.NotAnswered();
        }
        return talk(a, answered.leg(), ringStart, context);
    }

    private Outcome talk(Attempt a, CallLeg agentLeg, Instant ringStart, Map<String, String> context) {
        String agentId = a.agent().agentId();
        String callId = a.call().id();
        String queue = a.call().queue();
        Instant answeredAt = clock.instant();
        long hold = Duration.between(a.joinedAt(), answeredAt).toSeconds();
        Optional<CallLeg.Bridge> bridge = a.caller().isGone() ? Optional.empty() : a.caller().bridge(agentLeg);
        if (bridge.isEmpty()) {
            agentLeg.hangup();
            current.remove(agentId, callId);
            if (a.caller().isGone()) {
                states.release(agentId, callId, QueueEvent.of(answeredAt, callId, queue, agentId, "RINGCANCELED",
                        millis(ringStart)));
                return new Outcome.CallerGone();
            }
            log.warn("Call {} and agent {}'s phone could not be bridged; the caller waits again", callId, agentId);
            states.release(agentId, callId);
            return new Outcome.NotAnswered();
        }
        states.answered(agentId, callId, QueueEvent.of(answeredAt, callId, queue, agentId, "CONNECT", hold,
                agentLeg.facts().callId(), Duration.between(ringStart, answeredAt).toSeconds()));
        estimator.connected(queue, Duration.between(a.joinedAt(), answeredAt), callId, answeredAt);
        current.put(new CurrentCalls.AgentCall(agentId, callId, queue, true, answeredAt, context));
        CompletableFuture.anyOf(a.caller().ended().toCompletableFuture(), agentLeg.ended().toCompletableFuture())
                .join();
        boolean callerFirst = a.caller().isGone();
        bridge.get().close();
        agentLeg.hangup();
        Instant end = clock.instant();
        Duration talk = Duration.between(answeredAt, end);
        current.remove(agentId, callId);
        states.callEnded(agentId, callId, a.wrapUp(), QueueEvent.of(end, callId, queue, agentId,
                callerFirst ? "COMPLETECALLER" : "COMPLETEAGENT", hold, talk.toSeconds(), a.origPosition()));
        estimator.handled(queue, callId, talk, a.wrapUp(), end);
        return new Outcome.Talked(agentId);
    }

    /** Gives back an agent claimed for a caller who left before the agent was rung. */
    void giveBack(String agentId, String callId) {
        states.release(agentId, callId);
    }

    /** The call's context for the agent's phone ({@code X-Switchboard-<name>}). */
    private static Map<String, String> context(Attempt a, Instant now) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("Call-Id", a.call().id());
        context.put("Caller", a.call().callerId());
        context.put("Queue", a.call().queue());
        context.put("Wait", Long.toString(Duration.between(a.call().enteredAt(), now).toSeconds()));
        context.put("Dialed", a.caller().facts().dialed());
        if (a.call().language() != null && !a.call().language().isEmpty()) {
            context.put("Language", a.call().language());
        }
        // what the flow's queue step said of the caller (topic, segment, an account number…): X-Switchboard-Topic
        a.call().attributes().forEach((name, value) -> context.putIfAbsent(headerName(name), value));
        return context;
    }

    /** {@code account-id} → {@code Account-Id}. */
    private static String headerName(String attribute) {
        StringBuilder out = new StringBuilder(attribute.length());
        boolean upper = true;
        for (char c : attribute.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }

    private long millis(Instant since) {
        return Duration.between(since, clock.instant()).toMillis();
    }
}
