package io.switchboard.ivr.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.ivr.call.CallHandler;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.Dialer.DialTarget;
import io.switchboard.ivr.call.Dialer.Dialled;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedAgent;
import io.switchboard.simulator.SimulatedAgents;
import io.switchboard.simulator.SimulatedCaller;
import io.switchboard.speech.AudioCodec;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A caller bridged to an agent's phone over real SIP and RTP on loopback: the caller hears hold audio until the agent
 * answers, then each hears the other (the caller in PCMU, the agent in PCMA: transcoded both ways), keys pass from
 * one to the other (RFC 4733 or SIP INFO in, RFC 4733 out), and either hanging up ends both.
 */
class SipBridgeIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Hold audio: a tone, played until the agent answers. */
    private static final Prompt HOLD = new Prompt("hold", "en", SipEndpointIT.tone(440, 30_000));
    /** What the agent says and what the caller says: audio that both G.711 laws carry exactly. */
    private static final Prompt AGENT_VOICE = new Prompt("agent-voice", "en", exactInBothLaws(1, 2_000));
    private static final Prompt CALLER_VOICE = new Prompt("caller-voice", "en", exactInBothLaws(2, 2_000));
    private static final PromptLibrary LIBRARY = PromptLibrary.of(List.of(HOLD, AGENT_VOICE, CALLER_VOICE));

    private final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
    private SipEndpoint endpoint;
    private SimulatedAgents phones;
    private SimulatedCaller caller;
    private SimulatedAgent agent;

    @BeforeEach
    void start() throws Exception {
        phones = new SimulatedAgents(LIBRARY, SimulatedAgents.Options.to("127.0.0.1:1").withCodec(AudioCodec.PCMA)
                .withTiming(Duration.ofMillis(1_500), Duration.ZERO, Duration.ZERO).withVoice(AGENT_VOICE));
        agent = phones.line("1001");
        String contact = "sip:1001@127.0.0.1:" + phones.sipPort();
        CallHandler queue = new CallHandler() {
            @Override
            public boolean accepts(String dialed) {
                return dialed.equals("200");
            }

            @Override
            public void handle(CallLeg call) {
                call.answer();
                CompletableFuture<Dialled> dial = endpoint.dialer().dial(new DialTarget.AgentPhone("1001", contact),
                        call.facts().caller(), Map.of(), Duration.ofSeconds(5));
                PlayOutcome hold = call.play(List.of(new PromptRef("hold")), false, dial);
                outcomes.add("hold " + hold);
                CallLeg leg = ((Dialled.Answered) dial.join()).leg();
                outcomes.add("self " + call.bridge(call).isPresent());
                var bridge = call.bridge(leg);
                outcomes.add("bridged " + bridge.isPresent());
                CompletableFuture.anyOf(call.ended().toCompletableFuture(), leg.ended().toCompletableFuture())
                        .join();
                call.hangup();
                leg.hangup();
            }
        };
        endpoint = AgentEndpoint.start(43000, LIBRARY, queue, new TestAgentPhones(), RegistrarConfig.defaults(),
                OutboundRoute.loopback());
        caller = new SimulatedCaller(LIBRARY, SimulatedCaller.Options.defaults().withCodec(AudioCodec.PCMU));
    }

    @AfterEach
    void stop() {
        caller.close();
        phones.close();
        endpoint.close();
    }

    @Test
    void callerAndAgentHearEachOtherThroughTranscodingAndKeysPassOn() throws Exception {
        CallSession call = caller.dial("sip:200@127.0.0.1:" + endpoint.port());
        assertThat(call.status(WAIT)).isEqualTo(200);
        call.talk(CALLER_VOICE);
        call.awaitPrompt("hold", WAIT);
        CallSession atAgent = agent.awaitCall(WAIT);
        assertThat(atAgent).isNotNull();
        assertThat(atAgent.codec()).isEqualTo(AudioCodec.PCMA);
        assertThat(call.awaitPrompt("agent-voice", WAIT).startNanos()).isGreaterThan(
                call.awaitPrompt("hold", WAIT).startNanos());
        atAgent.awaitPrompt("caller-voice", WAIT);
        assertThat(List.of(outcomes.take(), outcomes.take(), outcomes.take()))
                .containsExactly("hold STOPPED", "self false", "bridged true");

        call.pressKeys("5#");
        atAgent.pressKeys("7");
        awaitKeys(atAgent, "5#");
        awaitKeys(call, "7");
        call.pressKeysInfo("9"); // a key by SIP INFO reaches the agent as an RFC 4733 event
        awaitKeys(atAgent, "5#9");

        atAgent.hangup();
        assertThat(call.awaitEnded(WAIT)).isEqualTo(CallSession.EndedBy.SERVER);
        assertThat(call.heardNames()).doesNotContain("caller-voice"); // the caller never hears itself
    }

    @Test
    void theCallerHangingUpEndsTheAgentsCall() throws Exception {
        CallSession call = caller.dial("sip:200@127.0.0.1:" + endpoint.port());
        assertThat(call.status(WAIT)).isEqualTo(200);
        CallSession atAgent = agent.awaitCall(WAIT);
        call.awaitPrompt("agent-voice", WAIT);
        call.hangup();
        assertThat(atAgent.awaitEnded(WAIT)).isEqualTo(CallSession.EndedBy.SERVER);
    }

    private static void awaitKeys(CallSession session, String keys) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!session.keysReceived().equals(keys) && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling with a deadline
        }
        assertThat(session.keysReceived()).isEqualTo(keys);
    }

    /**
     * Audible samples that μ-law and A-law both reproduce exactly, in a seeded random order: relayed from A-law to
     * μ-law they arrive as the very bytes the μ-law recogniser expects, so the test can tell what each side heard.
     */
    static short[] exactInBothLaws(long seed, int millis) {
        List<Short> exact = new ArrayList<>();
        for (int v = -32768; v <= 32767; v++) {
            short s = (short) v;
            if (Math.abs(v) > 100 && AudioCodec.PCMU.decode(AudioCodec.PCMU.encode(s)) == s
                    && AudioCodec.PCMA.decode(AudioCodec.PCMA.encode(s)) == s) {
                exact.add(s);
            }
        }
        assertThat(exact).hasSizeGreaterThanOrEqualTo(2); // few, and quiet, but audible to the recogniser
        Random random = new Random(seed);
        short[] pcm = new short[8 * millis];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = exact.get(random.nextInt(exact.size()));
        }
        return pcm;
    }
}
