package io.switchboard.ivr.acd;

import static io.switchboard.ivr.acd.AcdHarness.agent;
import static io.switchboard.ivr.acd.AcdHarness.eventually;
import static io.switchboard.ivr.acd.AcdHarness.events;
import static io.switchboard.ivr.acd.AcdHarness.request;
import static io.switchboard.ivr.acd.AcdHarness.waitIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.QueuePort.QueueResult;
import io.switchboard.ivr.call.Dialer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callers waiting for agents, end to end below the carrier: real PostgreSQL, callers and agents' phones as scripted
 * legs, a Dialer at the carrier edge. Everything asserted is what the queue log, the legs or the agents' states show.
 */
class AcdQueuesIT {

    @RegisterExtension
    static final AcdDatabase DB = new AcdDatabase(AcdQueuesIT.class);
    private static final Duration LONG = Duration.ofMinutes(5);

    @TempDir
    Path dir;
    private final List<Acd> started = new ArrayList<>();
    private ScriptedDialer dialer;

    @BeforeEach
    void newDialer() {
        dialer = new ScriptedDialer();
    }

    @AfterEach
    void stop() {
        started.forEach(Acd::close);
    }

    private Acd acd(String node) throws Exception {
        Acd acd = AcdHarness.start(dir, node, DB.database(), dialer);
        started.add(acd);
        return acd;
    }

    private static ScriptedLeg caller(String id) {
        return new ScriptedLeg(id, "555" + id.replaceAll("\\D", ""));
    }

    @Test
    void aCallerIsRungThroughToTheAgentBridgedAndLoggedAsAsteriskWould() throws Exception {
        Acd acd = acd("n1");
        agent(acd, "1001", Map.of("sales", 1), AgentActivity.AVAILABLE);
        ScriptedLeg caller = caller("c1");
        QueueResult result = waitIn(acd, request("sales", 0, LONG, "").withAttributes(Map.of("topic", "upgrades",
                "account-id", "A-42")), caller).get(30, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(new QueueResult.Connected("1001"));
        Dialer.DialTarget target = dialer.dials().getFirst().target();
        assertThat(target).isEqualTo(new Dialer.DialTarget.AgentPhone("1001", "sip:1001@127.0.0.1:5070"));
        assertThat(dialer.dials().getFirst().callerId()).isEqualTo("5551");
        assertThat(dialer.dials().getFirst().context()).containsEntry("Queue", "sales").containsEntry("Caller",
                "5551").containsEntry("Call-Id", "c1").containsKey("Wait").as("the queue step's attributes reach the phone")
                .containsEntry("Topic", "upgrades").containsEntry("Account-Id", "A-42");
        assertThat(caller.bridgedTo()).containsSame(dialer.answeredLegs().getFirst());
        assertThat(caller.isGone()).as("the agent hung up: the caller goes on with the flow (a survey)").isFalse();
        assertThat(caller.bridgeClosed()).as("but is no longer bridged to the agent's leg").isTrue();
        assertThat(AcdHarness.log(acd)).extracting(QueueEvent::event).containsExactly("AGENTLOGIN", "ENTERQUEUE",
                "CONNECT", "COMPLETEAGENT");
        QueueEvent enter = events(acd, "ENTERQUEUE").getFirst();
        assertThat(enter.data()).containsExactly("", "5551", "1");
        assertThat(events(acd, "CONNECT").getFirst().agent()).isEqualTo("1001");
        assertThat(events(acd, "COMPLETEAGENT").getFirst().data()).hasSize(3).endsWith("1");
        AgentState state = acd.agentStates().get("1001").orElseThrow();
        assertThat(state.activity()).as("the sales queue's wrap-up is a minute").isEqualTo(AgentActivity.WRAP_UP);
        assertThat(acd.currentCalls().of("1001")).isEmpty();
    }

    @Test
    void aCallerOnAsteriskIsOfferedOnlyAgentsWhosePhonesAreOnAsteriskToo() throws Exception {
        Acd acd = acd("n1");
        agent(acd, "2101", Map.of("sales", 1), AgentActivity.AVAILABLE); // a phone on the built-in endpoint
        ScriptedLeg onAsterisk = caller("a1").on(io.switchboard.ivr.call.Carrier.ASTERISK);
        var waiting = waitIn(acd, request("sales", 0, LONG, ""), onAsterisk);
        AcdHarness.eventually(acd, "the Asterisk caller waits", () -> events(acd, "ENTERQUEUE").size() == 1);

        acd.agentDirectory().create("2102", new AgentInput("Agent 2102", "password-2102", Map.of("sales", 1),
                Map.of(), List.of("en")));
        acd.agentPhones().registered("2102", "PJSIP/2102", java.time.Instant.now().plusSeconds(600));
        acd.agentDirectory().setState("2102", AgentActivity.AVAILABLE, null);

        assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(new QueueResult.Connected("2102"));
        assertThat(dialer.dials()).extracting(ScriptedDialer.Dial::target).as("the SIP phone, idle longer, is never"
                + " rung for a caller it cannot be bridged to")
                .containsExactly(new Dialer.DialTarget.AgentPhone("2102", "PJSIP/2102"));
        assertThat(acd.agentStates().get("2101").orElseThrow().activity()).isEqualTo(AgentActivity.AVAILABLE);
    }

    @Test
    void aQueueThatRefusesCallersWhenEmptyCountsOnlyAgentsTheCallersCarrierCanRing() throws Exception {
        Acd acd = acd("n1");
        agent(acd, "2201", Map.of("strict", 1), AgentActivity.AVAILABLE); // a phone on the built-in endpoint
        QueueResult onAsterisk = waitIn(acd, request("strict", 0, LONG, ""),
                caller("a2").on(io.switchboard.ivr.call.Carrier.ASTERISK)).get(30, TimeUnit.SECONDS);
        assertThat(onAsterisk).as("no agent an Asterisk caller could reach").isEqualTo(new QueueResult.NoAgents());
        assertThat(dialer.dials()).isEmpty();
        QueueResult onSip = waitIn(acd, request("strict", 0, LONG, ""), caller("s2")).get(30, TimeUnit.SECONDS);
        assertThat(onSip).isEqualTo(new QueueResult.Connected("2201"));
    }

    @Test
    void callersAreServedByPriorityThenByTheirTimeOfEntry() throws Exception {
        Acd acd = acd("n1");
        agent(acd, "1", Map.of("support", 1), AgentActivity.NOT_READY);
        dialer.talk(Duration.ofMillis(30));
        List<CompletableFuture<QueueResult>> waits = new ArrayList<>();
        int[] priorities = {0, 0, 5, 0, 5};
        for (int i = 0; i < priorities.length; i++) {
            waits.add(waitIn(acd, request("support", priorities[i], LONG, ""), caller("c" + i)));
            int entered = i + 1;
            eventually("caller " + entered + " entered", () -> events(acd, "ENTERQUEUE").size() == entered);
        }
        acd.agentDirectory().setState("1", AgentActivity.AVAILABLE, null);
        for (CompletableFuture<QueueResult> w : waits) {
            assertThat(w.get(30, TimeUnit.SECONDS)).isEqualTo(new QueueResult.Connected("1"));
        }
        assertThat(events(acd, "CONNECT")).extracting(QueueEvent::callId).containsExactly("c2", "c4", "c0", "c1",
                "c3");
        assertThat(events(acd, "ENTERQUEUE")).extracting(e -> e.data(3)).containsExactly("1", "2", "1", "4", "2");
    }

    @Test
    void anAgentWhoDoesNotAnswerIsSetMissedAndTheCallerKeepsTheirPlace() throws Exception {
        Acd acd = acd("n1");
        dialer.script("2001", ScriptedDialer.Answer.NO_ANSWER).talk(Duration.ofMillis(30));
        agent(acd, "2002", Map.of("support", 1), AgentActivity.NOT_READY);
        agent(acd, "2001", Map.of("support", 1), AgentActivity.NOT_READY);
        var first = waitIn(acd, request("support", 0, LONG, ""), caller("c1"));
        eventually("first caller entered", () -> events(acd, "ENTERQUEUE").size() == 1);
        var second = waitIn(acd, request("support", 0, LONG, ""), caller("c2"));
        eventually("second caller entered", () -> events(acd, "ENTERQUEUE").size() == 2);

        acd.agentDirectory().setState("2001", AgentActivity.AVAILABLE, null);
        eventually("the ring went unanswered", () -> !events(acd, "RINGNOANSWER").isEmpty());
        AgentState missed = acd.agentStates().get("2001").orElseThrow();
        assertThat(missed.activity()).isEqualTo(AgentActivity.NOT_READY);
        assertThat(missed.reason()).isEqualTo("missed");
        assertThat(events(acd, "RINGNOANSWER").getFirst().callId()).isEqualTo("c1");
        assertThat(events(acd, "PAUSE")).extracting(QueueEvent::agent, e -> e.data(1))
                .contains(org.assertj.core.groups.Tuple.tuple("2001", "missed"));

        acd.agentDirectory().setState("2002", AgentActivity.AVAILABLE, null);
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(new QueueResult.Connected("2002"));
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(new QueueResult.Connected("2002"));
        assertThat(events(acd, "CONNECT")).extracting(QueueEvent::callId).containsExactly("c1", "c2");
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingIsLoggedAsAnAbandonWithTheirPosition() throws Exception {
        Acd acd = acd("n1");
        var first = waitIn(acd, request("support", 0, LONG, ""), caller("c1"));
        eventually("first caller entered", () -> events(acd, "ENTERQUEUE").size() == 1);
        ScriptedLeg leaver = caller("c2");
        var second = waitIn(acd, request("support", 0, LONG, ""), leaver);
        eventually("second caller entered", () -> events(acd, "ENTERQUEUE").size() == 2);
        eventually("the caller hears hold audio", () -> leaver.heard().contains("please-hold"));
        leaver.farEndHangsUp();

        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(new QueueResult.HungUp());
        QueueEvent abandon = events(acd, "ABANDON").getFirst();
        assertThat(abandon.callId()).isEqualTo("c2");
        assertThat(abandon.data()).hasSize(3).startsWith("2", "2");
        assertThat(first).isNotDone();
    }

    @Test
    void theMaximumWaitAndAnExitKeyEndTheWaitAsTheFlowAsked() throws Exception {
        Acd acd = acd("n1");
        var timesOut = waitIn(acd, request("support", 0, Duration.ofMillis(300), ""), caller("c1"));
        assertThat(timesOut.get(30, TimeUnit.SECONDS)).isEqualTo(new QueueResult.TimedOut());
        assertThat(events(acd, "EXITWITHTIMEOUT").getFirst().data()).startsWith("1", "1");

        ScriptedLeg presser = caller("c2");
        var pressed = waitIn(acd, request("support", 0, LONG, "*"), presser);
        eventually("caller entered", () -> events(acd, "ENTERQUEUE").size() == 2);
        presser.press('5');
        presser.press('*');
        assertThat(pressed.get(30, TimeUnit.SECONDS)).isEqualTo(new QueueResult.ExitKey('*'));
        assertThat(events(acd, "EXITWITHKEY").getFirst().data()).startsWith("*", "1", "1");
    }

    @Test
    void anAgentWithoutACurrentRegistrationIsNeverOffered() throws Exception {
        Acd acd = acd("n1");
        agent(acd, "3001", Map.of("support", 1), AgentActivity.AVAILABLE);
        acd.agentPhones().unregistered("3001", "sip:3001@127.0.0.1:5070");
        var result = waitIn(acd, request("support", 0, Duration.ofMillis(500), ""), caller("c1"));
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(new QueueResult.TimedOut());
        assertThat(dialer.dials()).isEmpty();
    }

    @Test
    void aCallerWhoHangsUpWhileTheAgentRingsCancelsTheRingAndFreesTheAgent() throws Exception {
        Acd acd = acd("n1");
        dialer.script("4001", ScriptedDialer.Answer.RING_UNTIL_CANCELLED);
        agent(acd, "4001", Map.of("support", 1), AgentActivity.AVAILABLE);
        ScriptedLeg leg = caller("c1");
        var result = waitIn(acd, request("support", 0, LONG, ""), leg);
        eventually("the agent's phone rings", () -> !dialer.dials().isEmpty());
        leg.farEndHangsUp();
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(new QueueResult.HungUp());
        assertThat(dialer.dials().getFirst().result()).isCancelled();
        assertThat(acd.agentStates().get("4001").orElseThrow().activity()).isEqualTo(AgentActivity.AVAILABLE);
        assertThat(AcdHarness.log(acd)).extracting(QueueEvent::event).endsWith("RINGCANCELED", "ABANDON");
    }

    @Test
    void twoNodesOnOneDatabaseNeverGiveOneAgentTwoCalls() throws Exception {
        Acd a = acd("node-a");
        Acd b = acd("node-b");
        dialer.talk(Duration.ofMillis(20));
        for (int i = 1; i <= 4; i++) {
            agent(a, "50" + i, Map.of("support", 1), AgentActivity.AVAILABLE);
        }
        List<CompletableFuture<QueueResult>> waits = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            waits.add(waitIn(i % 2 == 0 ? a : b, request("support", 0, LONG, ""), caller("c" + i)));
        }
        for (CompletableFuture<QueueResult> w : waits) {
            assertThat(w.get(60, TimeUnit.SECONDS)).isInstanceOf(QueueResult.Connected.class);
        }
        assertThat(dialer.mostCallsAtOnceForOneAgent()).isEqualTo(1);
        assertThat(events(a, "CONNECT")).hasSize(40);
        assertThat(events(a, "CONNECT")).extracting(QueueEvent::callId).doesNotHaveDuplicates();
    }

    @Test
    void waitingCallersHearTheirPositionAndTheSnapshotShowsTheQueueAsItIs() throws Exception {
        Acd acd = acd("n1");
        agent(acd, "6001", Map.of("billing", 1), AgentActivity.NOT_READY);
        agent(acd, "6002", Map.of("billing", 2, "support", 1), AgentActivity.LOGGED_OUT);
        dialer.talk(Duration.ofMillis(30));
        ScriptedLeg first = caller("c1");
        ScriptedLeg second = caller("c2");
        var one = waitIn(acd, request("billing", 0, LONG, ""), first);
        eventually("first caller entered", () -> events(acd, "ENTERQUEUE").size() == 1);
        var two = waitIn(acd, request("billing", 0, LONG, ""), second);
        eventually(acd, "the second caller hears they are second", () -> second.heard().containsAll(List.of(
                "queue-position", "digits/2", "queue-position-suffix")));
        assertThat(first.heard()).containsSubsequence("queue-position", "digits/1", "queue-position-suffix");
        acd.callbackPort().callback(new io.switchboard.callflow.engine.CallbackPort.CallbackRequest("billing",
                "5550123", Map.of(), 0, java.time.Instant.now().plusSeconds(3600)));

        QueueSnapshot waiting = acd.snapshots().of("billing").orElseThrow();
        assertThat(waiting.waiting()).extracting(QueueSnapshot.Waiting::position, QueueSnapshot.Waiting::callId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "c1"),
                        org.assertj.core.groups.Tuple.tuple(2, "c2"));
        assertThat(waiting.longestWait()).isEqualTo(waiting.waiting().getFirst().waited());
        assertThat(waiting.agents()).containsExactlyInAnyOrderEntriesOf(Map.of(AgentActivity.NOT_READY, 1,
                AgentActivity.LOGGED_OUT, 1));
        assertThat(waiting.callbacksPending()).isEqualTo(1);
        assertThat(waiting.estimatedWait()).as("nothing handled yet").isNull();

        acd.agentDirectory().setState("6001", AgentActivity.AVAILABLE, null);
        assertThat(one.get(30, TimeUnit.SECONDS)).isEqualTo(new QueueResult.Connected("6001"));
        assertThat(two.get(30, TimeUnit.SECONDS)).isEqualTo(new QueueResult.Connected("6001"));
        QueueSnapshot after = acd.snapshots().of("billing").orElseThrow();
        assertThat(after.waiting()).isEmpty();
        assertThat(after.answeredToday()).isEqualTo(2);
        assertThat(after.answeredInServiceLevel()).isEqualTo(2);
        assertThat(after.abandonedToday()).isZero();
        assertThat(after.estimatedWait()).as("known once calls were handled").isNotNull();
        assertThat(acd.snapshots().all()).extracting(QueueSnapshot::queue).containsExactly("support", "sales",
                "billing", "strict");
    }
}
