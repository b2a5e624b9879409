package io.switchboard.ivr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.HangupCause;
import io.switchboard.ivr.testing.SimulatedAgiSession;
import io.switchboard.ivr.testing.SimulatedAmi;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AMI link against a simulated Asterisk manager (banner, MD5 login, events and responses with ActionID as a real
 * Asterisk 20 sends them): its events keep the channel registry, a Hangup ends the FastAGI call on that channel at
 * once, and after the link drops and returns the calls whose channels vanished meanwhile are ended.
 */
class AmiLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static SimulatedAmi ami;
    private static FastAgiService agi;
    private static AmiLink link;
    private static final AsteriskChannels CHANNELS = new AsteriskChannels();

    @BeforeAll
    static void start() throws Exception {
        ami = new SimulatedAmi("switchboard", "ami-test-secret");
        agi = new FastAgiService(InetAddress.getLoopbackAddress(), 0, AgiLimits.DEFAULT,
                (call, flow) -> call.play(List.of(new PromptRef("welcome")), false),
                dialed -> Optional.of(FastAgiServiceTest.FLOW), Clock.systemUTC(), "/tmp");
        agi.start();
        link = new AmiLink("127.0.0.1", ami.port(), "switchboard", "ami-test-secret", agi.sessions(), CHANNELS,
                Clock.systemUTC(), Duration.ofMillis(20), Duration.ofMillis(200));
        link.start();
        await(() -> link.isUp() && ami.channelLists() >= 1, "the link logs in and lists the channels");
    }

    @AfterAll
    static void stop() throws Exception {
        link.close();
        agi.close();
        ami.close();
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10); // polling with a deadline
        }
    }

    /** A caller on channel {@code uniqueId} whose flow is playing a prompt Asterisk has not finished. */
    private static AgiCall callPlaying(String uniqueId, SimulatedAgiSession asterisk) throws InterruptedException {
        await(() -> asterisk.heard().contains("welcome"), "the prompt is playing");
        return agi.sessions().call(uniqueId).orElseThrow();
    }

    @Test
    void eventsKeepTheChannelRegistry() throws Exception {
        ami.newChannel("1796053200.1", "SIP/127.0.0.1-00000011");
        await(() -> CHANNELS.isLive("1796053200.1"), "Newchannel registers the channel");
        ami.hangup("1796053200.1");
        await(() -> !CHANNELS.isLive("1796053200.1"), "Hangup removes it");
    }

    @Test
    void aHangupRequestEndsTheCallWhileAsteriskIsStillInTheCommand() throws Exception {
        ami.newChannel("1796053200.2", "SIP/127.0.0.1-00000012");
        try (SimulatedAgiSession asterisk = SimulatedAgiSession.to(agi.port()).uniqueId("1796053200.2")
                .stallAt("welcome").start()) {
            AgiCall call = callPlaying("1796053200.2", asterisk);
            ami.hangupRequest("1796053200.2"); // Asterisk sends Hangup itself only once the FastAGI socket closed
            CallEnd end = call.ended().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(end.cause()).isEqualTo(HangupCause.NORMAL);
            assertThat(end.hungUpBy()).isEqualTo(CallEnd.Party.CALLER);
            assertThat(asterisk.awaitClosed(WAIT)).as("the session's connection is closed").isTrue();
        }
    }

    @Test
    void afterTheLinkReturnsTheCallsWhoseChannelsVanishedAreEndedAndTheOthersGoOn() throws Exception {
        ami.newChannel("1796053200.3", "SIP/127.0.0.1-00000013");
        ami.newChannel("1796053200.4", "SIP/127.0.0.1-00000014");
        await(() -> CHANNELS.isLive("1796053200.4"), "both channels registered");
        try (SimulatedAgiSession gone = SimulatedAgiSession.to(agi.port()).uniqueId("1796053200.3")
                .stallAt("welcome").start();
                SimulatedAgiSession stays = SimulatedAgiSession.to(agi.port()).uniqueId("1796053200.4")
                        .stallAt("welcome").start()) {
            AgiCall vanished = callPlaying("1796053200.3", gone);
            AgiCall kept = callPlaying("1796053200.4", stays);
            int logins = ami.logins();
            ami.dropLinkWhile("1796053200.3");
            CallEnd end = vanished.ended().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(end.cause()).isEqualTo(HangupCause.CARRIER_LOST);
            assertThat(ami.logins()).as("the link logged in again").isGreaterThan(logins);
            await(link::isUp, "the link is up again");
            assertThat(kept.isGone()).isFalse();
            assertThat(CHANNELS.live()).contains("1796053200.4").doesNotContain("1796053200.3");
            ami.hangup("1796053200.4");
            assertThat(kept.ended().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS).hungUpBy())
                    .as("events flow again after the reconnect").isEqualTo(CallEnd.Party.CALLER);
        }
    }

    @Test
    void aWrongSecretNeverLogsInAndKeepsTrying() throws Exception {
        try (AmiLink wrong = new AmiLink("127.0.0.1", ami.port(), "switchboard", "not-the-secret", agi.sessions(),
                new AsteriskChannels(), Clock.systemUTC(), Duration.ofMillis(10), Duration.ofMillis(20))) {
            int refused = ami.refusedLogins();
            wrong.start();
            await(() -> ami.refusedLogins() >= refused + 2, "it retried after the refusal");
            assertThat(wrong.isUp()).isFalse();
        }
    }
}
