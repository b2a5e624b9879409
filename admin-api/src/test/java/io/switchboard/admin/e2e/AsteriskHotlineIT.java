package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.TestServer;
import io.switchboard.ivr.asterisk.FastAgiService;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.ivr.store.CallRecord;
import io.switchboard.ivr.store.CallStore;
import io.switchboard.ivr.store.PathEntry;
import io.switchboard.ivr.testing.SimulatedAgiSession;
import io.switchboard.ivr.testing.SimulatedAmi;
import io.switchboard.ivr.testing.SimulatedAgiSession.HangupStyle;
import io.switchboard.ivr.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The repository's sample hotline on the real server (real PostgreSQL), carried by Asterisk over FastAGI: a
 * simulated Asterisk 20 runs {@code AGI(agi://127.0.0.1:PORT/100)} for a caller and answers the server's commands as
 * the real one does, and a simulated AMI sends its events. The call is stored as a SIP call is: the same record,
 * path and end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AsteriskHotlineIT {

    private static final TestDatabase DB = TestDatabase.create(AsteriskHotlineIT.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Lives as long as the cached server context that keeps its link, so the link never retries in the dark. */
    private static final SimulatedAmi AMI = SimulatedAmi.forSwitchboard("ami-it-secret");

    @Autowired
    FastAgiService agi;

    @Autowired
    CallStore store;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
        String root = System.getProperty("user.dir") + "/..";
        registry.add("switchboard.flows.dir", () -> root + "/flows");
        registry.add("switchboard.routing.dir", () -> root + "/routing");
        registry.add("switchboard.calendars.support", () -> "open-now");
        registry.add("switchboard.asterisk.sounds-dir", () -> root + "/prompts");
        TestServer.asterisk(registry, AMI, "ami-it-secret");
    }



    @Test
    void aSpanishCallerAsksForTheBalanceOverAsteriskAndTheCallIsStoredLikeASipCall() throws Exception {
        try (SimulatedAgiSession asterisk = SimulatedAgiSession.to(agi.port()).callerId("5550177")
                .uniqueId("1796053077.21").pressDuring("language-menu", '2').pressDuring("main-menu", '3')
                .pressDuring("billing-menu", '1').pressDuring("enter-account", '1').pressWhenWaited('2')
                .pressWhenWaited('3').pressWhenWaited('4').pressWhenWaited('5').pressWhenWaited('6')
                .pressWhenWaited('#').start()) {
            assertThat(asterisk.awaitClosed(WAIT)).isTrue();
            assertThat(asterisk.heard()).containsSubsequence("language-menu", "welcome", "main-menu", "billing-menu",
                    "enter-account", "leave-message", "goodbye");
            assertThat(asterisk.commands()).contains("SET VARIABLE \"CHANNEL(language)\" \"es\"")
                    .anyMatch(c -> c.startsWith("RECORD FILE ") && c.contains(" BEEP "));
            assertThat(asterisk.commands()).endsWith("HANGUP", "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"");
        }
        CallRecord record = TestServer.awaitEnded(store, "5550177");
        assertThat(record.dialed()).isEqualTo("100");
        assertThat(record.cause()).contains(HangupCause.NORMAL);
        List<String> path = record.path().stream().map(p -> p.kind().code() + " " + p.name()).toList();
        assertThat(path).containsSubsequence("step choose-language", "key 2", "step spanish", "step welcome",
                "step main-menu", "key 3", "step billing-menu", "key 1", "step ask-account",
                "step voicemail-ticket/record-message", "step goodbye", "flow-end hangup");
        assertThat(record.path()).filteredOn(p -> p.kind() == PathEntry.Kind.KEY)
                .allSatisfy(p -> assertThat(p.detail()).isEqualTo("agi"));
        assertThat(record.path()).filteredOn(p -> p.kind() == PathEntry.Kind.PROMPT
                && !p.name().equals("language-menu")).allSatisfy(p -> assertThat(p.detail()).isEqualTo("es"));
    }

    @Test
    void theAmiHangupRequestEndsACallWhoseChannelIsStillInAPrompt() throws Exception {
        TestServer.await(() -> AMI.logins() >= 1, Duration.ofSeconds(15));
        AMI.newChannel("1796053077.31", "SIP/127.0.0.1-00000031");
        try (SimulatedAgiSession asterisk = SimulatedAgiSession.to(agi.port()).callerId("5550199")
                .uniqueId("1796053077.31").stallAt("language-menu").start()) {
            TestServer.await(() -> asterisk.heard().contains("language-menu"), Duration.ofSeconds(15));
            AMI.hangupRequest("1796053077.31"); // Asterisk's Hangup event would come only after the session closes
            assertThat(asterisk.awaitClosed(WAIT)).as("the session is closed at the HangupRequest").isTrue();
        }
        CallRecord record = TestServer.awaitEnded(store, "5550199");
        assertThat(record.cause()).contains(HangupCause.NORMAL);
        assertThat(record.hungUpBy()).isEqualTo("caller");
        assertThat(record.path().stream().map(p -> p.kind().code() + " " + p.name()))
                .contains("flow-end caller-hung-up");
    }

    @Test
    void aCallerWhoHangsUpDuringTheMenuEndsTheCallAsTheCaller() throws Exception {
        try (SimulatedAgiSession asterisk = SimulatedAgiSession.to(agi.port()).callerId("5550188")
                .hangUpDuring("main-menu", HangupStyle.HANGUP_LINE).start()) {
            assertThat(asterisk.awaitClosed(WAIT)).isTrue();
            assertThat(asterisk.commands()).contains("WAIT FOR DIGIT 3000") // the language menu timed out
                    .doesNotContain("SET VARIABLE \"CHANNEL(language)\" \"es\"");
        }
        CallRecord record = TestServer.awaitEnded(store, "5550188");
        assertThat(record.cause()).contains(HangupCause.NORMAL);
        assertThat(record.hungUpBy()).isEqualTo("caller");
    }
}
