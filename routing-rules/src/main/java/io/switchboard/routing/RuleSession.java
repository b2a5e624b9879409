package io.switchboard.routing;

import io.switchboard.routing.facts.Agent;
import io.switchboard.routing.facts.EscalationPlan;
import io.switchboard.routing.facts.Overflow;
import io.switchboard.routing.facts.Requirement;
import io.switchboard.routing.facts.WaitingCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One long-lived Drools session holding the agents and waiting calls as facts, updated as they change (insert, update,
 * delete; never rebuilt per decision). It follows the requirements the rules keep for each call, with the rule that
 * made each one, and sums them up in an {@link Ask} when the router needs it. Not thread-safe: the router serialises.
 */
final class RuleSession implements AutoCloseable {

    private final CompiledRules rules;
    private final KieSession session;
    private final Map<String, FactHandle> agents = new HashMap<>();
    private final Map<String, FactHandle> calls = new HashMap<>();
    private final Map<String, WaitingCall> callFacts = new HashMap<>();
    private final Map<String, List<Ask.Justified>> requirements = new HashMap<>();
    private final Map<String, Ask> asks = new HashMap<>();
    private final Set<String> firedRules = new HashSet<>();
    private final Set<String> touchedCalls = new HashSet<>();
    private long firings;
    private final EscalationTimeline timeline;
    private final int fireLimit;

    /**
     * Starts a session: fires the rules without conditions, which declare the escalation plans and overflows.
     *
     * @param fireLimit most rule firings per {@link #fire()} before the rules count as looping (0: no limit)
     * @throws IllegalArgumentException when the declarations are inconsistent (two plans for one queue)
     */
    RuleSession(CompiledRules rules, int fireLimit) {
        this.rules = rules;
        this.fireLimit = fireLimit;
        this.session = rules.base().newKieSession();
        session.addEventListener(new RequirementTracker());
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                firings++;
                firedRules.add(event.getMatch().getRule().getName());
            }
        });
        try {
            fire();
            List<EscalationPlan> plans = new ArrayList<>();
            List<Overflow> overflows = new ArrayList<>();
            for (Object declared : session.getObjects(o -> o instanceof EscalationPlan || o instanceof Overflow)) {
                if (declared instanceof EscalationPlan plan) {
                    plans.add(plan);
                } else {
                    overflows.add((Overflow) declared);
                }
            }
            this.timeline = new EscalationTimeline(plans, overflows);
        } catch (RuntimeException e) {
            session.dispose();
            throw e;
        }
    }

    CompiledRules rules() {
        return rules;
    }

    EscalationTimeline timeline() {
        return timeline;
    }

    /** Inserts the agent, or replaces the fact of an agent already known. */
    void putAgent(Agent agent) {
        FactHandle handle = agents.get(agent.id());
        if (handle == null) {
            agents.put(agent.id(), session.insert(agent));
        } else {
            session.update(handle, agent);
        }
    }

    void removeAgent(String agentId) {
        FactHandle handle = agents.remove(agentId);
        if (handle != null) {
            session.delete(handle);
        }
    }

    /** Inserts the call, or replaces the fact of a call already known (its requirements are then re-derived). */
    void putCall(WaitingCall call) {
        FactHandle handle = calls.get(call.id());
        callFacts.put(call.id(), call);
        asks.remove(call.id());
        if (handle == null) {
            calls.put(call.id(), session.insert(call));
        } else {
            session.update(handle, call);
        }
    }

    void removeCall(String callId) {
        FactHandle handle = calls.remove(callId);
        callFacts.remove(callId);
        asks.remove(callId);
        if (handle != null) {
            session.delete(handle);
        }
        requirements.remove(callId);
    }

    WaitingCall call(String callId) {
        return callFacts.get(callId);
    }

    /**
     * Fires the rules the last changes activated.
     *
     * @throws IllegalStateException when the rules fire more than the limit (they keep re-activating each other)
     */
    int fire() {
        if (fireLimit <= 0) {
            return session.fireAllRules();
        }
        int fired = session.fireAllRules(fireLimit + 1);
        if (fired > fireLimit) {
            throw new IllegalStateException("the rules fired more than " + fireLimit
                    + " times for one change: a rule probably re-activates itself (insert instead of insertLogical?)");
        }
        return fired;
    }

    /**
     * The calls whose requirements changed since the last time this was asked: the router re-places them in the line.
     * Besides the calls the router changed, these are calls whose rules look at other facts (an agent logging out).
     */
    Set<String> drainTouchedCalls() {
        Set<String> touched = Set.copyOf(touchedCalls);
        touchedCalls.clear();
        return touched;
    }

    /** What the call asks now (after {@link #fire()}). */
    Ask ask(String callId) {
        Ask ask = asks.get(callId);
        if (ask == null) {
            WaitingCall call = callFacts.get(callId);
            ask = Ask.of(call, requirements.getOrDefault(callId, List.of()));
            asks.put(callId, ask);
        }
        return ask;
    }

    /** Names of the rules that fired at least once in this session. */
    Set<String> firedRules() {
        return Set.copyOf(firedRules);
    }

    /** Rule firings since the session started. */
    long firings() {
        return firings;
    }

    int factCount() {
        return (int) session.getFactCount();
    }

    @Override
    public void close() {
        session.dispose();
    }

    /** Keeps {@link #requirements} in step with the requirement facts the rules insert and truth maintenance removes. */
    private final class RequirementTracker implements RuleRuntimeEventListener {

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getObject() instanceof Requirement requirement) {
                String rule = event.getRule() != null ? event.getRule().getName() : "(inserted from outside the rules)";
                requirements.computeIfAbsent(requirement.callId(), id -> new ArrayList<>())
                        .add(new Ask.Justified(requirement, rule));
                asks.remove(requirement.callId());
                touchedCalls.add(requirement.callId());
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            // requirements are never updated; calls and agents are tracked by their handles
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            if (event.getOldObject() instanceof Requirement requirement) {
                List<Ask.Justified> list = requirements.get(requirement.callId());
                if (list != null) {
                    list.removeIf(j -> j.requirement() == requirement);
                    if (list.isEmpty()) {
                        requirements.remove(requirement.callId());
                    }
                }
                asks.remove(requirement.callId());
                touchedCalls.add(requirement.callId());
            }
        }
    }
}
