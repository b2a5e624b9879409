package io.switchboard.ivr.sip;

import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.ivr.call.CallEnd;
import io.switchboard.ivr.call.CallHandler;
import io.switchboard.ivr.call.CallLeg;
import io.switchboard.ivr.call.CallObserver;
import io.switchboard.speech.Prompt;
import io.switchboard.speech.PromptLibrary;
import java.io.IOException;
import java.net.DatagramSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A running endpoint on loopback whose calls answer, play a long prompt and collect keys until the caller goes; it
 * notes every key and every call end, in order, for the limit and media tests.
 */
final class EndpointUnderTest implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    final BlockingQueue<String> keys = new LinkedBlockingQueue<>();
    final List<CallEnd> ends = new CopyOnWriteArrayList<>();
    final SipEndpoint endpoint;
    final int port;

    /** Dialed numbers other than 100 get 404. */
    EndpointUnderTest(int rtpBase, UnaryOperator<SipEndpointConfig> configure) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        SipEndpointConfig config = configure.apply(new SipEndpointConfig("127.0.0.1", port, rtpBase, rtpBase + 999,
                Duration.ofSeconds(30)));
        endpoint = new SipEndpoint(config, PromptLibrary.of(List.of(new Prompt("hello", "en",
                SipEndpointIT.tone(440, 60_000)))), new CallHandler() {
                    @Override
                    public boolean accepts(String dialed) {
                        return dialed.equals("100");
                    }

                    @Override
                    public void handle(CallLeg call) {
                        call.addObserver(new CallObserver() {
                            @Override
                            public void keyPressed(char key, String via, Instant at) {
                                keys.add(key + " " + via);
                            }

                            @Override
                            public void ended(CallEnd end) {
                                ends.add(end);
                            }
                        });
                        call.answer();
                        call.play(List.of(new PromptRef("hello")), true);
                        while (!(call.nextKey(Duration.ofSeconds(1)) instanceof KeyOutcome.HungUp)) {
                            // keep taking keys until the call ends
                        }
                    }
                });
        endpoint.start();
    }

    /** The next key noted, or fails after {@link #WAIT}. */
    String nextKey() throws InterruptedException {
        String key = keys.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (key == null) {
            throw new AssertionError("no key within " + WAIT);
        }
        return key;
    }

    /** Waits (polling, up to {@code within}) until {@code count} calls have ended; returns them all. */
    List<CallEnd> awaitEnds(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (ends.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling with a deadline
        }
        if (ends.size() < count) {
            throw new AssertionError(count + " call ends expected within " + within + ", saw " + ends);
        }
        return new ArrayList<>(ends);
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
