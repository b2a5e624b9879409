package io.switchboard.ivr.acd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default routing decision and the line's order. */
class LongestIdleRouterTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private final Router router = new LongestIdleRouter();

    private static WaitingCall call(String id, String queue, int priority, int enteredSecond,
            Map<String, Integer> skills) {
        return new WaitingCall(id, queue, priority, T0.plusSeconds(enteredSecond), enteredSecond, skills, 0, "");
    }

    private static OfferableAgent agent(String id, Map<String, Integer> queues, int idleSecond,
            Map<String, Integer> skills) {
        return new OfferableAgent(id, queues, skills, T0.plusSeconds(idleSecond), "sip:" + id + "@h");
    }

    private List<String> route(List<WaitingCall> calls, List<OfferableAgent> agents) {
        return router.route(calls, agents).stream().map(a -> a.call().id() + "->" + a.agent().agentId()).toList();
    }

    @Test
    void amongAgentsOfEqualPriorityTheOneIdleLongestTakesTheCall() {
        assertThat(route(List.of(call("c1", "q", 0, 0, Map.of())), List.of(
                agent("recent", Map.of("q", 1), 50, Map.of()), agent("longest", Map.of("q", 1), 10, Map.of()))))
                .containsExactly("c1->longest");
    }

    @Test
    void anAgentServingTheQueueAtABetterPriorityComesBeforeOneIdleLonger() {
        assertThat(route(List.of(call("c1", "q", 0, 0, Map.of())), List.of(
                agent("backup", Map.of("q", 2), 0, Map.of()), agent("primary", Map.of("q", 1), 90, Map.of()))))
                .containsExactly("c1->primary");
    }

    @Test
    void onlyAgentsServingTheQueueWithTheAskedSkillsAreEligible() {
        List<OfferableAgent> agents = List.of(agent("sales", Map.of("sales", 1), 0, Map.of("english", 5)),
                agent("novice", Map.of("q", 1), 1, Map.of("english", 2)),
                agent("expert", Map.of("q", 1), 2, Map.of("english", 4)));
        assertThat(route(List.of(call("c1", "q", 0, 0, Map.of("english", 3)), call("c2", "q", 0, 1,
                Map.of("english", 3))), agents)).containsExactly("c1->expert");
    }

    @Test
    void callsAreServedInLineOrderAndNoAgentGetsTwo() {
        List<WaitingCall> line = new java.util.ArrayList<>(List.of(call("late", "q", 0, 30, Map.of()),
                call("early", "q", 0, 10, Map.of()), call("vip", "q", 9, 50, Map.of()),
                call("other", "r", 0, 0, Map.of())));
        line.sort(WaitingCall.ORDER);
        assertThat(line).extracting(WaitingCall::id).containsExactly("vip", "other", "early", "late");
        List<OfferableAgent> agents = List.of(agent("a", Map.of("q", 1, "r", 1), 0, Map.of()),
                agent("b", Map.of("q", 1), 5, Map.of()));
        assertThat(route(line, agents)).containsExactly("vip->a", "early->b");
    }

    @Test
    void theLineGivesPositionsAndACallerSentBackKeepsTheirPlace() {
        QueueLine line = new QueueLine();
        WaitingCall first = call("first", "q", 0, 0, Map.of());
        WaitingCall second = call("second", "q", 0, 5, Map.of());
        assertThat(line.add(second)).isEqualTo(1);
        assertThat(line.add(first)).isEqualTo(1);
        assertThat(line.position(second)).isEqualTo(2);
        assertThat(line.remove(first)).isTrue();
        assertThat(line.remove(first)).as("taken once").isFalse();
        assertThat(line.add(call("third", "q", 0, 9, Map.of()))).isEqualTo(2);
        assertThat(line.add(first)).as("back at the place its entry time gives it").isEqualTo(1);
        assertThat(line.line("q")).extracting(WaitingCall::id).containsExactly("first", "second", "third");
    }
}
