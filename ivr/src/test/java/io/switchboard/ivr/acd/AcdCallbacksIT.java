package io.switchboard.ivr.acd;

import static io.switchboard.ivr.acd.AcdHarness.agent;
import static io.switchboard.ivr.acd.AcdHarness.eventually;
import static io.switchboard.ivr.acd.AcdHarness.events;
import static io.switchboard.ivr.acd.AcdHarness.waitIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.CallbackPort;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.QueuePort;
import io.switchboard.ivr.call.Dialer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Call backs in a real PostgreSQL: booked keeping the caller's place, served agent first, retried, and recovered. */
class AcdCallbacksIT {

    @RegisterExtension
    static final AcdDatabase DB = new AcdDatabase(AcdCallbacksIT.class);

    @TempDir
    Path dir;
    private final List<Acd> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Acd::close);
    }

    private Acd acd(String node, ScriptedDialer dialer) throws Exception {
        Acd acd = Acd.start(AcdHarness.config(dir, node), DB.database().dataSource(), dialer, Clock.systemUTC());
        started.add(acd);
        return acd;
    }

    private static CallbackPort.CallbackRequest callback(String number) {
        return new CallbackPort.CallbackRequest("sales", number, Map.of(), 0, null);
    }

    /** A dialer whose customer {@code number} rings until the attempt is cancelled. */
    private static ScriptedDialer neverAnswering(String number) {
        return new ScriptedDialer().script(number, ScriptedDialer.Answer.RING_UNTIL_CANCELLED).agentsStayOn();
    }

    /**
     * Books a call back on {@code acd} whose customer's phone keeps ringing, with agent {@code agentId} on it; returns
     * the call back's id once it is DIALLING.
     */
    private long stuckDialling(Acd acd, String agentId, String number) throws Exception {
        agent(acd, agentId, Map.of("sales", 1), AgentActivity.AVAILABLE);
        long id = id(acd.callbackPort().callback(callback(number)));
        eventually(acd, "the customer's phone rings", () -> state(id).equals("DIALLING 1"));
        return id;
    }

    private String state(long id) {
        try (var c = DB.database().dataSource().getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("select state || ' ' || attempts from acd_callback where callback_id = "
                        + id)) {
            return rs.next() ? rs.getString(1) : "none";
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static long id(CallbackPort.CallbackResult result) {
        assertThat(result).isInstanceOf(CallbackPort.CallbackResult.Scheduled.class);
        return Long.parseLong(((CallbackPort.CallbackResult.Scheduled) result).reference().substring(9));
    }

    @Test
    void aCallerWhoTakesTheCallbackKeepsTheirPlaceAheadOfLaterCallers() throws Exception {
        ScriptedDialer dialer = new ScriptedDialer().talk(Duration.ofMillis(30)).agentsStayOn();
        Acd acd = acd("n1", dialer);
        agent(acd, "1001", Map.of("sales", 1), AgentActivity.NOT_READY);
        var offer = new QueuePort.CallbackOffer(Duration.ZERO, Duration.ofMinutes(1), '1',
                List.of(new PromptRef("callback-offer")));
        var request = new QueuePort.QueueRequest("sales", Map.of(), 0, Duration.ofMinutes(5), Set.of(), List.of(),
                Duration.ZERO, offer);
        ScriptedLeg first = new ScriptedLeg("c1", "5551");
        CompletableFuture<CallbackPort.CallbackResult> booked = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            QueuePort.QueueResult r = acd.queuePort().queue(request, first);
            assertThat(r).isEqualTo(new QueuePort.QueueResult.CallbackChosen());
            booked.complete(acd.callbackPort().callback(callback("5550101")));
        });
        eventually("caller entered", () -> events(acd, "ENTERQUEUE").size() == 1);
        ScriptedLeg later2 = new ScriptedLeg("c2", "5552");
        var later = waitIn(acd, AcdHarness.request("sales", 0, Duration.ofMinutes(5), ""), later2);
        eventually("second caller entered", () -> events(acd, "ENTERQUEUE").size() == 2);
        first.press('1');
        long id = id(booked.get(30, TimeUnit.SECONDS));
        first.farEndHangsUp();

        acd.agentDirectory().setState("1001", AgentActivity.AVAILABLE, null);
        eventually(acd, "the call back is done and the agent wraps up", () -> acd.agentStates().get("1001")
                .orElseThrow().activity() == AgentActivity.WRAP_UP);
        acd.agentDirectory().setState("1001", AgentActivity.AVAILABLE, null); // ends the wrap-up early
        eventually(acd, "the later caller talks to the agent", () -> later2.bridgedTo().isPresent());
        later2.farEndHangsUp();
        assertThat(later.get(30, TimeUnit.SECONDS)).isEqualTo(new QueuePort.QueueResult.Connected("1001"));

        assertThat(dialer.dials()).extracting(ScriptedDialer.Dial::target).containsExactly(
                new Dialer.DialTarget.AgentPhone("1001", "sip:1001@127.0.0.1:5070"),
                new Dialer.DialTarget.Number("5550101"),
                new Dialer.DialTarget.AgentPhone("1001", "sip:1001@127.0.0.1:5070"));
        assertThat(dialer.answeredLegs().getFirst().heard()).as("the whisper reads the number to the agent")
                .startsWith("callback-whisper", "digits/5", "digits/5", "digits/5", "digits/0", "digits/1", "digits/0",
                        "digits/1");
        assertThat(AcdHarness.log(acd)).extracting(QueueEvent::event).containsSubsequence("ENTERQUEUE",
                "ENTERQUEUE", "EXITWITHKEY", "CALLBACK_REQUESTED", "CALLBACK_OFFERED", "CALLBACK_DIALLING",
                "CALLBACK_CONNECTED", "CALLBACK_COMPLETED", "CONNECT").doesNotContain("ABANDON");
        QueueEvent requested = events(acd, "CALLBACK_REQUESTED").getFirst();
        assertThat(Long.parseLong(requested.data(3))).as("the call back kept the caller's entry time")
                .isEqualTo(events(acd, "ENTERQUEUE").getFirst().time().getEpochSecond());
        assertThat(state(id)).isEqualTo("DONE 1");
    }

    @Test
    void aCustomerNotReachedIsTriedAgainAfterTheDelayAndThenGivenUp() throws Exception {
        ScriptedDialer dialer = new ScriptedDialer().script("5550199", ScriptedDialer.Answer.BUSY).agentsStayOn();
        Acd acd = acd("n1", dialer);
        agent(acd, "1002", Map.of("sales", 1), AgentActivity.AVAILABLE);
        assertThat(acd.callbackPort().callback(callback("12"))).isInstanceOf(
                CallbackPort.CallbackResult.Failed.class);
        assertThat(acd.callbackPort().callback(new CallbackPort.CallbackRequest("nowhere", "5550199", Map.of(), 0,
                null))).isInstanceOf(CallbackPort.CallbackResult.Failed.class);
        long id = id(acd.callbackPort().callback(callback("5550199")));
        eventually("given up", () -> !events(acd, "CALLBACK_FAILED").isEmpty());
        assertThat(events(acd, "CALLBACK_RETRY")).hasSize(1).first().satisfies(e ->
                assertThat(e.data()).startsWith("5550199", "1", "busy"));
        assertThat(events(acd, "CALLBACK_FAILED").getFirst().data()).containsExactly("5550199", "2", "busy");
        assertThat(events(acd, "CALLBACK_DIALLING")).hasSize(2);
        assertThat(state(id)).isEqualTo("FAILED 2");
        assertThat(acd.agentStates().get("1002").orElseThrow().activity()).isEqualTo(AgentActivity.AVAILABLE);
        assertThat(events(acd, "ABANDON")).isEmpty();
    }

    @Test
    void aRestartFinishesTheCallbacksItsNodeLeftExactlyOnce() throws Exception {
        Acd before = acd("n1", neverAnswering("5550111"));
        long dialling = stuckDialling(before, "1003", "5550111");
        long waiting = id(before.callbackPort().callback(callback("5550112")));
        before.close(); // the node stops dead: its call back threads never report again
        started.remove(before);

        ScriptedDialer after = new ScriptedDialer().talk(Duration.ofMillis(20)).agentsStayOn();
        Acd restarted = acd("n1", after);
        assertThat(state(dialling)).as("the attempt in progress counts, and it goes back in line")
                .isEqualTo("WAITING 1");
        assertThat(restarted.agentStates().get("1003").orElseThrow().activity())
                .isIn(AgentActivity.AVAILABLE, AgentActivity.RINGING, AgentActivity.ON_CALL);
        for (int done = 1; done <= 2; done++) {
            int count = done;
            eventually(restarted, "call back " + count + " done", () -> events(restarted, "CALLBACK_COMPLETED")
                    .size() == count && restarted.agentStates().get("1003").orElseThrow().activity()
                    == AgentActivity.WRAP_UP);
            restarted.agentDirectory().setState("1003", AgentActivity.AVAILABLE, null); // ends wrap-up early
        }
        assertThat(events(restarted, "CALLBACK_COMPLETED")).extracting(QueueEvent::callId)
                .containsExactlyInAnyOrder("callback-" + dialling, "callback-" + waiting);
        assertThat(events(restarted, "CALLBACK_RETRY")).extracting(e -> e.data(3)).containsExactly("restart");
        assertThat(after.dials()).extracting(ScriptedDialer.Dial::target).filteredOn(t -> t instanceof
                Dialer.DialTarget.Number).containsExactlyInAnyOrder(new Dialer.DialTarget.Number("5550111"),
                        new Dialer.DialTarget.Number("5550112"));
        assertThat(state(dialling)).isEqualTo("DONE 2");
        assertThat(state(waiting)).isEqualTo("DONE 1");
    }

    @Test
    void twoNodesMakeEachCallbackOnceAndNeverGiveAnAgentTwoCalls() throws Exception {
        ScriptedDialer dialer = new ScriptedDialer().talk(Duration.ofMillis(20)).agentsStayOn();
        Acd a = acd("node-a", dialer);
        Acd b = acd("node-b", dialer);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(id((i % 2 == 0 ? a : b).callbackPort().callback(callback("55502" + (10 + i)))));
        }
        agent(a, "1101", Map.of("billing", 1, "sales", 1), AgentActivity.AVAILABLE);
        agent(b, "1102", Map.of("sales", 1), AgentActivity.AVAILABLE);
        Thread.ofVirtual().start(() -> { // the agents end each wrap-up at once
            while (events(a, "CALLBACK_COMPLETED").size() < ids.size()) {
                for (String agent : List.of("1101", "1102")) {
                    if (a.agentStates().get(agent).orElseThrow().activity() == AgentActivity.WRAP_UP) {
                        a.agentDirectory().setState(agent, AgentActivity.AVAILABLE, null);
                    }
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        eventually(a, "every call back done", () -> events(a, "CALLBACK_COMPLETED").size() == ids.size());
        assertThat(events(a, "CALLBACK_COMPLETED")).extracting(QueueEvent::callId).doesNotHaveDuplicates()
                .hasSize(ids.size());
        assertThat(events(a, "CALLBACK_DIALLING")).hasSize(ids.size());
        assertThat(dialer.mostCallsAtOnceForOneAgent()).isEqualTo(1);
        for (long id : ids) {
            assertThat(state(id)).isEqualTo("DONE 1");
        }
    }

    @Test
    void aNodeThatFallsSilentIsTakenOverByAnotherWhichFinishesWhatItLeft() throws Exception {
        Acd silent = acd("node-silent", neverAnswering("5550131"));
        long id = stuckDialling(silent, "1201", "5550131");
        silent.close(); // stops beating; its call back and its agent are left in progress
        started.remove(silent);

        ScriptedDialer dialer = new ScriptedDialer().talk(Duration.ofMillis(20)).agentsStayOn();
        Acd survivor = Acd.start(AcdHarness.config(dir, "node-survivor").withDeadNodeAfter(Duration.ofSeconds(1)),
                DB.database().dataSource(), dialer, Clock.systemUTC());
        started.add(survivor);
        eventually(survivor, "the survivor finished the call back", () -> !events(survivor, "CALLBACK_COMPLETED")
                .isEmpty());
        assertThat(events(survivor, "CALLBACK_RETRY")).extracting(e -> e.data(3)).containsExactly("restart");
        assertThat(dialer.dials()).extracting(ScriptedDialer.Dial::target).contains(
                new Dialer.DialTarget.Number("5550131"));
        assertThat(state(id)).isEqualTo("DONE 2");
    }
}
