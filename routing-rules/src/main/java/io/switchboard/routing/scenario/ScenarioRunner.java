package io.switchboard.routing.scenario;

import io.switchboard.routing.CompiledRules;
import io.switchboard.routing.Decision;
import io.switchboard.routing.Explanation;
import io.switchboard.routing.NobodyYet;
import io.switchboard.routing.Offer;
import io.switchboard.routing.RuleRouter;
import io.switchboard.routing.facts.Agent;
import io.switchboard.routing.facts.WaitingCall;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs rule test scenarios against compiled rules: each scenario gets a fresh router with the scenario's agents and
 * calls, one decision {@code after} its start, and its expectations are checked against that decision. Reports which
 * rules fired and which escalation steps the expectations saw, over all scenarios.
 */
public final class ScenarioRunner {

    /** How one scenario went; {@code failures} is empty when it passed. */
    public record Result(Scenario scenario, List<String> failures) {

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** The results, the rules that fired and the escalation steps ({@code "2 of 3"}) expectations were checked at. */
    public record Report(List<Result> results, Set<String> firedRules, List<String> allRules, Set<String> stepsSeen,
            Set<String> allSteps) {

        public List<String> rulesNotFired() {
            return allRules.stream().filter(r -> !firedRules.contains(r)).toList();
        }

        public List<String> stepsNotSeen() {
            return allSteps.stream().filter(s -> !stepsSeen.contains(s)).toList();
        }
    }

    public Report run(CompiledRules rules, Path rulesDir, List<Scenario> scenarios) {
        List<Result> results = new ArrayList<>();
        Set<String> fired = new TreeSet<>();
        Set<String> stepsSeen = new TreeSet<>();
        Set<String> allSteps = new TreeSet<>();
        for (Scenario scenario : scenarios) {
            List<String> failures = new ArrayList<>();
            try (RuleRouter router = RuleRouter.of(rulesDir, rules, Clock.fixed(scenario.at(), ZoneOffset.UTC))) {
                for (Agent agent : scenario.agents()) {
                    router.agentChanged(agent);
                }
                for (WaitingCall call : scenario.calls()) {
                    router.callWaiting(call);
                }
                Decision decision = router.decide(scenario.at().plus(scenario.after()));
                for (Scenario.Expectation expected : scenario.expectations()) {
                    check(expected, decision, failures, stepsSeen, allSteps);
                }
                fired.addAll(router.firedRules());
            } catch (RuntimeException e) {
                failures.add("the rules failed: " + e);
            }
            results.add(new Result(scenario, List.copyOf(failures)));
        }
        return new Report(List.copyOf(results), fired, rules.ruleNames(), stepsSeen, allSteps);
    }

    private static void check(Scenario.Expectation expected, Decision decision, List<String> failures,
            Set<String> stepsSeen, Set<String> allSteps) {
        Optional<Offer> offer = decision.offerFor(expected.callId());
        Explanation why = offer.map(Offer::why)
                .orElseGet(() -> decision.waitingFor(expected.callId()).map(NobodyYet::why).orElse(null));
        if (why == null) {
            failures.add("call " + expected.callId() + " is not in the decision");
            return;
        }
        String got = offer.map(o -> "agent " + o.agentId()).orElse("nobody") + " " + why;
        String wanted = expected.agent() == null ? "nobody" : "agent " + expected.agent();
        if (!wanted.equals(offer.map(o -> "agent " + o.agentId()).orElse("nobody"))) {
            failures.add("call " + expected.callId() + ": expected " + wanted + ", got " + got);
            return;
        }
        for (String rule : expected.by()) {
            if (!why.rules().contains(rule)) {
                failures.add("call " + expected.callId() + ": expected rule " + rule + " to decide, got " + got);
            }
        }
        if (expected.step() != 0 && expected.step() != why.step()) {
            failures.add("call " + expected.callId() + ": expected step " + expected.step() + ", got " + got);
        }
        for (int step = 1; step <= why.steps(); step++) {
            allSteps.add(step + " of " + why.steps());
        }
        if (expected.step() != 0) {
            stepsSeen.add(why.step() + " of " + why.steps());
        }
    }
}
