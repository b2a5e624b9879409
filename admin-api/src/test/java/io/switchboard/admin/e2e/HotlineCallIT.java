package io.switchboard.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.admin.TestServer;
import io.switchboard.ivr.store.CallRecord;
import io.switchboard.ivr.store.CallStore;
import io.switchboard.ivr.testing.TestDatabase;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.CallStats;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.PromptLibrary;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton end to end: the real server (built-in SIP endpoint, a small test flow, real PostgreSQL)
 * answers a simulated caller who presses a key; the caller hears exactly the right prompts, and the call and its
 * path are in the database and in {@code GET /api/calls}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HotlineCallIT {

    private static final TestDatabase DB = TestDatabase.create(HotlineCallIT.class);
    private static final Duration PROMPT_WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int httpPort;

    @Autowired
    SwitchboardProperties properties;

    @Autowired
    CallStore store;

    private SimulatedCaller caller;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        TestServer.configure(registry, DB);
    }

    @BeforeEach
    void caller() throws Exception {
        caller = new SimulatedCaller(PromptLibrary.load(properties.prompts().dir()),
                SimulatedCaller.Options.defaults().withCaller("5550142"));
    }

    @AfterEach
    void close() {
        caller.close();
    }

    @Test
    void callerPresses2AndHearsSupportThenGoodbyeAndTheCallIsRecorded() throws Exception {
        CallSession call = caller.dial(uri("100"));
        assertThat(call.status(Duration.ofSeconds(10))).isEqualTo(200);
        call.awaitPrompt("welcome", PROMPT_WAIT);
        call.awaitPrompt("main-menu", PROMPT_WAIT);
        call.pressKeys("2");
        call.awaitPrompt("goodbye", PROMPT_WAIT);
        assertThat(call.awaitEnded(Duration.ofSeconds(15))).isEqualTo(CallSession.EndedBy.SERVER);

        assertThat(call.heardNames()).containsExactly("welcome", "main-menu", "support", "goodbye");
        CallStats stats = call.stats();
        assertThat(stats.sequenceBreaks()).isZero();
        assertThat(stats.timestampBreaks()).isZero();
        assertThat(stats.markers()).isEqualTo(4);
        System.out.println("HotlineCallIT figures: " + stats);

        CallRecord record = TestServer.awaitEnded(store, "5550142");
        assertThat(record.dialed()).isEqualTo("100");
        assertThat(record.flowId()).isEqualTo("hotline");
        assertThat(record.flowVersion()).isEqualTo(1);
        assertThat(record.answeredAt()).isNotNull();
        assertThat(record.hangupCause()).isEqualTo("normal");
        assertThat(record.hungUpBy()).isEqualTo("system");
        List<String> path = record.path().stream().map(p -> p.kind().code() + " " + p.name()).toList();
        assertThat(path).containsExactly("step welcome", "prompt welcome", "step main-menu", "prompt main-menu",
                "key 2", "step support", "prompt support", "step goodbye", "prompt goodbye", "step hang-up",
                "flow-end hangup");

        JsonNode api = TestServer.get(httpPort, "/api/calls?limit=5").json();
        JsonNode mine = null;
        for (JsonNode c : api) {
            if (c.get("id").stringValue().equals(record.id())) {
                mine = c;
            }
        }
        assertThat(mine).as("the call in GET /api/calls").isNotNull();
        assertThat(mine.get("flow").get("id").stringValue()).isEqualTo("hotline");
        assertThat(SippCallIT.pathOf(mine)).contains("key 2 rfc4733").containsSubsequence("step support",
                "prompt support");
    }

    @Test
    void aKeySentBySipInfoTakesItsBranchToo() throws Exception {
        CallSession call = caller.dial(uri("100"));
        assertThat(call.status(Duration.ofSeconds(10))).isEqualTo(200);
        call.awaitPrompt("main-menu", PROMPT_WAIT);
        call.pressKeysInfo("1");
        call.awaitPrompt("sales", PROMPT_WAIT);
        call.hangup();
        CallRecord record = TestServer.awaitEnded(store, "5550142");
        assertThat(record.hungUpBy()).isEqualTo("caller");
        assertThat(record.path()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(io.switchboard.ivr.store.PathEntry.Kind.KEY);
            assertThat(p.name()).isEqualTo("1");
            assertThat(p.detail()).isEqualTo("sip-info");
        });
    }

    @Test
    void anyNumberReachesTheDefaultFlow() throws Exception {
        CallSession call = caller.dial(uri("4711"));
        assertThat(call.status(Duration.ofSeconds(10))).isEqualTo(200);
        call.awaitPrompt("welcome", PROMPT_WAIT);
        call.hangup();
        assertThat(TestServer.awaitEnded(store, "5550142").dialed()).isEqualTo("4711");
    }

    private String uri(String number) {
        return "sip:" + number + "@127.0.0.1:" + properties.sip().port();
    }
}
