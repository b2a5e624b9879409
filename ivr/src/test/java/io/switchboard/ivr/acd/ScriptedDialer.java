package io.switchboard.ivr.acd;

import io.switchboard.ivr.call.Dialer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The carrier edge for the ACD's tests: a Dialer whose agents and customers answer (with a {@link ScriptedLeg}), ring
 * out, are busy, or keep ringing until the test says, as scripted per target. It counts, per agent, the calls it has
 * at once (ringing or talking), so a test can prove no agent ever had two.
 */
final class ScriptedDialer implements Dialer {

    /** What a dialled target does. */
    enum Answer { ANSWER, NO_ANSWER, BUSY, RING_UNTIL_CANCELLED }

    /** One dial attempt, as the ACD made it. */
    record Dial(DialTarget target, String callerId, Map<String, String> context, CompletableFuture<Dialled> result) {}

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> busyNow = new ConcurrentHashMap<>();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final List<Dial> dials = new CopyOnWriteArrayList<>();
    private final List<ScriptedLeg> answered = new CopyOnWriteArrayList<>();
    private volatile Duration talk = Duration.ofMillis(100);
    private volatile boolean agentsHangUp = true;

    /** {@code target} (an agent id or a number) will do {@code answer} from now on. */
    ScriptedDialer script(String target, Answer answer) {
        answers.put(target, answer);
        return this;
    }

    /** Answered agents hang up after {@code talk} (zero: only when the test or the caller ends the call). */
    ScriptedDialer talk(Duration talk) {
        this.talk = talk;
        return this;
    }

    /** Agents' phones stay on the call until the other side or the ACD ends it (call backs: the customer talks). */
    ScriptedDialer agentsStayOn() {
        this.agentsHangUp = false;
        return this;
    }

    List<Dial> dials() {
        return List.copyOf(dials);
    }

    List<ScriptedLeg> answeredLegs() {
        return List.copyOf(answered);
    }

    /** The most calls any one agent had at once. */
    int mostCallsAtOnceForOneAgent() {
        return mostAtOnce.get();
    }

    @Override
    public CompletableFuture<Dialled> dial(DialTarget target, String callerId, Map<String, String> context,
            Duration ringTimeout) {
        String key = switch (target) {
            case DialTarget.AgentPhone a -> a.agentId();
            case DialTarget.Number n -> n.number();
        };
        AtomicInteger busy = busyNow.computeIfAbsent(key, k -> new AtomicInteger());
        mostAtOnce.accumulateAndGet(busy.incrementAndGet(), Math::max);
        CompletableFuture<Dialled> result = new CompletableFuture<>();
        dials.add(new Dial(target, callerId, context, result));
        switch (answers.getOrDefault(key, Answer.ANSWER)) {
            case ANSWER -> {
                ScriptedLeg leg = new ScriptedLeg("leg-" + key + "-" + dials.size(), key);
                answered.add(leg);
                leg.ended().whenComplete((e, x) -> busy.decrementAndGet());
                if (!talk.isZero() && (agentsHangUp || target instanceof DialTarget.Number)) {
                    CompletableFuture.delayedExecutor(talk.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                            .execute(leg::farEndHangsUp);
                }
                result.complete(new Dialled.Answered(leg));
            }
            case NO_ANSWER -> {
                busy.decrementAndGet();
                result.complete(new Dialled.NoAnswer());
            }
            case BUSY -> {
                busy.decrementAndGet();
                result.complete(new Dialled.Busy());
            }
            case RING_UNTIL_CANCELLED -> result.whenComplete((d, e) -> busy.decrementAndGet());
        }
        return result;
    }
}
