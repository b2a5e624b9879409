package io.switchboard.ivr.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.RuleRouter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ACD's line and agents routed by the shipped rules (routing/hotline.drl) through the adapter. */
class RulesRouterTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Path SHIPPED = Path.of("../routing");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private static WaitingCall call(String id, String queue, int enteredSecond, String language,
            Map<String, String> attributes) {
        return new WaitingCall(id, queue, 0, T0.plusSeconds(enteredSecond), enteredSecond, Map.of(), 0, "555",
                language, attributes);
    }

    private static OfferableAgent agent(String id, String queue, int idleSecond, Map<String, Integer> skills,
            Set<String> languages) {
        return new OfferableAgent(id, Map.of(queue, 1), skills, T0.plusSeconds(idleSecond), "sip:" + id + "@h",
                languages, "", 0);
    }

    private static List<String> pairs(List<Router.Assignment> assignments) {
        return assignments.stream().map(a -> a.call().id() + "->" + a.agent().agentId()).toList();
    }

    @Test
    void aVipCallerGoesAheadToTheSeniorAgentAndTheExplanationSaysWhy() throws Exception {
        RulesRouter router = new RulesRouter(RuleRouter.load(SHIPPED, clock), new LongestIdleRouter(), clock);
        now.set(T0.plusSeconds(25));
        var assignments = router.route(
                List.of(call("plain", "support-internet", 0, "en", Map.of("topic", "internet")),
                        call("vip", "support-internet", 10, "en", Map.of("topic", "internet", "segment", "vip"))),
                List.of(agent("1001", "support-internet", 0, Map.of("internet", 2), Set.of("en")),
                        agent("1002", "support-internet", 5, Map.of("internet", 5), Set.of("en"))));

        assertThat(pairs(assignments)).containsExactly("vip->1002", "plain->1001");
        assertThat(assignments.get(0).explanation()).startsWith("by ").contains("vip-goes-ahead", "vip-to-senior")
                .endsWith("step 1 of 3, after 15 s");
        assertThat(assignments.get(1).explanation()).contains("escalation-step-2-proficient")
                .endsWith("step 2 of 3, after 25 s");
    }

    @Test
    void aSpanishCallerReachesOnlyASpanishSpeakerUntilTheLastStep() throws Exception {
        RulesRouter router = new RulesRouter(RuleRouter.load(SHIPPED, clock), new LongestIdleRouter(), clock);
        List<WaitingCall> line = List.of(call("es", "general", 0, "es", Map.of()));
        List<OfferableAgent> english = List.of(agent("1001", "general", 0, Map.of(), Set.of("en")));

        now.set(T0.plusSeconds(5));
        assertThat(router.route(line, english)).isEmpty();
        assertThat(pairs(router.route(line, List.of(english.get(0),
                agent("1003", "general", 30, Map.of(), Set.of("es")))))).containsExactly("es->1003");

        now.set(T0.plusSeconds(41));
        var last = router.route(line, english);
        assertThat(pairs(last)).containsExactly("es->1001");
        assertThat(last.get(0).explanation()).contains("step 3 of 3").doesNotContain("language-must-match");
    }

    @Test
    void theFlowsAttributesAndLanguageBecomeTheCallsFacts() {
        var fact = RulesRouter.fact(call("c1", "billing", 0, "en",
                Map.of("topic", "billing", "segment", "vip", "value", "1200.4", "region", "north", "language", "es")));
        assertThat(fact.topic()).isEqualTo("billing");
        assertThat(fact.segment()).isEqualTo("vip");
        assertThat(fact.value()).isEqualTo(1200);
        assertThat(fact.region()).isEqualTo("north");
        assertThat(fact.language()).as("an attribute language overrides the flow's").isEqualTo("es");
        assertThat(RulesRouter.fact(call("c2", "billing", 0, null, Map.of("value", "lots"))).value()).isZero();
    }

    @Test
    void rulesThatLoopOnRealDataLeaveTheDecisionToTheDefault(@TempDir Path dir) throws Exception {
        // passes the check (no calls of this queue in the dry run), then loops on a real call of queue 'loop'
        Files.writeString(dir.resolve("loop.drl"), """
                package routing;
                import io.switchboard.routing.facts.*;
                rule "loops"
                when
                    $c : WaitingCall(queue == "loop")
                then
                    update($c);
                end
                """);
        RuleRouter rules = RuleRouter.load(dir, clock);
        RulesRouter router = new RulesRouter(rules, new LongestIdleRouter(), clock);
        var assignments = router.route(List.of(call("c1", "loop", 0, null, Map.of())),
                List.of(agent("1001", "loop", 0, Map.of(), Set.of())));
        assertThat(pairs(assignments)).containsExactly("c1->1001");
        assertThat(assignments.get(0).explanation()).isEmpty();
    }
}
