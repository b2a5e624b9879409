package io.switchboard.routing;

import io.switchboard.routing.facts.EscalationPlan;
import io.switchboard.routing.facts.Overflow;
import io.switchboard.routing.facts.WaitingCall;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a call's wait stands under the escalation plans and overflows the rules declared: its step, and the queue it
 * overflowed to, at any time; and when that next changes (so the router wakes a call only then).
 */
final class EscalationTimeline {

    private static final EscalationPlan ONE_STEP = new EscalationPlan(EscalationPlan.EVERY_QUEUE);
    private final Map<String, EscalationPlan> plans = new HashMap<>();
    private final Map<String, Overflow> overflows = new HashMap<>();

    EscalationTimeline(List<EscalationPlan> declaredPlans, List<Overflow> declaredOverflows) {
        for (EscalationPlan plan : declaredPlans) {
            if (plans.putIfAbsent(plan.queue(), plan) != null) {
                throw new IllegalArgumentException("two escalation plans for queue " + plan.queue());
            }
        }
        for (Overflow overflow : declaredOverflows) {
            if (overflows.putIfAbsent(overflow.queue(), overflow) != null) {
                throw new IllegalArgumentException("two overflows for queue " + overflow.queue());
            }
        }
    }

    /** The queues named by a plan or an overflow (not {@code "*"}), sorted. */
    List<String> queues() {
        java.util.TreeSet<String> queues = new java.util.TreeSet<>(plans.keySet());
        queues.addAll(overflows.keySet());
        queues.remove(EscalationPlan.EVERY_QUEUE);
        return List.copyOf(queues);
    }

    private EscalationPlan planOf(String queue) {
        EscalationPlan plan = plans.get(queue);
        if (plan == null) {
            plan = plans.getOrDefault(EscalationPlan.EVERY_QUEUE, ONE_STEP);
        }
        return plan;
    }

    /** The call as it stands at {@code now}. */
    WaitingCall at(WaitingCall call, Instant now) {
        long waited = call.waited(now).toSeconds();
        EscalationPlan plan = planOf(call.queue());
        Overflow overflow = overflows.get(call.queue());
        String overflowQueue = overflow != null && waited >= overflow.afterSeconds() ? overflow.toQueue() : null;
        return call.atStep(plan.stepAfter(waited), plan.steps(), overflowQueue);
    }

    /** When the call's step or overflow next changes after the state {@code call} is in, or {@code null} never. */
    Instant nextChange(WaitingCall call) {
        long next = planOf(call.queue()).nextStartAfter(call.step());
        Overflow overflow = overflows.get(call.queue());
        if (overflow != null && call.overflowQueue() == null && (next < 0 || overflow.afterSeconds() < next)) {
            next = overflow.afterSeconds();
        }
        return next < 0 ? null : call.enteredAt().plusSeconds(next);
    }
}
