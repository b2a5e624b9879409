package io.switchboard.ivr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.flow.PublishedFlow;
import io.switchboard.ivr.testing.AsteriskTranscript;
import io.switchboard.ivr.testing.SimulatedAgiSession;
import io.switchboard.speech.testing.Fuzz;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever reaches the FastAGI port (a broken Asterisk, a port scanner, garbage), the service ends that session
 * alone, keeps every bound, and goes on serving the next one.
 */
class FastAgiInputTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AgiLimits LIMITS = new AgiLimits(1024, 64, Duration.ofHours(1), 10_000); // no read timeout in a test
    private static final BlockingQueue<AgiCall> CALLS = new LinkedBlockingQueue<>();
    private static FastAgiService service;

    @BeforeAll
    static void start() throws Exception {
        PublishedFlow flow = FastAgiServiceTest.FLOW;
        service = new FastAgiService(InetAddress.getLoopbackAddress(), 0, LIMITS, (call, f) -> {
            CALLS.add((AgiCall) call);
            call.answer();
            call.nextKey(Duration.ofMillis(200));
        }, dialed -> Optional.of(flow), Clock.systemUTC(), "/tmp");
        service.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @BeforeEach
    void clear() {
        CALLS.clear();
    }

    /** Sends {@code bytes}, closes our side, and reports whether the server closed its side within the wait. */
    private static boolean serverClosesAfter(byte[] bytes, boolean closeOurSide) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
            s.setSoTimeout((int) WAIT.toMillis());
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            if (closeOurSide) {
                s.shutdownOutput();
            }
            InputStream in = s.getInputStream();
            byte[] sink = new byte[4096];
            try {
                while (in.read(sink) >= 0) {
                    // the server's commands to a session it ran; read until it closes
                }
                return true;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the server
            }
        }
    }

    @Test
    void aLineLongerThanTheBoundEndsTheSessionBeforeAnyCall() throws Exception {
        byte[] line = ("agi_network_script: " + "1".repeat(2000) + "\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(serverClosesAfter(line, false)).isTrue();
        assertThat(CALLS).isEmpty();
    }

    @Test
    void tooManyLinesWithoutACommandEndTheSessionBeforeAnyCall() throws Exception {
        byte[] lines = "agi_x: y\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        assertThat(serverClosesAfter(lines, false)).isTrue();
        assertThat(CALLS).isEmpty();
    }

    @Test
    void aReplyThatIsNotAgiEndsTheCallAsAFailure() throws Exception {
        StringBuilder env = new StringBuilder();
        AsteriskTranscript.load("agi-session-20.20.1.txt").environment().forEach(env::append);
        env.append("this is not AGI\n");
        assertThat(serverClosesAfter(env.toString().getBytes(StandardCharsets.UTF_8), false)).isTrue();
        AgiCall call = CALLS.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(call).isNotNull();
        assertThat(call.ended().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS).cause())
                .isEqualTo(io.switchboard.ivr.call.HangupCause.FAILURE);
    }

    @Test
    void garbageFromTheSocketNeverStopsTheService() throws Exception {
        StringBuilder seed = new StringBuilder();
        AsteriskTranscript transcript = AsteriskTranscript.load("agi-session-20.20.1.txt");
        transcript.lines().stream().filter(AsteriskTranscript.Line::fromAsterisk).forEach(l -> seed.append(l.text()));
        String text = seed.toString();
        Fuzz.check("fastagi-session", r -> Fuzz.mutate(r, text), Fuzz::describe,
                bytes -> assertThat(serverClosesAfter(bytes, true)).as("the server ended the session").isTrue());
        try (SimulatedAgiSession asterisk = SimulatedAgiSession.to(service.port()).pressWhenWaited('7').start()) {
            assertThat(asterisk.awaitClosed(WAIT)).isTrue();
            assertThat(asterisk.commands()).startsWith("ANSWER", "WAIT FOR DIGIT 200");
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (service.sessions().count() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(service.sessions().count()).as("sessions left open").isZero();
        assertThat(service.sessions().calls()).isEmpty();
        assertThat(service.isListening()).isTrue();
    }
}
