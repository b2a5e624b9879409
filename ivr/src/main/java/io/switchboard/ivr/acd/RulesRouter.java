package io.switchboard.ivr.acd;

import io.switchboard.routing.Decision;
import io.switchboard.routing.Offer;
import io.switchboard.routing.RuleRouter;
import io.switchboard.routing.facts.Agent;
import io.switchboard.routing.facts.AgentState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routing by the rule files of routing-rules: the ACD's line and offerable agents become the rules' facts
 * ({@link io.switchboard.routing.facts.WaitingCall}, {@link Agent}), handed to {@link RuleRouter#decide} as the
 * whole picture, of which it applies only what changed since the last decision; its offers come back as
 * assignments with their explanation ({@code by vip-to-senior, step 2 of 3, after 25 s}).
 *
 * <p>What a call tells the rules: its queue, priority and original entry time, the caller's language when they
 * joined, whether it is a call back, and the queue step's attributes {@code topic}, {@code segment},
 * {@code value} (a whole number) and {@code region} (an attribute {@code language} overrides the flow's). What an
 * agent tells them: queues with priorities, skills, languages, region, calls today and idle since; every agent handed
 * over is available (the ACD offers only those), so the rules see no others.
 *
 * <p>A decision the rules cannot make (they loop on real data), or any decision while no rules are in force, is made
 * by {@code fallback} instead. The flow's {@code skills:} are not asked here: with rules, the rules decide.
 */
public final class RulesRouter implements Router {

    private static final Logger log = LoggerFactory.getLogger(RulesRouter.class);

    private final Supplier<RuleRouter> rules;
    private final Router fallback;
    private final Clock clock;

    /**
     * @param rules    the rules in force at each decision ({@link RoutingRules#current()}); {@code null} while none
     *                 are (the rules directory was refused at start): {@code fallback} decides then
     * @param fallback the default strategy
     */
    public RulesRouter(Supplier<RuleRouter> rules, Router fallback, Clock clock) {
        this.rules = rules;
        this.fallback = fallback;
        this.clock = clock;
    }

    /** Always these rules. */
    public RulesRouter(RuleRouter rules, Router fallback, Clock clock) {
        this(() -> rules, fallback, clock);
    }

    @Override
    public List<Assignment> route(List<WaitingCall> waiting, List<OfferableAgent> agents) {
        RuleRouter inForce = rules.get();
        if (inForce == null) {
            return fallback.route(waiting, agents);
        }
        Map<String, WaitingCall> callsById = new HashMap<>();
        List<io.switchboard.routing.facts.WaitingCall> calls = new ArrayList<>(waiting.size());
        for (WaitingCall call : waiting) {
            callsById.put(call.id(), call);
            calls.add(fact(call));
        }
        Map<String, OfferableAgent> agentsById = new HashMap<>();
        List<Agent> facts = new ArrayList<>(agents.size());
        for (OfferableAgent agent : agents) {
            agentsById.put(agent.agentId(), agent);
            facts.add(fact(agent));
        }
        Decision decision;
        try {
            decision = inForce.decide(clock.instant(), calls, facts);
        } catch (RuntimeException e) {
            log.warn("The routing rules failed this decision ({}); routed by the default strategy", e.getMessage());
            return fallback.route(waiting, agents);
        }
        List<Assignment> out = new ArrayList<>(decision.offers().size());
        for (Offer offer : decision.offers()) {
            WaitingCall call = callsById.get(offer.callId());
            OfferableAgent agent = agentsById.get(offer.agentId());
            if (call != null && agent != null) {
                out.add(new Assignment(call, agent, offer.why().toString()));
            }
        }
        return out;
    }

    /** The rules' view of a place in line. */
    static io.switchboard.routing.facts.WaitingCall fact(WaitingCall call) {
        Map<String, String> a = call.attributes();
        String language = a.getOrDefault("language", call.language());
        return io.switchboard.routing.facts.WaitingCall.of(call.id(), call.queue(), call.enteredAt())
                .withPriority(call.priority())
                .withLanguage(language == null || language.isEmpty() ? null : language)
                .withTopic(a.get("topic"))
                .withCustomer(a.get("segment"), wholeNumber(a.get("value")), a.get("region"))
                .asCallback(call.isCallback());
    }

    /** The rules' view of an offerable agent. */
    static Agent fact(OfferableAgent agent) {
        return new Agent(agent.agentId(), AgentState.AVAILABLE, agent.idleSince(), agent.skills(), agent.languages(),
                agent.region(), agent.callsToday(), agent.queues());
    }

    private static int wholeNumber(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                    Math.round(Double.parseDouble(text.strip()))));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
