package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.ivr.store.CallRecord;
import io.switchboard.ivr.store.CallStore;
import io.switchboard.ivr.store.PathEntry;
import io.switchboard.ivr.testing.TestDatabase;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.PromptLibrary;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The repository's sample hotline (flows/hotline.yaml with its sub-flow) on the real server, called over SIP. The
 * support calendar is switched open at start-up so the call does not depend on the time of day; the server has no
 * data connectors, queues or hand-off routes yet, so the call takes the flow's fallbacks: lookups fail, the billing
 * queue is unavailable, and the caller is offered voicemail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleHotlineCallIT {

    private static final TestDatabase DB = TestDatabase.create(SampleHotlineCallIT.class);
    private static final Duration PROMPT_WAIT = Duration.ofSeconds(15);

    @Autowired
    SwitchboardProperties properties;

    @Autowired
    CallStore store;

    private SimulatedCaller caller;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
        registry.add("switchboard.flows.dir", () -> System.getProperty("user.dir") + "/../flows");
        registry.add("switchboard.routing.dir", () -> System.getProperty("user.dir") + "/../routing");
        registry.add("switchboard.calendars.support", () -> "open-now");
    }

    @BeforeEach
    void caller() throws Exception {
        caller = new SimulatedCaller(PromptLibrary.load(properties.prompts().dir()),
                SimulatedCaller.Options.defaults().withCaller("5550177"));
    }

    @AfterEach
    void close() {
        caller.close();
    }

    @Test
    void aSpanishCallerAsksForTheBalanceAndIsOfferedVoicemailWhenNothingBehindTheFlowAnswers() throws Exception {
        CallSession call = caller.dial("sip:100@127.0.0.1:" + properties.sip().port());
        assertThat(call.status(Duration.ofSeconds(10))).isEqualTo(200);
        call.awaitPrompt("language-menu", PROMPT_WAIT);
        call.pressKeys("2");
        call.awaitPrompt("main-menu", PROMPT_WAIT);
        call.pressKeys("3");
        call.awaitPrompt("billing-menu", PROMPT_WAIT);
        call.pressKeys("1");
        call.awaitPrompt("enter-account", PROMPT_WAIT);
        call.pressKeys("123456#");
        call.awaitPrompt("leave-message", PROMPT_WAIT);
        call.awaitPrompt("goodbye", Duration.ofSeconds(30));
        assertThat(call.awaitEnded(Duration.ofSeconds(15))).isEqualTo(CallSession.EndedBy.SERVER);
        assertThat(call.heardNames()).containsExactly("language-menu", "welcome", "main-menu", "billing-menu",
                "enter-account", "leave-message", "beep", "goodbye");

        CallRecord record = TestServer.awaitEnded(store, "5550177");
        List<String> path = record.path().stream().map(p -> p.kind().code() + " " + p.name()).toList();
        assertThat(path).containsSubsequence("step choose-language", "key 2", "step spanish", "step office-hours",
                "step welcome", "step find-account", "step main-menu", "key 3", "step billing-menu",
                "step ask-account", "step find-by-number", "step billing-queue", "step queue-voicemail",
                "step voicemail-ticket/record-message", "step voicemail-ticket/no-message", "step goodbye",
                "flow-end hangup");
        assertThat(record.path()).filteredOn(p -> p.kind() == PathEntry.Kind.PROMPT
                && !p.name().equals("language-menu")).allSatisfy(p -> assertThat(p.detail()).isEqualTo("es"));
    }
}
