package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.routing.facts.Agent;
import io.switchboard.routing.facts.AgentState;
import io.switchboard.routing.facts.WaitingCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router with the shipped rules, driven the way the ACD drives it: fact changes, decisions, reloads. */
class RuleRouterTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final String HEADER = "package routing;\nimport io.switchboard.routing.facts.*;\n";

    @TempDir
    Path rules;
    private RuleRouter router;

    @BeforeEach
    void shippedRules() throws IOException, RulesRefusedException {
        Files.copy(Path.of("../routing/hotline.drl"), rules.resolve("hotline.drl"));
        router = RuleRouter.load(rules, Clock.fixed(T0, ZoneOffset.UTC));
    }

    private static Agent agent(String id, AgentState state, String language) {
        return new Agent(id, state, T0.minusSeconds(60), Map.of("billing", 5), Set.of(language), "north", 0,
                Map.of("billing", 1));
    }

    private static WaitingCall call(String id, String language) {
        return WaitingCall.of(id, "billing", T0.minusSeconds(5)).withTopic("billing").withLanguage(language);
    }

    @Test
    void anAgentStateChangeIsSeenByTheNextDecision() {
        router.agentChanged(agent("1001", AgentState.ON_CALL, "en"));
        router.callWaiting(call("c1", "en"));
        assertThat(router.decide(T0).offers()).isEmpty();
        assertThat(router.decide(T0).waitingFor("c1")).isPresent();

        router.agentChanged(agent("1001", AgentState.AVAILABLE, "en"));
        Decision decision = router.decide(T0.plusSeconds(1));
        assertThat(decision.offers()).extracting(Offer::toString).containsExactly(
                "c1 offered to 1001 by topic-to-skill, escalation-step-1-experts, language-must-match, step 1 of 3,"
                        + " after 6 s");

        router.agentChanged(agent("1001", AgentState.RINGING, "en"));
        assertThat(router.decide(T0.plusSeconds(2)).offers()).isEmpty();
        router.agentChanged(agent("1001", AgentState.AVAILABLE, "en"));
        router.agentGone("1001");
        assertThat(router.decide(T0.plusSeconds(3)).offers()).isEmpty();
        assertThat(router.status().agents()).isZero();
    }

    @Test
    void aCallThatLeftIsNoLongerDecidedAndOneAgentGetsOneCall() {
        router.agentChanged(agent("1001", AgentState.AVAILABLE, "en"));
        router.callWaiting(call("c1", "en"));
        router.callWaiting(call("c2", "en"));
        Decision decision = router.decide(T0);
        assertThat(decision.offers()).extracting(Offer::callId).containsExactly("c1");
        assertThat(decision.waiting()).extracting(NobodyYet::callId).containsExactly("c2");

        router.callGone("c1");
        assertThat(router.decide(T0).offers()).extracting(Offer::callId).containsExactly("c2");
        assertThat(router.status().waitingCalls()).isEqualTo(1);
    }

    @Test
    void aCallWhoseFactsChangeIsRoutedByItsNewFacts() {
        router.agentChanged(agent("1001", AgentState.AVAILABLE, "en"));
        router.callWaiting(call("c1", "es"));
        assertThat(router.decide(T0).offers()).isEmpty();
        router.callWaiting(call("c1", "en"));
        assertThat(router.decide(T0).offers()).extracting(Offer::agentId).containsExactly("1001");
    }

    @Test
    void escalationMovesOnWithTimeAlone() {
        router.agentChanged(agent("1001", AgentState.AVAILABLE, "en"));
        router.callWaiting(call("c1", "es"));
        assertThat(router.decide(T0.plusSeconds(30)).waitingFor("c1").orElseThrow().why().step()).isEqualTo(2);
        assertThat(router.decide(T0.plusSeconds(34)).offers()).isEmpty();
        Decision decision = router.decide(T0.plusSeconds(35));
        assertThat(decision.offers()).extracting(Offer::toString)
                .containsExactly("c1 offered to 1001 by no rule, step 3 of 3, after 40 s");
        // a time before the last decision counts as the last decision's time: steps never go back
        assertThat(router.decide(T0).offerFor("c1").orElseThrow().why().step()).isEqualTo(3);
    }

    @Test
    void aChangedRulesFileTakesEffectOnTheNextDecisionWithTheCallsStillWaiting() throws IOException {
        router.agentChanged(agent("1001", AgentState.AVAILABLE, "en"));
        router.callWaiting(call("c1", "en"));
        String before = router.status().version();
        Files.writeString(rules.resolve("north.drl"), HEADER + "rule \"north-only\"\nwhen\n"
                + "  $c : WaitingCall(queue == \"billing\")\nthen\n  insertLogical(new NeedsRegion($c, \"south\"));\nend\n");

        ReloadResult reloaded = router.reload();

        assertThat(reloaded.loaded()).isTrue();
        assertThat(reloaded.diagnostics()).isEmpty();
        assertThat(reloaded.version()).isNotEqualTo(before);
        RoutingStatus status = router.status();
        assertThat(status.version()).isEqualTo(reloaded.version());
        assertThat(status.files()).extracting(RuleFile::name).containsExactly("hotline.drl", "north.drl");
        assertThat(status.rules()).contains("north-only");
        assertThat(status.lastRefusal()).isEmpty();
        assertThat(status.waitingCalls()).isEqualTo(1);
        Decision decision = router.decide(T0);
        assertThat(decision.offers()).isEmpty();
        assertThat(decision.waitingFor("c1").orElseThrow().why().rules()).contains("north-only");
    }

    @Test
    void aBrokenRulesFileIsRefusedWithItsLineAndThePreviousRulesKeepRouting() throws IOException {
        router.agentChanged(agent("1001", AgentState.AVAILABLE, "en"));
        router.callWaiting(call("c1", "en"));
        String before = router.status().version();
        Files.writeString(rules.resolve("broken.drl"), HEADER + "rule \"half\"\nwhen\n  $c : WaitingCall(\nthen\nend\n");

        ReloadResult refused = router.reload();

        assertThat(refused.loaded()).isFalse();
        assertThat(refused.version()).isEqualTo(before);
        assertThat(refused.diagnostics()).extracting(RuleDiagnostic::file).contains("broken.drl");
        assertThat(refused.diagnostics().get(0).line()).isGreaterThan(2);
        RoutingStatus status = router.status();
        assertThat(status.version()).isEqualTo(before);
        assertThat(status.files()).extracting(RuleFile::name).containsExactly("hotline.drl");
        assertThat(status.lastRefusal()).isPresent();
        assertThat(status.lastRefusal().orElseThrow().diagnostics()).isEqualTo(refused.diagnostics());
        assertThat(router.decide(T0).offers()).extracting(Offer::agentId).containsExactly("1001");

        Files.delete(rules.resolve("broken.drl"));
        assertThat(router.reload().loaded()).isTrue();
        assertThat(router.status().lastRefusal()).isEmpty();
    }

    @Test
    void aRulesDirectoryThatDoesNotCompileIsRefusedAtStart(@TempDir Path other) throws IOException {
        Files.writeString(other.resolve("bad.drl"), HEADER + "rule \"x\" when then nonsense( end\n");
        assertThatThrownBy(() -> RuleRouter.load(other, Clock.systemUTC()))
                .isInstanceOfSatisfying(RulesRefusedException.class,
                        e -> assertThat(e.diagnostics()).extracting(RuleDiagnostic::file).contains("bad.drl"))
                .hasMessageStartingWith("routing rules refused: bad.drl:");
    }

    @Test
    void aDecisionFiresRulesOnlyForWhatChangedAndForTheCallsWhoseStepIsDue() {
        for (int i = 0; i < 100; i++) {
            router.agentChanged(agent("a" + i, AgentState.ON_CALL, "en"));
        }
        for (int i = 0; i < 100; i++) {
            // call i entered i seconds before T0: its step 2 is due at T0 + (20 - i) s
            router.callWaiting(WaitingCall.of("c" + i, "billing", T0.minusSeconds(i)).withTopic("billing")
                    .withLanguage("en"));
        }
        router.decide(T0);
        int facts = router.facts();
        long firings = router.firings();

        assertThat(router.decide(T0.plusMillis(500)).waiting()).hasSize(100);
        assertThat(router.firings()).as("nothing changed, nothing due: no rule fires").isEqualTo(firings);

        router.agentChanged(agent("a7", AgentState.AVAILABLE, "es"));
        router.decide(T0.plusMillis(600));
        assertThat(router.firings()).as("an agent's change fires no call rule").isEqualTo(firings);

        // at T0 + 1 s c19 reaches 20 s of waiting (step 2) and c39 40 s (step 3, where no rule applies): only
        // c19's rules fire again
        Decision decision = router.decide(T0.plusSeconds(1));
        long fired = router.firings() - firings;
        assertThat(decision.waitingFor("c19").orElseThrow().why().step()).isEqualTo(2);
        assertThat(decision.waitingFor("c18").orElseThrow().why().step()).isEqualTo(1);
        assertThat(decision.waitingFor("c39").orElseThrow().why().step()).isEqualTo(3);
        assertThat(fired).as("topic-to-skill, escalation-step-2-proficient, language-must-match for c19").isEqualTo(3);
        assertThat(router.facts()).as("c39's three requirements withdrawn, c19's replaced, nothing leaked")
                .isEqualTo(facts - 3);
    }

    @Test
    void aWholePictureAtEachDecisionIsAppliedAsItsDifferencesOnly() {
        Agent busy = agent("1001", AgentState.ON_CALL, "en");
        WaitingCall c1 = call("c1", "en");
        WaitingCall c2 = call("c2", "en");
        assertThat(router.decide(T0, java.util.List.of(c1, c2), java.util.List.of(busy)).offers()).isEmpty();
        long firings = router.firings();

        Decision same = router.decide(T0, java.util.List.of(c1, c2), java.util.List.of(busy));
        assertThat(same.waiting()).hasSize(2);
        assertThat(router.firings()).as("nothing differs: nothing fires").isEqualTo(firings);

        Decision freed = router.decide(T0, java.util.List.of(c2), java.util.List.of(busy.inState(AgentState.AVAILABLE,
                T0)));
        assertThat(freed.offers()).extracting(Offer::toString).containsExactly(
                "c2 offered to 1001 by topic-to-skill, escalation-step-1-experts, language-must-match, step 1 of 3,"
                        + " after 5 s");
        assertThat(freed.waiting()).isEmpty();
        assertThat(router.decide(T0, java.util.List.of(c2), java.util.List.of()).offers()).isEmpty();
        assertThat(router.status().agents()).isZero();
        assertThat(router.status().waitingCalls()).isEqualTo(1);
    }

    @Test
    void rulesThatLookAtAgentsChangeTheCallsTheyAreAboutWhenAnAgentChanges(@TempDir Path other)
            throws IOException, RulesRefusedException {
        Files.writeString(other.resolve("agents.drl"), HEADER + """
                rule "spanish-while-a-speaker-is-logged-in"
                when
                    $c : WaitingCall(language == "es")
                    exists Agent(state != AgentState.LOGGED_OUT, languages contains "es")
                then
                    insertLogical(new NeedsLanguage($c, "es"));
                end
                rule "vip-ahead-while-the-supervisor-is-available"
                when
                    $c : WaitingCall(segment == "vip")
                    exists Agent(id == "boss", state == AgentState.AVAILABLE)
                then
                    insertLogical(new GoesAhead($c, 5));
                end
                """);
        try (RuleRouter agents = RuleRouter.load(other, Clock.fixed(T0, ZoneOffset.UTC))) {
            Agent english = new Agent("1001", AgentState.AVAILABLE, T0, Map.of(), Set.of("en"), "", 0,
                    Map.of("general", 1));
            Agent spanish = new Agent("1002", AgentState.ON_CALL, T0, Map.of(), Set.of("es"), "", 0,
                    Map.of("general", 1));
            Agent boss = new Agent("boss", AgentState.ON_CALL, T0, Map.of(), Set.of("en"), "", 0, Map.of("other", 1));
            agents.agentChanged(english);
            agents.agentChanged(spanish);
            agents.agentChanged(boss);
            agents.callWaiting(WaitingCall.of("es1", "general", T0.minusSeconds(30)).withLanguage("es"));
            assertThat(agents.decide(T0).offers()).isEmpty();

            agents.agentChanged(spanish.inState(AgentState.LOGGED_OUT, T0));
            assertThat(agents.decide(T0).offers()).extracting(Offer::toString)
                    .containsExactly("es1 offered to 1001 by no rule, step 1 of 1, after 30 s");
            agents.callGone("es1");

            agents.callWaiting(WaitingCall.of("c1", "general", T0.minusSeconds(20)));
            agents.callWaiting(WaitingCall.of("vip", "general", T0.minusSeconds(1)).withCustomer("vip", 0, null));
            assertThat(agents.decide(T0).offers()).extracting(Offer::callId).containsExactly("c1");
            agents.agentChanged(boss.inState(AgentState.AVAILABLE, T0));
            assertThat(agents.decide(T0).offers()).extracting(Offer::callId).containsExactly("vip");
        }
    }
}

