package io.switchboard.ivr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.FlowCompiler;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.engine.RecordOutcome;
import io.switchboard.callflow.engine.RecordRequest;
import io.switchboard.callflow.engine.TransferPort;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.ivr.flow.FlowCatalogue;
import io.switchboard.ivr.flow.PublishedFlow;
import io.switchboard.ivr.testing.SimulatedAgiSession;
import io.switchboard.ivr.testing.SimulatedAgiSession.HangupStyle;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FastAGI service against a simulated Asterisk 20 (replies and environment from transcripts of a real one):
 * each flow operation becomes the AGI command Asterisk expects, and every way a caller can leave ends the call once.
 */
class FastAgiServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String BARGE_IN = " \"0123456789*#\"";
    static final PublishedFlow FLOW;

    static {
        try {
            FLOW = new PublishedFlow("wait", 3, FlowCompiler.compile("wait.yaml", """
                    flow: wait
                    start: bye
                    steps:
                      bye: {hangup: {}}
                    """));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final BlockingQueue<Run> RUNS = new LinkedBlockingQueue<>();
    private static volatile Function<CallLeg, Object> behaviour = call -> call.answer();
    private static FastAgiService service;

    /** One call the service ran: the leg and what the behaviour returned. */
    record Run(AgiCall call, CompletableFuture<Object> result) {}

    @BeforeAll
    static void start() throws Exception {
        FlowCatalogue flows = new FlowCatalogue() {
            @Override
            public Optional<PublishedFlow> forNumber(String dialed) {
                return dialed.equals("100") ? Optional.of(FLOW) : Optional.empty();
            }

            @Override
            public Optional<PublishedFlow> byId(String flowId) {
                return flowId.equals("wait") ? Optional.of(FLOW) : Optional.empty();
            }
        };
        service = new FastAgiService(InetAddress.getLoopbackAddress(), 0, AgiLimits.DEFAULT, (call, flow) -> {
            Run run = new Run((AgiCall) call, new CompletableFuture<>());
            RUNS.add(run);
            run.result().complete(behaviour.apply(call));
        }, flows, Clock.systemUTC(), "/var/spool/asterisk/switchboard");
        service.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Run run(Function<CallLeg, Object> what, SimulatedAgiSession.Builder session) throws Exception {
        RUNS.clear();
        behaviour = what;
        try (SimulatedAgiSession asterisk = session.start()) {
            Run run = RUNS.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(run).as("the service ran the flow").isNotNull();
            run.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(asterisk.awaitClosed(WAIT)).as("the server closed the session").isTrue();
            lastCommands = asterisk.commands();
            return run;
        }
    }

    private static List<String> lastCommands;

    private static SimulatedAgiSession.Builder asterisk() {
        return SimulatedAgiSession.to(service.port());
    }

    @Test
    void theEnvironmentBlockGivesTheCallItsFacts() throws Exception {
        Run run = run(call -> call.answer(), asterisk().callerId("5550177").uniqueId("1796053077.9").script("100"));
        AgiCall call = run.call();
        assertThat(call.facts().caller()).isEqualTo("5550177");
        assertThat(call.facts().dialed()).isEqualTo("100");
        assertThat(call.channel().channel()).isEqualTo("SIP/127.0.0.1-00000000");
        assertThat(call.channel().uniqueId()).isEqualTo("1796053077.9");
        assertThat(call.language()).isEqualTo("en");
        assertThat(run.result().get()).isEqualTo(true);
        assertThat(lastCommands).containsExactly("ANSWER", "HANGUP", "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"");
        assertThat(call.end()).map(CallEnd::cause).contains(HangupCause.NORMAL);
        assertThat(call.end()).map(CallEnd::hungUpBy).contains(CallEnd.Party.SYSTEM);
    }

    @Test
    void aFlowIdInTheUrlPicksThatFlowAndTheExtensionIsTheDialledNumber() throws Exception {
        Run run = run(call -> call.answer(), asterisk().script("wait").extension("200"));
        assertThat(run.call().facts().dialed()).isEqualTo("200");
    }

    @Test
    void aKeyDuringABargeInPromptStopsItAndWaitsInTheBuffer() throws Exception {
        Run run = run(call -> {
            call.answer();
            PlayOutcome played = call.play(List.of(new PromptRef("language-menu"), new PromptRef("welcome")), true);
            return List.of(played, call.nextKey(Duration.ofSeconds(3)));
        }, asterisk().pressDuring("language-menu", '2'));
        assertThat(run.result().get()).isEqualTo(List.of(PlayOutcome.INTERRUPTED, new KeyOutcome.Key('2')));
        assertThat(lastCommands).startsWith("ANSWER", "STREAM FILE \"language-menu\"" + BARGE_IN)
                .doesNotContain("STREAM FILE \"welcome\"" + BARGE_IN);
    }

    @Test
    void aKeyDuringAPromptWithoutBargeInIsNotTaken() throws Exception {
        Run run = run(call -> List.of(call.play(List.of(new PromptRef("welcome")), false),
                call.nextKey(Duration.ofMillis(1500))), asterisk().pressDuring("welcome", '5'));
        assertThat(run.result().get()).isEqualTo(List.of(PlayOutcome.COMPLETED, new KeyOutcome.Timeout()));
        assertThat(lastCommands).startsWith("STREAM FILE \"welcome\" \"\"", "WAIT FOR DIGIT 1500");
    }

    @Test
    void noKeyInTimeIsATimeout() throws Exception {
        Run run = run(call -> call.nextKey(Duration.ofSeconds(3)), asterisk());
        assertThat(run.result().get()).isEqualTo(new KeyOutcome.Timeout());
        assertThat(lastCommands).startsWith("WAIT FOR DIGIT 3000");
    }

    @Test
    void aKeyWaitedForArrives() throws Exception {
        Run run = run(call -> call.nextKey(Duration.ofSeconds(3)), asterisk().pressWhenWaited('#'));
        assertThat(run.result().get()).isEqualTo(new KeyOutcome.Key('#'));
    }

    @Test
    void switchingLanguageSetsTheChannelLanguageBeforeTheNextPrompt() throws Exception {
        run(call -> {
            call.setLanguage("es");
            return call.play(List.of(new PromptRef("welcome"), new PromptRef("main-menu")), false);
        }, asterisk());
        assertThat(lastCommands).startsWith("SET VARIABLE \"CHANNEL(language)\" \"es\"", "STREAM FILE \"welcome\" \"\"",
                "STREAM FILE \"main-menu\" \"\"");
    }

    @Test
    void aCallerHangingUpDuringAPromptEndsTheCallAtOnceThroughTheHangupLine() throws Exception {
        Run run = run(call -> List.of(call.answer(), call.play(List.of(new PromptRef("language-menu"),
                new PromptRef("welcome")), true), call.nextKey(Duration.ofSeconds(5))),
                asterisk().hangUpDuring("language-menu", HangupStyle.HANGUP_LINE));
        assertThat(run.result().get()).isEqualTo(List.of(true, PlayOutcome.HUNG_UP, new KeyOutcome.HungUp()));
        assertThat(run.call().end()).map(CallEnd::hungUpBy).contains(CallEnd.Party.CALLER);
        assertThat(run.call().end()).map(CallEnd::cause).contains(HangupCause.NORMAL);
        assertThat(lastCommands).doesNotContain("WAIT FOR DIGIT 5000").last()
                .isEqualTo("SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"");
    }

    @Test
    void aCallerHangingUpDuringAPromptEndsTheCallThrough511WithoutAHangupLine() throws Exception {
        Run run = run(call -> List.of(call.play(List.of(new PromptRef("language-menu")), true),
                call.nextKey(Duration.ofSeconds(5))), asterisk().hangUpDuring("language-menu", HangupStyle.ONLY_511));
        assertThat(run.result().get()).isEqualTo(List.of(PlayOutcome.HUNG_UP, new KeyOutcome.HungUp()));
        assertThat(run.call().end()).map(CallEnd::hungUpBy).contains(CallEnd.Party.CALLER);
        assertThat(lastCommands).startsWith("STREAM FILE \"language-menu\"" + BARGE_IN, "CHANNEL STATUS")
                .doesNotContain("WAIT FOR DIGIT 5000");
    }

    @Test
    void aPromptAsteriskDoesNotHaveIsSkippedAndTheCallGoesOn() throws Exception {
        Run run = run(call -> call.play(List.of(new PromptRef("no-such-prompt"), new PromptRef("welcome")), false),
                asterisk().missing("no-such-prompt"));
        assertThat(run.result().get()).isEqualTo(PlayOutcome.COMPLETED);
        assertThat(lastCommands).startsWith("STREAM FILE \"no-such-prompt\" \"\"", "CHANNEL STATUS",
                "STREAM FILE \"welcome\" \"\"");
    }

    @Test
    void repliesArrivingInFragmentsReadTheSame() throws Exception {
        Run run = run(call -> List.of(call.play(List.of(new PromptRef("language-menu")), true),
                call.nextKey(Duration.ofSeconds(1))), asterisk().fragmented().pressDuring("language-menu", '1')
                .callerId("5550199"));
        assertThat(run.result().get()).isEqualTo(List.of(PlayOutcome.INTERRUPTED, new KeyOutcome.Key('1')));
        assertThat(run.call().facts().caller()).isEqualTo("5550199");
    }

    @Test
    void aRecordingEndedByItsKeyIsReportedWithItsLength() throws Exception {
        Run run = run(call -> call.record(new RecordRequest(Duration.ofSeconds(60), Duration.ofSeconds(3),
                Set.of('#'), true)), asterisk().endRecordingWith('#'));
        RecordOutcome outcome = (RecordOutcome) run.result().get();
        String file = "/var/spool/asterisk/switchboard/" + run.call().facts().callId() + "-1";
        assertThat(outcome.ending()).isEqualTo(RecordOutcome.Ending.FINISH_KEY);
        assertThat(outcome.finishKey()).isEqualTo('#');
        assertThat(outcome.length()).isEqualTo(Duration.ofSeconds(3));
        assertThat(outcome.recording()).isEqualTo(file + ".wav");
        assertThat(lastCommands).startsWith("RECORD FILE \"" + file + "\" \"wav\" \"#\" 60000 0 BEEP s=3");
    }

    @Test
    void aSilentCallerEndsARecordingBySilence() throws Exception {
        Run run = run(call -> call.record(new RecordRequest(Duration.ofSeconds(60), Duration.ofSeconds(2),
                Set.of('#'), false)), asterisk());
        assertThat(((RecordOutcome) run.result().get()).ending()).isEqualTo(RecordOutcome.Ending.SILENCE);
    }

    @Test
    void aNumberNoFlowServesTellsTheDialplanAndRunsNothing() throws Exception {
        RUNS.clear();
        try (SimulatedAgiSession asterisk = asterisk().script("999").extension("999").start()) {
            assertThat(asterisk.awaitClosed(WAIT)).isTrue();
            assertThat(asterisk.commands()).containsExactly("SET VARIABLE \"SWITCHBOARD_STATUS\" \"NOT_FOUND\"",
                    "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"");
        }
        assertThat(RUNS).isEmpty();
    }

    @Test
    void asteriskVanishingInTheMiddleOfACommandEndsTheCallAsCarrierLost() throws Exception {
        RUNS.clear();
        behaviour = call -> call.play(List.of(new PromptRef("welcome")), false);
        Run run;
        try (SimulatedAgiSession asterisk = asterisk().stallAt("welcome").start()) {
            run = RUNS.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(run).isNotNull();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!asterisk.heard().contains("welcome") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(asterisk.heard()).contains("welcome");
        } // the connection drops here, with STREAM FILE unanswered
        assertThat(run.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(PlayOutcome.HUNG_UP);
        CallEnd end = run.call().ended().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(end.cause()).isEqualTo(HangupCause.CARRIER_LOST);
        assertThat(end.hungUpBy()).isEqualTo(CallEnd.Party.SYSTEM);
    }

    private static final AsteriskTransfers TRANSFERS = new AsteriskTransfers(Set.of("1001")::contains,
            "PJSIP/{agent}", "PJSIP/{number}@trunk", Duration.ofSeconds(30), TransferPort.UNAVAILABLE);

    @Test
    void aTransferToAnAgentIsAsterisksDialFromTheCallersChannelAndEndsTheFlowWhenAnswered() throws Exception {
        Run run = run(call -> TRANSFERS.transfer("1001", call), asterisk());
        assertThat(run.result().get()).isEqualTo(new TransferPort.TransferResult.Transferred());
        assertThat(lastCommands).containsSequence("EXEC \"Dial\" \"PJSIP/1001,30\"", "GET VARIABLE \"DIALSTATUS\"");
    }

    @Test
    void aBusyNumberFailsTheTransferWithAsterisksDialStatus() throws Exception {
        Run run = run(call -> TRANSFERS.transfer("+15550100", call), asterisk().dialStatus("BUSY"));
        assertThat(run.result().get()).isInstanceOfSatisfying(TransferPort.TransferResult.Failed.class,
                f -> assertThat(f.reason()).contains("PJSIP/+15550100@trunk").contains("BUSY"));
    }

    @Test
    void aCallerWhoHangsUpWhileTheTransferRingsEndsAsHungUp() throws Exception {
        Run run = run(call -> TRANSFERS.transfer("1001", call), asterisk().dialStatus("HANGUP"));
        assertThat(run.result().get()).isEqualTo(new TransferPort.TransferResult.HungUp());
        assertThat(run.call().end()).map(CallEnd::hungUpBy).contains(CallEnd.Party.CALLER);
    }

    @Test
    void aDestinationThatIsNeitherAnAgentNorANumberIsRefusedWithoutDialling() throws Exception {
        Run run = run(call -> TRANSFERS.transfer("sip:billing@pbx.example.com", call), asterisk());
        assertThat(run.result().get()).isInstanceOf(TransferPort.TransferResult.Failed.class);
        assertThat(lastCommands).noneMatch(c -> c.startsWith("EXEC"));
        assertThat(TRANSFERS.device("1;Hangup")).as("nothing but digits reaches the dial string").isNull();
    }
}
