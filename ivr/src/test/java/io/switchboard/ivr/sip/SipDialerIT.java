package io.switchboard.ivr.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.Dialer;
import io.switchboard.ivr.call.Dialer.DialTarget;
import io.switchboard.ivr.call.Dialer.Dialled;
import io.switchboard.simulator.CallSession;
import io.switchboard.simulator.SimulatedAgent;
import io.switchboard.simulator.SimulatedAgents;
import io.switchboard.speech.PromptLibrary;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outbound calls from the built-in endpoint to simulated phones over real SIP on loopback. */
class SipDialerIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private SipEndpoint endpoint;
    private SimulatedAgents phones;
    private Dialer dialer;

    @BeforeEach
    void start() throws Exception {
        phones = new SimulatedAgents(PromptLibrary.of(List.of()), SimulatedAgents.Options.to("127.0.0.1:1")
                .withTiming(Duration.ofMillis(300), Duration.ZERO, Duration.ZERO));
        endpoint = AgentEndpoint.start(42000, PromptLibrary.of(List.of()), RefusingHandler.INSTANCE,
                new TestAgentPhones(), RegistrarConfig.defaults(),
                new OutboundRoute("sip:{number}@127.0.0.1:" + phones.sipPort()));
        dialer = endpoint.dialer();
    }

    @AfterEach
    void stop() {
        phones.close();
        endpoint.close();
    }

    private String contact(String agent) {
        return "sip:" + agent + "@127.0.0.1:" + phones.sipPort();
    }

    private static Dialled await(CompletableFuture<Dialled> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void anAnsweringPhoneGivesAnAnsweredLegWithTheContextInItsInvite() throws Exception {
        SimulatedAgent agent = phones.line("1001");
        Map<String, String> context = new LinkedHashMap<>();
        context.put("Caller", "5550100");
        context.put("Queue", "sales\r\nVia: SIP/2.0/UDP evil"); // folded into one harmless line
        context.put("Bad Name", "dropped");
        Dialled d = await(dialer.dial(new DialTarget.AgentPhone("1001", contact("1001")), "5550100", context,
                Duration.ofSeconds(5)));
        assertThat(d).isInstanceOf(Dialled.Answered.class);
        CallLeg leg = ((Dialled.Answered) d).leg();
        assertThat(leg.isGone()).isFalse();
        assertThat(leg.facts().caller()).isEqualTo("5550100");
        assertThat(agent.offers()).containsExactly(Map.of("Caller", "5550100", "Queue", "salesVia: SIP/2.0/UDP evil"));
        CallSession atPhone = agent.awaitCall(WAIT);
        assertThat(atPhone).isNotNull();

        atPhone.hangup(); // the agent hangs up: the leg ends
        CallEnd end = leg.ended().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(end.hungUpBy()).isEqualTo(CallEnd.Party.CALLER);
        awaitNoCalls();
    }

    @Test
    void hangingUpTheLegSendsByeToThePhone() throws Exception {
        SimulatedAgent agent = phones.line("1001");
        CallLeg leg = ((Dialled.Answered) await(dialer.dial(new DialTarget.AgentPhone("1001", contact("1001")),
                "5550100", Map.of(), Duration.ofSeconds(5)))).leg();
        CallSession atPhone = agent.awaitCall(WAIT);
        leg.hangup();
        assertThat(atPhone.awaitEnded(WAIT)).isEqualTo(CallSession.EndedBy.SERVER);
        awaitNoCalls();
    }

    @Test
    void aPhoneThatRingsOutTheTimeoutIsCancelled() throws Exception {
        SimulatedAgent agent = phones.line("1001");
        agent.behave(SimulatedAgent.Behaviour.IGNORE);
        Dialled d = await(dialer.dial(new DialTarget.AgentPhone("1001", contact("1001")), "5550100", Map.of(),
                Duration.ofMillis(800)));
        assertThat(d).isInstanceOf(Dialled.NoAnswer.class);
        awaitCancels(agent, 1);
        awaitNoCalls();
    }

    @Test
    void cancellingTheFutureCancelsTheRinging() throws Exception {
        SimulatedAgent agent = phones.line("1001");
        agent.behave(SimulatedAgent.Behaviour.IGNORE);
        CompletableFuture<Dialled> f = dialer.dial(new DialTarget.AgentPhone("1001", contact("1001")), "5550100",
                Map.of(), Duration.ofSeconds(30));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (agent.timesRung() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling with a deadline
        }
        f.cancel(false);
        awaitCancels(agent, 1);
        awaitNoCalls();
    }

    @Test
    void busyAndDeclinedAndUnknownPhonesSaySo() throws Exception {
        phones.line("1001").behave(SimulatedAgent.Behaviour.BUSY);
        assertThat(await(dialer.dial(new DialTarget.AgentPhone("1001", contact("1001")), "5550100", Map.of(),
                Duration.ofSeconds(5)))).isInstanceOf(Dialled.Busy.class);
        assertThat(await(dialer.dial(new DialTarget.AgentPhone("2002", contact("2002")), "5550100", Map.of(),
                Duration.ofSeconds(5)))).isEqualTo(new Dialled.Failed("SIP 404 Not found"));
        awaitNoCalls();
    }

    @Test
    void aNumberGoesThroughTheOutboundRouteAndABadOneIsRefused() throws Exception {
        SimulatedAgent customer = phones.line("+4930123456");
        Dialled d = await(dialer.dial(new DialTarget.Number("+4930123456"), "hotline", Map.of(),
                Duration.ofSeconds(5)));
        assertThat(d).isInstanceOf(Dialled.Answered.class);
        assertThat(customer.awaitCall(WAIT)).isNotNull();
        ((Dialled.Answered) d).leg().hangup();

        assertThat(await(dialer.dial(new DialTarget.Number("12@evil.example"), "hotline", Map.of(),
                Duration.ofSeconds(5)))).isEqualTo(new Dialled.Failed(
                        "not a number to dial: 3-20 digits with an optional leading +"));
        awaitNoCalls();
    }

    private static void awaitCancels(SimulatedAgent agent, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (agent.timesCancelled() < count && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling with a deadline
        }
        assertThat(agent.timesCancelled()).isEqualTo(count);
    }

    /** Every slot and RTP port is given back. */
    private void awaitNoCalls() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (endpoint.capacity().used() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling with a deadline
        }
        assertThat(endpoint.capacity().used()).isZero();
    }
}
