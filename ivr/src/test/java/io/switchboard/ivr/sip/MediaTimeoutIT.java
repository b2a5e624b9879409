package io.switchboard.ivr.sip;

import static io.switchboard.ivr.sip.EndpointUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.FlowCompiler;
import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.ivr.Hotline;
import io.switchboard.ivr.flow.PublishedFlow;
import io.switchboard.ivr.store.CallRecord;
import io.switchboard.ivr.store.CallStore;
import io.switchboard.ivr.store.CallWriter;
import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.store.PathEntry;
import io.switchboard.ivr.testing.TestDatabase;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A caller whose RTP stops (a dead phone, a lost network) over real SIP on loopback, through the Hotline into
 * PostgreSQL: the call is recorded as ended by the server, cause media-timeout, and its flow end says media-timeout
 * rather than caller-hung-up.
 */
class MediaTimeoutIT {

    private static final String FLOW = """
            flow: wait
            start: menu
            steps:
              menu:
                menu:
                  prompt: [hello]
                  options: {"1": bye}
                  timeout: 30s
                  on-failure: bye
              bye: {hangup: {}}
            """;

    @Test
    void aCallEndedByTheMediaTimeoutIsRecordedAsTheServersHangUp() throws Exception {
        try (Database database = TestDatabase.create(MediaTimeoutIT.class).open()) {
            CallStore store = new CallStore(database.dataSource(), "node-mt");
            PublishedFlow flow = new PublishedFlow("wait", 1, FlowCompiler.compile("wait.yaml", FLOW));
            int port;
            try (DatagramSocket s = new DatagramSocket(0)) {
                port = s.getLocalPort();
            }
            try (CallWriter writer = new CallWriter(store);
                    SipEndpoint endpoint = new SipEndpoint(new SipEndpointConfig("127.0.0.1", port, 40000, 40999,
                            Duration.ofSeconds(1)), PromptLibrary.of(List.of(new Prompt("hello", "en",
                                    SipEndpointIT.tone(440, 500)))),
                            new Hotline(dialed -> Optional.of(flow), writer, new FlowInterpreter()));
                    RawSipClient phone = new RawSipClient(port)) {
                endpoint.start();
                phone.send(phone.invite("100", phone.defaultOffer()));
                phone.awaitResponse("INVITE", 200, WAIT);
                phone.send(phone.ack("100"));
                // ... and not one RTP packet
                phone.ok(phone.awaitRequest("BYE", WAIT));
                CallRecord call = awaitStored(store, writer);
                assertThat(call.hangupCause()).isEqualTo("media-timeout");
                assertThat(call.hungUpBy()).isEqualTo("system");
                assertThat(call.path().getLast().kind()).isEqualTo(PathEntry.Kind.FLOW_END);
                assertThat(call.path().getLast().name()).isEqualTo("media-timeout");
            }
        }
    }

    private static CallRecord awaitStored(CallStore store, CallWriter writer) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            assertThat(writer.flush(WAIT)).isTrue();
            List<CallRecord> latest = store.latest(1);
            if (!latest.isEmpty() && latest.getFirst().hasEnded() && latest.getFirst().path().stream()
                    .anyMatch(p -> p.kind() == PathEntry.Kind.FLOW_END)) {
                return latest.getFirst();
            }
            assertThat(System.nanoTime()).as("the call ended and stored").isLessThan(deadline);
            Thread.sleep(50); // polling the store with a deadline
        }
    }
}
